#!/usr/bin/env bash
# hipfx on a borrowed GPU machine, unattended, in under 8 minutes: doctor, golden forward checks on CUDA against the
# CPU goldens, bench train at 1024² (batch 64 and 16; and over every GPU when there are several), and a short
# training run. Writes <out>/gpu-check.json and <out>/gpu-check.md (one row per stage) and the stages' own outputs.
#
# Needs: the published archive unpacked (scripts/publish-linux-x64.sh; pass its hipfx with --hipfx) and a PyTorch
# install with CUDA (its torch/lib is found with python3, or pass --libtorch). No .NET SDK needed.
#
#   scripts/gpu-check.sh --hipfx ./hipfx-linux-x64/hipfx [--libtorch DIR] [--device cuda:0] [--golden DIR]
#                        [--train-config FILE] [--out DIR] [--budget SECONDS] [--dry-run]
#
# --dry-run checks the arguments and prints the stages without running them (how it is tested without a GPU).
# Exit code: 0 when every stage that ran passed, 1 when one failed, 2 on bad arguments.
set -uo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "gpu-check: $*" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
hipfx=""; libtorch=""; device="cuda:0"; golden=""; train_config=""; out=""; budget=470; dry=0
while [ $# -gt 0 ]; do
  case "$1" in
    --hipfx) [ $# -ge 2 ] || die "--hipfx needs a path"; hipfx="$2"; shift 2 ;;
    --libtorch) [ $# -ge 2 ] || die "--libtorch needs a folder"; libtorch="$2"; shift 2 ;;
    --device) [ $# -ge 2 ] || die "--device needs a value"; device="$2"; shift 2 ;;
    --golden) [ $# -ge 2 ] || die "--golden needs a folder"; golden="$2"; shift 2 ;;
    --train-config) [ $# -ge 2 ] || die "--train-config needs a file"; train_config="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out="$2"; shift 2 ;;
    --budget) [ $# -ge 2 ] || die "--budget needs seconds"; budget="$2"; shift 2 ;;
    --dry-run) dry=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[[ "$device" =~ ^cuda(:[0-9]+(,[0-9]+)*)?$ ]] || die "--device must be cuda, cuda:N or cuda:0,1 (got '$device')"
[[ "$budget" =~ ^[0-9]+$ ]] && [ "$budget" -ge 60 ] && [ "$budget" -le 3600 ] || die "--budget must be 60..3600 seconds (got '$budget')"
[ -n "$hipfx" ] || { [ -x "$root/hipfx" ] && hipfx="$root/hipfx"; } || true
[ -n "$hipfx" ] || hipfx="$(command -v hipfx || true)"
[ -n "$hipfx" ] && [ -x "$hipfx" ] || die "no hipfx executable (give --hipfx PATH to the published archive's hipfx)"
if [ -z "$libtorch" ] && [ "$dry" = 0 ]; then
  libtorch="$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))' 2>/dev/null || true)"
  [ -n "$libtorch" ] || die "no PyTorch found with python3; give --libtorch DIR (a torch/lib folder)"
fi
[ -z "$libtorch" ] || [ -d "$libtorch" ] || [ "$dry" = 1 ] || die "--libtorch folder '$libtorch' does not exist"
if [ -z "$golden" ]; then
  for g in "$root/shared/reference/damo-yolo-t-golden-perturbed" "$root/../shared/reference/damo-yolo-t-golden-perturbed"; do
    [ -d "$g" ] && { golden="$g"; break; }
  done
fi
[ -z "$golden" ] || [ -f "$golden/tensors.safetensors" ] || die "--golden '$golden' has no tensors.safetensors"
[ -n "$train_config" ] || { [ -f "$root/configs/synthetic-demo.yaml" ] && train_config="$root/configs/synthetic-demo.yaml"; } || true
[ -z "$train_config" ] || [ -f "$train_config" ] || die "--train-config '$train_config' does not exist"
out="${out:-gpu-check-$(date -u +%Y%m%dT%H%M%SZ)}"
ngpu=$(awk -F, '{print NF}' <<< "${device#cuda:}"); [ "$device" = cuda ] && ngpu=1
first="${device%%,*}"; [ "$first" = cuda ] && first=cuda:0

