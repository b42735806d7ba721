#!/usr/bin/env bash
# Runs all four benchmarks (not tests) and collects their JSON in one folder, printing each one's table:
#   model.json    scripts/bench-model.sh   forward latency fused/unfused, forward+loss+backward, peak RSS
#   loss.json     scripts/bench-loss.sh    AlignOTA assignment and ZeroHead losses without the model
#   convert.json  scripts/bench-convert.sh hipfx convert throughput (DICOM -> PNG)
#   synth.json    hipfx synth --bench      synthetic dataset generation throughput
# Quick mode by default (a few minutes on a 2-core CPU box); --full runs each benchmark at its own defaults.
# Usage: scripts/bench.sh [--full] [--out DIR] [--device cpu|cuda:0]      (default DIR: artifacts/bench)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/artifacts/bench"
quick=(--quick)
device=cpu
synth_count=60
while [ $# -gt 0 ]; do
  case "$1" in
    --full) quick=(); synth_count=200 ;;
    --out) out="$(realpath -m "${2:?--out needs a folder}")"; shift ;;
    --device) device="${2:?--device needs a name}"; shift ;;
    *) echo "usage: scripts/bench.sh [--full] [--out DIR] [--device cpu|cuda:0]" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
start=$SECONDS

section() { printf '\n## %s\n\n' "$1"; }

section "model (scripts/bench-model.sh ${quick[*]})"
scripts/bench-model.sh "${quick[@]}" --device "$device" --out "$out/model.json"

section "loss (scripts/bench-loss.sh ${quick[*]})"
scripts/bench-loss.sh "${quick[@]}" --device "$device" --out "$out/loss.json"

section "convert (scripts/bench-convert.sh ${quick[*]})"
scripts/bench-convert.sh "${quick[@]}" --out "$out/convert.json"

section "synth (hipfx synth --bench --count $synth_count)"
# Build quietly; show the log only when the build fails.
if ! log="$(dotnet build src/HipFx.Cli -c Release -v q -nologo 2>&1)"; then echo "$log" >&2; exit 1; fi
work="$(mktemp -d "${TMPDIR:-/tmp}/hipfx-bench-synth.XXXXXX")"
trap 'rm -rf "$work"' EXIT
dotnet src/HipFx.Cli/bin/Release/net10.0/hipfx.dll synth --bench --count "$synth_count" --out "$work"
cp "$work/synth-bench.json" "$out/synth.json"
echo "copied to $out/synth.json"

printf '\nall benchmarks done in %d s; JSON in %s: %s\n' "$((SECONDS - start))" "$out" "$(cd "$out" && ls *.json | tr '\n' ' ')"
