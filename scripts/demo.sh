#!/usr/bin/env bash
# The main job on synthetic data, on a fresh clone, with no data and no GPU:
#   synth (institutions A, B internal; C external; DICOM) -> split -> train (configs/synthetic-demo.yaml)
#   -> eval on the internal test split and on the external split (tau chosen on val and locked in the run)
#   -> readers (simulated reads, the model's audit as the AI) -> report (when hipfx has it)
# and prints Table II (internal), Table III (external: model, readers) and the run folder's path.
# Every stage is the ordinary hipfx command; run them by hand the same way (README "The main job").
#
# Settings (environment): HIPFX_DEMO_DIR (default runs/demo), HIPFX_DEMO_CONFIG (default configs/synthetic-demo.yaml),
# HIPFX_DEMO_COUNT (images, default 1000), HIPFX_DEMO_SIZE (synthetic image side, default 512),
# HIPFX_DEMO_DIFFICULTY (default easy), HIPFX_DEMO_SET (extra --set assignments for train, space-separated).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${HIPFX_DEMO_DIR:-runs/demo}
CONFIG=${HIPFX_DEMO_CONFIG:-configs/synthetic-demo.yaml}
COUNT=${HIPFX_DEMO_COUNT:-1000}
SIZE=${HIPFX_DEMO_SIZE:-512}
DIFFICULTY=${HIPFX_DEMO_DIFFICULTY:-easy}
start=$(date +%s)

dotnet build src/HipFx.Cli/HipFx.Cli.csproj -c Release -nologo -v quiet
hipfx() { dotnet src/HipFx.Cli/bin/Release/net10.0/hipfx.dll "$@"; }

DATA="$DIR/data"
MANIFEST="$DATA/manifest.csv"
echo "== 1/6 synth: $COUNT images, ${SIZE}px DICOM, difficulty $DIFFICULTY -> $DATA"
hipfx synth --out "$DATA" --count "$COUNT" --size "$SIZE" --format dicom --difficulty "$DIFFICULTY" --seed 1

echo "== 2/6 split: patient-level 0.8/0.1/0.1 of A and B; C kept whole as the external split"
hipfx split "$MANIFEST" --external C

echo "== 3/6 train: $CONFIG"
sets=(--set "data.manifest=$MANIFEST")
for s in ${HIPFX_DEMO_SET:-}; do sets+=(--set "$s"); done
hipfx train --config "$CONFIG" "${sets[@]}" --project "$DIR/runs" --name demo | tee "$DIR/train.log"
RUN=$(sed -n 's/^run folder: //p' "$DIR/train.log" | tail -1)

echo "== 4/6 eval: internal test and external, tau locked on val (tau.json in the run folder)"
hipfx eval --model "$RUN" --manifest "$MANIFEST" --split test --tau-from-val --out "$RUN/eval-test"
hipfx eval --model "$RUN" --manifest "$MANIFEST" --split external --tau-from-val --out "$RUN/eval-external"

echo "== 5/6 readers: simulated surgeons A, B, C in phases I, II, III (the model's suggestions in III)"
hipfx readers simulate --truth "$MANIFEST" --split external --ai "$RUN/eval-external/audit.csv" --out "$RUN/readers/reads.csv"
hipfx readers --truth "$MANIFEST" --split external --reads "$RUN/readers/reads.csv" --ai "$RUN/eval-external/audit.csv" --out "$RUN/readers"

echo "== 6/6 report"
if hipfx --help | grep -E "^  report( |$)" >/dev/null; then
  hipfx report "$RUN"
else
  echo "(hipfx report is not in this build)"
fi

echo
echo "## Table II (internal test split)"
cat "$RUN/eval-test/table2.md"
echo
echo "## Table III (external split: the model)"
cat "$RUN/eval-external/table3.md"
echo
echo "## Table III (external split: the readers, with the model as one more reader)"
cat "$RUN/readers/readers.md"
echo
echo "run folder: $RUN  (demo took $(( $(date +%s) - start )) s)"
