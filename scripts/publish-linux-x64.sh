#!/usr/bin/env bash
# Publishes a self-contained linux-x64 hipfx WITHOUT libtorch binaries and packs it into one archive.
# The result runs on a machine with no .NET, using an existing libtorch, e.g. a PyTorch install:
#
#   tar -xJf hipfx-linux-x64.tar.xz && cd hipfx-linux-x64
#   ./hipfx doctor --libtorch "$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib" --device cuda
#
# Usage: scripts/publish-linux-x64.sh [OUTPUT_DIR]   (default: artifacts/publish)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/artifacts/publish}")"
name=hipfx-linux-x64
limit_mib=60

rm -rf "$out/$name" "$out/$name.tar.xz"
mkdir -p "$out"
# TorchBackend=none: only the TorchSharp package (managed code + libLibTorchSharp.so), no libtorch.
# The publish step always patches libLibTorchSharp.so for hosts with an older libstdc++ (Debian 12), whatever
# this machine has; the patched library also loads on newer hosts.
dotnet publish "$root/src/HipFx.Cli/HipFx.Cli.csproj" -c Release -r linux-x64 --self-contained true \
  -p:TorchBackend=none -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out/$name" -v quiet -nologo
if ls "$out/$name" | grep -qE '^libtorch(_cpu|_cuda)?\.so$'; then
  echo "error: the publish unexpectedly contains libtorch binaries" >&2
  exit 1
fi
tar -C "$out" -cf - "$name" | xz -T0 -6 > "$out/$name.tar.xz"
size=$(stat -c %s "$out/$name.tar.xz")
awk -v s="$size" -v f="$out/$name.tar.xz" 'BEGIN { printf "archive: %s (%.1f MiB)\n", f, s / 1048576 }'
if [ "$size" -gt $((limit_mib * 1024 * 1024)) ]; then
  echo "error: archive is over ${limit_mib} MiB" >&2
  exit 1
fi
