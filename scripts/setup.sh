#!/usr/bin/env bash
# One command on a fresh Debian machine: install the Debian packages, build muslroot, and
# bootstrap a toolchain. Arguments go to `muslroot bootstrap` (default: --prefix ~/cross).
#   scripts/setup.sh
#   scripts/setup.sh --prefix /opt/cross --mirror ../shared/mirror --recipes Tests/mirror-overlay
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-debian-packages.sh
swift build -c release
bin="$(swift build -c release --show-bin-path)/muslroot"
echo "muslroot built: $bin"
"$bin" doctor
if [ $# -eq 0 ]; then set -- --prefix "$HOME/cross"; fi
exec "$bin" bootstrap "$@"
