#!/usr/bin/env bash
# Proves the Windows build runs: under wine, in a throw-away wine prefix with no
# display, the cross-built minuit.exe plans a message, lists it, imports vCards,
# sends through the sandbox (`serve`), and keeps its data in %AppData%\Minuit; then
# the NSIS installer installs per user (Start menu, HKCU uninstall entry), installs
# again over a running Minuit, and uninstalls keeping the data folder.
#
#   scripts/wine-test.sh dist/minuit-<v>-windows-amd64.exe [dist/minuit-<v>-windows-amd64-setup.exe]
#
# Debian 12's wine 8 has no bcryptprimitives.dll, whose ProcessPrng Go ≥ 1.24 calls at
# start: a stub built here with mingw (scripts/wine/bcryptprimitives.c) stands in.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 minuit.exe [setup.exe]" >&2; exit 2; }
exe=$(realpath "$1")
setup=${2:+$(realpath "$2")}
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
command -v wine >/dev/null || { echo "wine-test: wine is missing (apt-get install wine64 wine)" >&2; exit 1; }
started=$SECONDS
tmp=$(mktemp -d)
export WINEPREFIX=$tmp/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko install prompts; our ProcessPrng stub rather than none.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
unset DISPLAY WAYLAND_DISPLAY # headless: the CLI needs no display
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
fail() { echo "wine-test: $*" >&2; exit 1; }

wineboot -i >/dev/null 2>&1 || true
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || fail "wineboot did not create the prefix"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine/bcryptprimitives.c -ladvapi32
appdata=$(wine cmd /c 'echo %APPDATA%' | tr -d '\r')
[ -n "$appdata" ] || fail "no %APPDATA% in the prefix"
unixdata=$(winepath -u "$appdata\\Minuit" 2>/dev/null | tr -d '\r')
m() { wine "$exe" "$@"; }

echo "-- version"
version=$(go run ./internal/packager version)
m version | tee "$tmp/out"
grep -q "^Minuit $version " "$tmp/out" || fail "minuit.exe version does not say $version"

echo "-- schedule, list --json, history --json (no --data: %AppData%\\Minuit)"
m schedule --to +33612345678 --at now "Bonjour depuis Windows, c'est Zoé"
m list --json >"$tmp/list"
grep -q '"body":"Bonjour depuis Windows, c'"'"'est Zoé"' "$tmp/list" || fail "list --json lacks the message: $(cat "$tmp/list")"
m history --json >/dev/null
[ -f "$unixdata/minuit.db" ] || fail "no minuit.db in $appdata\\Minuit ($unixdata)"
ls "$WINEPREFIX"/drive_c/users/*/AppData/Roaming/Minuit/minuit.db >/dev/null || fail "the data folder is not under users/<user>/AppData/Roaming/Minuit"

echo "-- import vCards"
cards=$WINEPREFIX/drive_c/users/Public/cards
mkdir -p "$cards"
printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lefèvre;Zoé;;;\r\nFN:Zoé Lefèvre\r\nTEL;TYPE=CELL:06 12 34 56 78\r\nCATEGORIES:Fidèles\r\nEND:VCARD\r\n' >"$cards/zoe.vcf"
m import 'C:\users\Public\cards\zoe.vcf' --region FR
for dir in "${MINUIT_SHARED:-}" ../shared /work/shared; do
	if [ -n "$dir" ] && [ -d "$dir/testdata/vcards" ]; then
		cp "$dir"/testdata/vcards/gmail-list.vcf "$dir"/testdata/vcards/rfc6350-example.vcf "$cards/" 2>/dev/null || true
		for f in "$cards"/gmail-list.vcf "$cards"/rfc6350-example.vcf; do
			[ -f "$f" ] && m import "C:\\users\\Public\\cards\\$(basename "$f")" >/dev/null
		done
		break
	fi
done
m contacts --json >"$tmp/contacts"
grep -q '"first_name":"Zoé".*"phone":"+33612345678"' "$tmp/contacts" || fail "the imported contact is missing: $(cat "$tmp/contacts")"
m contacts --group Fidèles --json | grep -q Lefèvre || fail "the vCard's category is not a group"
echo "   $(wc -l <"$tmp/contacts") contacts"

echo "-- serve: the sandbox delivers, history --json shows it"
m serve >"$tmp/serve.log" 2>&1 &
for _ in $(seq 60); do
	m history --json >"$tmp/history" 2>/dev/null || true
	grep -q '"status":"delivered"' "$tmp/history" && break
	sleep 1
done
grep -q '"status":"delivered"' "$tmp/history" || fail "nothing delivered in 60 s: $(cat "$tmp/history" "$tmp/serve.log")"
grep -qF "data=$appdata\\Minuit" "$tmp/serve.log" || fail "serve did not use $appdata\\Minuit: $(cat "$tmp/serve.log")"
wineserver -k >/dev/null 2>&1 || true

if [ -n "$setup" ]; then
	echo "-- installer: per user, Start menu, HKCU uninstall entry"
	key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Minuit'
	localapp=$(winepath -u "$(wine cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r')" | tr -d '\r')
	inst=$localapp/Programs/Minuit
	menu=$(winepath -u "$appdata" | tr -d '\r')/Microsoft/Windows/Start\ Menu/Programs/Minuit.lnk
	wine "$setup" /S || fail "the installer failed"
	if [ ! -f "$inst/minuit.exe" ] || [ ! -f "$inst/uninstall.exe" ]; then fail "nothing installed in $inst"; fi
	[ -f "$menu" ] || fail "no Start-menu entry $menu"
	wine reg query "$key" /v DisplayVersion | tr -d '\r' | grep -q "$version" || fail "no uninstall entry under $key"
	wine "$inst/minuit.exe" version | grep -q "^Minuit $version " || fail "the installed minuit.exe does not run"

	echo "-- install again while Minuit runs"
	wine "$inst/minuit.exe" serve >"$tmp/serve2.log" 2>&1 &
	for _ in $(seq 30); do [ -f "$unixdata/minuit.port" ] && break; sleep 0.5; done
	wine "$setup" /S || fail "installing over a running Minuit failed"
	wine "$inst/minuit.exe" version >/dev/null || fail "the upgraded minuit.exe does not run"
	wineserver -k >/dev/null 2>&1 || true

	echo "-- uninstall keeps %AppData%\\Minuit"
	wine "$inst/uninstall.exe" /S "_?=$(winepath -w "$inst" | tr -d '\r')" || fail "the uninstaller failed"
	[ ! -e "$inst/minuit.exe" ] || fail "minuit.exe is still there after uninstalling"
	[ ! -e "$menu" ] || fail "the Start-menu entry is still there"
	if wine reg query "$key" >/dev/null 2>&1; then fail "the uninstall entry is still there"; fi
	[ -f "$unixdata/minuit.db" ] || fail "uninstalling removed the data folder"
fi
echo "wine-test: ok in $((SECONDS - started)) s"
