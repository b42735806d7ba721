#!/usr/bin/env bash
# ZeroHead loss benchmark: AlignOTA assignment, losses, and backward into the head outputs, on one batch of dense
# predictions (no model; the whole training step is in scripts/bench-model.sh). Prints a Markdown table and writes
# JSON (default artifacts/bench/loss.json).
# Usage: scripts/bench-loss.sh [--quick] [--batch 8] [--size 1024] [--boxes 3] [--classes 4] [--repeats 5] [--threads 2]
#                              [--device cpu|cuda:0] [--out FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Build quietly; show the log only when the build fails.
if ! log="$(dotnet build bench/HipFx.Loss.Bench -c Release -v q -nologo 2>&1)"; then echo "$log" >&2; exit 1; fi
exec dotnet bench/HipFx.Loss.Bench/bin/Release/net10.0/HipFx.Loss.Bench.dll "$@"
