#!/usr/bin/env bash
# Checks the packages scripts/package.sh built into DIST: the Linux tarball holds
# exactly what it should and its install.sh installs, upgrades and uninstalls in a
# temporary prefix (one with a space in it); the Windows exe has its resources and the
# installer exists; the macOS script passes bash -n (and shellcheck where installed)
# and the Info.plist it writes is valid; the README names go.mod's Go version.
#
#   DIST=/tmp/dist scripts/package.sh && scripts/package-test.sh /tmp/dist
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIST" >&2; exit 2; }
dist=$(realpath "$1")
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "package-test: $*" >&2; exit 1; }
version=$(go run ./internal/packager version)
name=minuit-$version-linux-$(go env GOARCH)

echo "-- the Linux tarball's contents"
tar -tJf "$dist/$name.tar.xz" | grep -v '/$' | sort >"$tmp/got"
{
	echo "$name/bin/minuit"
	echo "$name/install.sh"
	echo "$name/share/applications/minuit.desktop"
	for s in 16 22 24 32 48 64 128 256 512; do echo "$name/share/icons/hicolor/${s}x$s/apps/minuit.png"; done
} | sort >"$tmp/want"
diff "$tmp/want" "$tmp/got" || fail "the tarball's files differ from the list above"
tar -xJf "$dist/$name.tar.xz" -C "$tmp"
grep -qx 'Icon=minuit' "$tmp/$name/share/applications/minuit.desktop" || fail "the menu entry's icon is not minuit"
grep -qx 'Name\[fr\]=Minuit' "$tmp/$name/share/applications/minuit.desktop" || fail "the menu entry has no French name"

echo "-- install.sh into a temporary prefix"
prefix="$tmp/pre fix" home=$tmp/home
mkdir -p "$home/.config/autostart"
HOME=$home XDG_CONFIG_HOME=$home/.config PATH=/usr/bin:/bin sh "$tmp/$name/install.sh" --prefix "$prefix" | tee "$tmp/install.out"
grep -q "not on your PATH" "$tmp/install.out" || fail "install.sh did not say the prefix's bin is not on the PATH"
"$prefix/bin/minuit" version | grep -q "^Minuit $version " || fail "the installed minuit does not run"
entry=$prefix/share/applications/minuit.desktop
grep -qxF "Exec=\"$prefix/bin/minuit\"" "$entry" || fail "Exec= is not the quoted installed path: $(grep Exec "$entry")"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry"; fi
for s in 16 48 512; do [ -f "$prefix/share/icons/hicolor/${s}x$s/apps/minuit.png" ] || fail "no ${s}px icon"; done

echo "-- install again (an upgrade), then uninstall with the kept copy"
HOME=$home sh "$tmp/$name/install.sh" --prefix "$prefix" >/dev/null
printf '[Desktop Entry]\nExec="%s" agent\n' "$prefix/bin/minuit" >"$home/.config/autostart/minuit.desktop"
printf '[Desktop Entry]\nExec=other\n' >"$home/.config/autostart/other.desktop"
HOME=$home XDG_CONFIG_HOME=$home/.config sh "$prefix/share/minuit/install.sh" --uninstall --prefix "$prefix"
left=$(find "$prefix" -type f ! -name mimeinfo.cache ! -name icon-theme.cache | sort) # caches stay
[ -z "$left" ] || fail "uninstall left: $left"
[ ! -e "$home/.config/autostart/minuit.desktop" ] || fail "uninstall left the login entry that runs the removed program"
[ -e "$home/.config/autostart/other.desktop" ] || fail "uninstall removed another program's login entry"
if sh "$tmp/$name/install.sh" --prefix "$prefix" --uninstall 2>/dev/null; then fail "a second uninstall said it worked"; fi
if sh "$tmp/$name/install.sh" --bogus 2>/dev/null; then fail "install.sh accepted --bogus"; fi

echo "-- Windows: resources and installer"
go run ./internal/packager check-exe "$dist/minuit-$version-windows-amd64.exe"
[ -s "$dist/minuit-$version-windows-amd64-setup.exe" ] || fail "no installer"

echo "-- macOS: the script and its Info.plist"
bash -n scripts/package-macos.sh
bash scripts/package-macos.sh --bundle-only "$tmp/mac"
if command -v python3 >/dev/null; then
	python3 -c 'import plistlib, sys; p = plistlib.load(open(sys.argv[1], "rb")); assert p["CFBundleShortVersionString"] == sys.argv[2], p' \
		"$tmp/mac/Minuit.app/Contents/Info.plist" "$version"
fi
[ -s "$tmp/mac/Minuit.app/Contents/Resources/minuit.icns" ] || fail "no minuit.icns"
if command -v shellcheck >/dev/null; then
	shellcheck scripts/package.sh scripts/package-macos.sh scripts/package-test.sh scripts/wine-test.sh packaging/linux/install.sh
fi
echo "-- the README names go.mod's Go version"
gover=$(sed -n 's/^go \([0-9.]*\)$/\1/p' go.mod)
grep -q "Go $gover or later" README.md || fail "README.md does not say \"Go $gover or later\" (go.mod: go $gover)"
echo "package-test: ok"
