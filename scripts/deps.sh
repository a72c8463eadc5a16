#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Minuit: a C
# compiler and the GL/X11 headers Fyne needs; with --test also Xvfb and D-Bus for window
# tests, mingw, wine and NSIS for the Windows build and installer.
# Elsewhere it only checks for Go and a C compiler (macOS: Xcode command line tools;
# Windows: MSYS2/TDM-GCC).
set -euo pipefail
pkgs=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev)
if [ "${1:-}" = "--test" ]; then
  # wine and nsis: the Windows build and installer tested under wine (scripts/wine-test.sh)
  pkgs+=(xvfb xauth dbus x11-utils gcc-mingw-w64-x86-64 openssl wine64 wine nsis xz-utils shellcheck desktop-file-utils)
fi
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
export PATH="$PATH:/usr/local/go/bin:$HOME/go/bin"
command -v go >/dev/null || { echo "Go is missing: install it from go.dev/dl" >&2; exit 1; }
command -v gcc >/dev/null || command -v cc >/dev/null || { echo "A C compiler is missing (needed by Fyne)" >&2; exit 1; }
