#!/usr/bin/env bash
# Throughput benchmark of `hipfx convert` (not a test): synthetic 2500 x 3000 16-bit radiographs, uncompressed and
# JPEG Lossless SV1 (made with DCMTK's dcmcjpeg when installed). Prints a Markdown table, writes
# artifacts/bench/convert.json. Targets: 30 images/s per core uncompressed, 5 per core JPEG Lossless.
# Usage: scripts/bench-convert.sh [--width 2500] [--height 3000] [--copies 8] [--json PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project scripts/bench-convert/HipFx.BenchConvert.csproj -- "$@"
