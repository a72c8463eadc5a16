#!/usr/bin/env bash
# Builds Minuit's packages into dist/ (or $DIST), named after FyneApp.toml's version:
#   linux    minuit-<version>-linux-amd64.tar.xz: bin/minuit, the menu entry, the icons
#            in the hicolor sizes and install.sh (also left unpacked in dist/ for
#            `make install`)
#   windows  minuit-<version>-windows-amd64.exe (icon and version resources, built with
#            the mingw cross-compiler) and minuit-<version>-windows-amd64-setup.exe (NSIS)
#   macos    only on a Mac: scripts/package-macos.sh
#
#   scripts/package.sh [linux] [windows]     # default: both (on macOS: the .app)
#
# Needs Go and gcc; windows also x86_64-w64-mingw32-gcc, windres and makensis (Debian:
# gcc-mingw-w64-x86-64 nsis). The build date is now, or $SOURCE_DATE_EPOCH.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
if [ "$(uname -s)" = Darwin ]; then exec bash scripts/package-macos.sh; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux windows)
dist=${DIST:-dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

work=$(mktemp -d)
syso=package_windows_amd64.syso # the Windows resources: linked in only while it exists
trap 'rm -rf "$work"; rm -f "$syso"' EXIT
go build -o "$work/packager" ./internal/packager
pk() { "$work/packager" "$@"; }
version=$(pk version)
date=$(date -u ${SOURCE_DATE_EPOCH:+-d "@$SOURCE_DATE_EPOCH"} +%Y-%m-%dT%H:%M:%SZ)
ldflags="-s -w -X minuit/app.buildDate=$date"
# The commit comes from Go's VCS stamp, where git can read this checkout.
vcs=-buildvcs=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then vcs=-buildvcs=true; fi

linux() {
	local name stage
	name=minuit-$version-linux-$(go env GOARCH)
	stage=$dist/$name
	rm -rf "$stage" "$stage.tar.xz"
	mkdir -p "$stage/bin"
	go build "$vcs" -ldflags "$ldflags" -o "$stage/bin/minuit" .
	pk linux "$stage"
	install -m 755 packaging/linux/install.sh "$stage/install.sh"
	tar -C "$dist" --owner=0 --group=0 --numeric-owner --sort=name --mtime="$date" \
		-cf - "$name" | xz -T0 -6 >"$stage.tar.xz"
	echo "$stage.tar.xz"
}

windows() {
	local exe=$dist/minuit-$version-windows-amd64.exe setup=$dist/minuit-$version-windows-amd64-setup.exe
	local tool
	for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres makensis; do
		command -v "$tool" >/dev/null ||
			{ echo "package.sh: $tool is missing (Debian: apt-get install gcc-mingw-w64-x86-64 nsis)" >&2; exit 1; }
	done
	pk windows "$work/win"
	(cd "$work/win" && x86_64-w64-mingw32-windres -O coff -i minuit.rc -o "$work/win/rsrc.syso")
	cp "$work/win/rsrc.syso" "$syso"
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
		go build "$vcs" -ldflags "-H=windowsgui $ldflags" -o "$exe" .
	rm -f "$syso"
	pk check-exe "$exe"
	makensis -V2 -INPUTCHARSET UTF8 "-DVERSION=$version" "-DVERSION4=$(pk version4)" \
		"-DWEBSITE=$(pk website)" "-DEXE=$exe" "-DICON=$work/win/minuit.ico" "-DOUTFILE=$setup" \
		packaging/windows/minuit.nsi
	echo "$exe"
	echo "$setup"
}

for t in "${targets[@]}"; do
	case $t in
	linux) linux ;;
	windows) windows ;;
	macos) echo "package.sh: the macOS bundle is built on a Mac: scripts/package-macos.sh" >&2; exit 2 ;;
	*) echo "package.sh: unknown target $t (linux, windows)" >&2; exit 2 ;;
	esac
done
