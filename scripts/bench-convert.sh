#!/usr/bin/env bash
# Throughput benchmark of `hipfx convert` (not a test): synthetic 2500 x 3000 16-bit radiographs, uncompressed and
# JPEG Lossless SV1 (made with DCMTK's dcmcjpeg when installed). Prints a Markdown table, writes JSON (default
# artifacts/bench/convert.json). Targets: 30 images/s per core uncompressed, 5 per core JPEG Lossless.
# Usage: scripts/bench-convert.sh [--quick] [--width 2500] [--height 3000] [--copies 8] [--png-level 1] [--out PATH] [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Build quietly; show the log only when the build fails.
if ! log="$(dotnet build bench/HipFx.Convert.Bench -c Release -v q -nologo 2>&1)"; then echo "$log" >&2; exit 1; fi
exec dotnet bench/HipFx.Convert.Bench/bin/Release/net10.0/HipFx.Convert.Bench.dll "$@"