lt=(); [ -n "$libtorch" ] && lt=(--libtorch "$libtorch")
stages=()   # name|timeout|command...
stages+=("doctor|60|$hipfx doctor --device $device ${lt[*]}")
if [ -n "$golden" ]; then
  stages+=("golden forward $first vs CPU|90|$hipfx bench golden --golden $golden --device $first ${lt[*]} --json $out/golden.json")
fi
stages+=("bench train 1024 b64 $first|120|$hipfx bench train --size 1024 --batch 64 --steps 10 --warmup 3 --device $first ${lt[*]} --json $out/train-1024-b64.json")
stages+=("bench train 1024 b64 NCHW $first|90|$hipfx bench train --size 1024 --batch 64 --steps 10 --warmup 3 --no-channels-last --device $first ${lt[*]} --json $out/train-1024-b64-nchw.json")
stages+=("bench train 1024 b16 $first|60|$hipfx bench train --size 1024 --batch 16 --steps 10 --warmup 3 --device $first ${lt[*]} --json $out/train-1024-b16.json")
stages+=("bench train 1024 b64 bf16 $first|90|$hipfx bench train --size 1024 --batch 64 --steps 10 --warmup 3 --bf16 --device $first ${lt[*]} --json $out/train-1024-b64-bf16.json")
if [ "$ngpu" -gt 1 ]; then
  stages+=("bench train 1024 b64 $device|120|$hipfx bench train --size 1024 --batch 64 --steps 10 --warmup 3 --device $device ${lt[*]} --json $out/train-1024-b64-multi.json")
fi
if [ -n "$train_config" ]; then
  stages+=("synth+split|60|$hipfx synth --out $out/data --count 240 --size 512 --format png && $hipfx split $out/data/manifest.csv --external C")
  stages+=("train (short)|150|$hipfx train --config $train_config --set data.manifest=$out/data/manifest.csv --set train.epochs=3 --device $first ${lt[*]} --project $out/runs --name gpu-check")
fi

if [ "$dry" = 1 ]; then
  echo "gpu-check (dry run): hipfx=$hipfx device=$device gpus=$ngpu budget=${budget}s out=$out"
  for s in "${stages[@]}"; do IFS='|' read -r name limit cmd <<< "$s"; printf '  %-34s %4ss  %s\n' "$name" "$limit" "$cmd"; done
  exit 0
fi

mkdir -p "$out"
start=$(date +%s); failed=0; rows=(); json_rows=()
for s in "${stages[@]}"; do
  IFS='|' read -r name limit cmd <<< "$s"
  left=$(( budget - ($(date +%s) - start) ))
  log="$out/$(tr -c 'a-zA-Z0-9\n' '-' <<< "$name" | tr -s '-').log"
  if [ "$left" -lt 20 ]; then rc=skipped; secs=0
  else
    [ "$limit" -gt "$left" ] && limit=$left
    t0=$(date +%s.%N)
    timeout -k 5 "$limit" bash -c "$cmd" > "$log" 2>&1; rc=$?
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
    [ "$rc" = 0 ] || failed=1
  fi
  # the headline of each stage: images/s for benches, the last line otherwise
  note=$(grep -hE 'images/s|max \|d\||ok\)|AP' "$log" 2>/dev/null | tail -1 | tr '|"' '  ' | cut -c1-150)
  [ -n "$note" ] || note=$(tail -1 "$log" 2>/dev/null | tr '|"' '  ' | cut -c1-150)
  rows+=("| $name | $rc | $secs | $note |")
  json_rows+=("{\"stage\":\"$name\",\"rc\":\"$rc\",\"seconds\":$secs,\"note\":\"$note\",\"log\":\"$log\"}")
  echo "[gpu-check] $name: rc=$rc ${secs}s $note"
done

{
  echo "# hipfx gpu-check ($(date -u +%FT%TZ), $device)"; echo
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null | sed 's/^/- GPU: /'
  echo; echo "| stage | rc | seconds | result |"; echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out/gpu-check.md"
{
  echo "{\"utc\":\"$(date -u +%FT%TZ)\",\"device\":\"$device\",\"hipfx\":\"$hipfx\",\"libtorch\":\"$libtorch\",\"total_seconds\":$(( $(date +%s) - start )),\"stages\":["
  (IFS=,; echo "${json_rows[*]}")
  echo "]}"
} > "$out/gpu-check.json"
echo "gpu-check: $out/gpu-check.md, $out/gpu-check.json"
exit $failed
