#!/usr/bin/env bash
# Installs the Debian packages muslroot and its recipes need (scripts/debian-packages.txt, or the list
# given), if missing.
set -euo pipefail
list="${1:-$(dirname "$0")/debian-packages.txt}"
missing=()
while read -r p; do
    [ -n "$p" ] || continue
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done < "$list"
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -q
    $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
