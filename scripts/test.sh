#!/usr/bin/env bash
# The test command (README "Tests"): builds HipFx.Train.sln and runs every test project, then prints one
# closing line "N passed, N failed[, N skipped]" summed over all projects from their TRX results.
#
#   scripts/test.sh            everything, the Slow category (end-to-end, publish) included
#   scripts/test.sh --fast     without the Slow category
#   scripts/test.sh -- ARGS    extra arguments for dotnet test (e.g. -- --filter FullyQualifiedName~Voc)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
filter=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) filter=(--filter "Category!=Slow") ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: scripts/test.sh [--fast] [-- dotnet-test-args]" >&2; exit 2 ;;
  esac
  shift
done
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build HipFx.Train.sln -c Release -nologo -v quiet
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
# One project at a time, each with its own TRX file (names cannot collide).
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build "${filter[@]}" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" "${extra[@]}" \
    || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); t=$(get total); e=$(get executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then
  failed=1  # a test host crashed or a project failed without a counted test
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ] && [ $status -eq 0 ]
