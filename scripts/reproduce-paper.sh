#!/usr/bin/env bash
# Reproduce the paper's study on real data: your manifest (hipfx convert + lint + split, with the external
# institution as the external split) and configs/damoyolo-t-paper.yaml on GPUs, then the same tables as the paper
# (Table II internal, Table III external with the readers), printed beside the paper's published numbers.
#
#   scripts/reproduce-paper.sh MANIFEST READS_CSV [extra hipfx train options, e.g. --device cuda:0,1,2,3]
#
# MANIFEST: the split manifest (train/val/test internal, external kept whole). READS_CSV: the surgeons' reads
# (image_id, reader, phase I/II/III, label) of the external images, or "-" to skip the reader study.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  sed -n 2,9p "$0"; exit 2
fi
MANIFEST=$1; READS=$2; shift 2

dotnet build src/HipFx.Cli/HipFx.Cli.csproj -c Release -nologo -v quiet
hipfx() { dotnet src/HipFx.Cli/bin/Release/net10.0/hipfx.dll "$@"; }

mkdir -p runs
hipfx train --config configs/damoyolo-t-paper.yaml --set "data.manifest=$MANIFEST" --name paper "$@" | tee runs/paper-train.log
RUN=$(sed -n 's/^run folder: //p' runs/paper-train.log | tail -1)
hipfx eval --model "$RUN" --manifest "$MANIFEST" --split test --tau-from-val --bootstrap 1000 --out "$RUN/eval-test"
hipfx eval --model "$RUN" --manifest "$MANIFEST" --split external --tau-from-val --bootstrap 1000 --out "$RUN/eval-external"
if [ "$READS" != "-" ]; then
  hipfx readers --truth "$MANIFEST" --split external --reads "$READS" --readers A,B,C --ai "$RUN/eval-external/audit.csv" --out "$RUN/readers"
fi
if hipfx --help | grep -E "^  report( |$)" >/dev/null; then hipfx report "$RUN"; fi

echo; echo "## Table II (internal test), ours"; cat "$RUN/eval-test/table2.md"
echo; echo "## Table II, the paper (SPEC.md)"
cat <<'PAPER'
| Fracture type | Accuracy | Sensitivity | Specificity | IoU | Dice |
|---|---|---|---|---|---|
| Displaced FNF | 1.0 | 0.79 | 1.0 | 0.70 | 0.82 |
| Valgus-impacted FNF | 1.0 | 0.80 | 1.0 | 0.70 | 0.82 |
| Stable ITF | 0.99 | 0.95 | 0.99 | 0.83 | 0.89 |
| Unstable ITF | 1.0 | 0.98 | 0.99 | 0.86 | 0.92 |
PAPER
echo; echo "## Table III (external), ours: the model"; cat "$RUN/eval-external/table3.md"
if [ -f "$RUN/readers/readers.md" ]; then echo; echo "## Table III, ours: the readers"; cat "$RUN/readers/readers.md"; fi
echo; echo "## Table III, the paper (readers A, B, C and their average)"
cat <<'PAPER'
| Fracture type | A-Se | A-Sp | B-Se | B-Sp | C-Se | C-Sp | AVG-Se | AVG-Sp |
|---|---|---|---|---|---|---|---|---|
| Displaced FNF | 0.88 | 0.90 | 0.75 | 0.95 | 0.86 | 0.96 | 0.83 | 0.94 |
| Valgus-impacted FNF | 0.80 | 0.95 | 0.93 | 0.85 | 0.94 | 0.91 | 0.89 | 0.90 |
| Stable ITF | 0.84 | 0.94 | 0.89 | 0.94 | 0.92 | 0.96 | 0.88 | 0.95 |
| Unstable ITF | 0.86 | 0.98 | 0.80 | 0.99 | 0.89 | 0.99 | 0.85 | 0.99 |
| Micro AVG | 0.83 | 0.96 | 0.78 | 0.95 | 0.87 | 0.97 | 0.83 | 0.96 |
| Macro AVG | 0.68 | 0.95 | 0.68 | 0.94 | 0.72 | 0.97 | 0.69 | 0.95 |
PAPER
echo; echo "run folder: $RUN"
