#!/usr/bin/env bash
# Builds Minuit.app on a Mac into dist/ (or $DIST): a universal binary (arm64 and
# x86_64, cgo with the Xcode command line tools), Info.plist and minuit.icns written
# by internal/packager from FyneApp.toml, an ad-hoc signature, then
# dist/minuit-<version>-macos-universal.zip.
#
#   scripts/package-macos.sh                 # on macOS
#   scripts/package-macos.sh --bundle-only DIR
#       writes only DIR/Minuit.app's Info.plist and icon, and checks them: this part
#       runs anywhere (scripts/test.sh runs it on Linux).
#
# The app is not notarized: on first start, right-click Minuit → Open. For the CLI:
#   ln -s /Applications/Minuit.app/Contents/MacOS/minuit /usr/local/bin/minuit
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

# bundle APP: the bundle's Info.plist and icon, checked.
bundle() {
	go run ./internal/packager macos "$1"
	go run ./internal/packager check-plist "$1/Contents/Info.plist"
	if command -v plutil >/dev/null 2>&1; then plutil -lint "$1/Contents/Info.plist"; fi
}

if [ "${1:-}" = --bundle-only ]; then
	[ $# -eq 2 ] || { echo "usage: $0 --bundle-only DIR" >&2; exit 2; }
	mkdir -p "$2"
	bundle "$2/Minuit.app"
	exit 0
fi
[ "$(uname -s)" = Darwin ] || { echo "package-macos.sh builds on macOS (elsewhere: --bundle-only DIR)" >&2; exit 2; }
command -v clang >/dev/null || { echo "Install the Xcode command line tools: xcode-select --install" >&2; exit 1; }

version=$(go run ./internal/packager version)
dist=${DIST:-dist}
mkdir -p "$dist"
app=$dist/Minuit.app
zip=$dist/minuit-$version-macos-universal.zip
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
vcs=-buildvcs=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then vcs=-buildvcs=true; fi

for arch in arm64 amd64; do
	CGO_ENABLED=1 GOOS=darwin GOARCH=$arch MACOSX_DEPLOYMENT_TARGET=12.0 \
		go build "$vcs" -ldflags "-s -w -X minuit/app.buildDate=$date" -o "$work/minuit-$arch" .
done
rm -rf "$app" "$zip"
mkdir -p "$app/Contents/MacOS"
lipo -create -output "$app/Contents/MacOS/minuit" "$work/minuit-arm64" "$work/minuit-amd64"
bundle "$app"
codesign --force --deep --sign - "$app"
ditto -c -k --keepParent "$app" "$zip"
echo "$zip"
