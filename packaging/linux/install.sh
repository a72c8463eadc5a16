#!/bin/sh
# Installs Minuit from this folder (the unpacked minuit-<version>-linux-amd64.tar.xz):
# the program into PREFIX/bin, the menu entry and its icons into PREFIX/share.
#
#   sh install.sh                  # into ~/.local (as root: /usr/local)
#   sh install.sh --prefix DIR     # anywhere else
#   sh install.sh --uninstall [--prefix DIR]
#
# A copy of this script stays in PREFIX/share/minuit/ for uninstalling later. Your
# messages, contacts and settings live in ~/.config/Minuit and are never touched.
set -eu

usage() { echo "usage: sh install.sh [--prefix DIR] [--uninstall]" >&2; exit 2; }

prefix="" uninstall=""
while [ $# -gt 0 ]; do
	case $1 in
	--prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
	--prefix=*) prefix=${1#--prefix=}; shift ;;
	--uninstall) uninstall=1; shift ;;
	-h|--help) sed -n '2,11p' "$0"; exit 0 ;;
	*) usage ;;
	esac
done
if [ -z "$prefix" ]; then
	if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix=${HOME:?HOME is not set}/.local; fi
fi
# A literal ~ (make install PREFIX=~/.local, unexpanded) means the home folder.
# shellcheck disable=SC2088
case $prefix in
"~") prefix=${HOME:?HOME is not set} ;;
"~/"*) prefix=${HOME:?HOME is not set}/${prefix#"~/"} ;;
esac
case $prefix in
/*) ;;
*) prefix=$(pwd)/$prefix ;;
esac
case $prefix in
*'
'*) echo "install.sh: the prefix must not contain a line break" >&2; exit 2 ;;
esac
prefix=${prefix%/}

bin=$prefix/bin/minuit
apps=$prefix/share/applications
icons=$prefix/share/icons/hicolor
keep=$prefix/share/minuit
sizes="16 22 24 32 48 64 128 256 512"

refresh() { # menu and icon caches, where the tools exist
	if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$apps" 2>/dev/null || true; fi
	if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -f -t "$icons" 2>/dev/null || true; fi
}

if [ -n "$uninstall" ]; then
	[ -e "$bin" ] || [ -e "$apps/minuit.desktop" ] || { echo "Minuit is not installed in $prefix" >&2; exit 1; }
	rm -f "$bin" "$apps/minuit.desktop"
	for s in $sizes; do rm -f "$icons/${s}x$s/apps/minuit.png"; done
	rm -rf "$keep"
	# The login entry Minuit's settings may have written runs the program just removed.
	auto=${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}/autostart/minuit.desktop
	if [ -f "$auto" ] && grep -qF "$bin" "$auto"; then rm -f "$auto"; fi
	refresh
	echo "Minuit is uninstalled from $prefix. Your data (~/.config/Minuit) is kept: delete that folder to erase it."
	exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$here/bin/minuit" ] || [ ! -f "$here/share/applications/minuit.desktop" ]; then
	echo "install.sh: run it from the unpacked Minuit folder (bin/minuit is missing)" >&2
	exit 1
fi

# The menu's Exec= value (Desktop Entry spec): quoted when the path needs it, with ",
# `, $ and \ escaped inside the quotes, then every \ doubled, and % doubled.
case $bin in
*[!A-Za-z0-9/._+-]*) exec_value=\"$(printf '%s' "$bin" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')\" ;;
*) exec_value=$bin ;;
esac
tryexec_value=$(printf '%s' "$bin" | sed -e 's/\\/\\\\/g')

mkdir -p "$prefix/bin" "$apps" "$keep"
# Copy then rename: a running Minuit keeps its old file, the next start gets the new one.
cp "$here/bin/minuit" "$bin.new"
chmod 755 "$bin.new"
mv -f "$bin.new" "$bin"
EXEC=$exec_value TRYEXEC=$tryexec_value awk '
	/^Exec=/ { print "Exec=" ENVIRON["EXEC"]; next }
	/^TryExec=/ { print "TryExec=" ENVIRON["TRYEXEC"]; next }
	{ print }' "$here/share/applications/minuit.desktop" >"$apps/minuit.desktop"
chmod 644 "$apps/minuit.desktop"
for s in $sizes; do
	mkdir -p "$icons/${s}x$s/apps"
	cp "$here/share/icons/hicolor/${s}x$s/apps/minuit.png" "$icons/${s}x$s/apps/minuit.png"
	chmod 644 "$icons/${s}x$s/apps/minuit.png"
done
cp "$here/install.sh" "$keep/install.sh"
chmod 755 "$keep/install.sh"
refresh

echo "Minuit is installed: $bin, and in your applications menu."
case ":${PATH:-}:" in
*":$prefix/bin:"*) ;;
*) echo "Note: $prefix/bin is not on your PATH yet. Log out and in again (most systems add ~/.local/bin" \
	"once it exists), or add it: echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.profile" ;;
esac
echo "To uninstall: sh \"$keep/install.sh\" --uninstall --prefix \"$prefix\""
