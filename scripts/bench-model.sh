#!/usr/bin/env bash
# DAMO-YOLO-T model benchmark: forward latency per image (unfused/fused, sizes x batches), forward+postprocess,
# training step (forward, ZeroHead loss on synthetic boxes, backward) per training batch, peak process RSS.
# Prints a Markdown table and writes JSON (default artifacts/bench/model.json).
# Usage: scripts/bench-model.sh [--quick] [--sizes 320,640,1024] [--batches 1,4] [--train-batch 2,8] [--train-size 640]
#                               [--boxes 3] [--repeats 3] [--threads 1] [--device cpu|cuda:0] [--weights X.pth] [--out FILE]
# --quick: forward at batches 1,2; training at 320; 2 repeats (later arguments override it).
# Without --weights, the perturbed golden weights (shared/reference) are used when present, so NMS has work to do.
# On a GPU: scripts/bench-model.sh --device cuda:0 --batches 1,32 --train-batch 2,8 --threads 8 (CUDA libtorch: set HIPFX_LIBTORCH to a
# PyTorch torch/lib and build with -p:TorchBackend=none, see README "GPU use"; timings synchronise the device).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Build quietly; show the log only when the build fails.
if ! log="$(dotnet build bench/HipFx.Model.Bench -c Release -v q -nologo 2>&1)"; then echo "$log" >&2; exit 1; fi
weights=()
golden="$root/../shared/reference/damo-yolo-t-golden-perturbed/weights.pt"
if [[ " $* " != *" --weights "* && -f "$golden" ]]; then weights=(--weights "$golden"); fi
exec dotnet bench/HipFx.Model.Bench/bin/Release/net10.0/HipFx.Model.Bench.dll "${weights[@]}" "$@"
