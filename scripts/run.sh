#!/usr/bin/env bash
# Sets up and starts Minuit: installs missing build packages (Debian/Ubuntu), builds,
# links ~/.local/bin/minuit to the build (the CLI on the PATH), and opens the window. The
# sandbox provider is the default; data lives in the user's config folder (override
# with --data DIR or MINUIT_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export PATH="$PATH:/usr/local/go/bin"
go build -o minuit .
# Put `minuit` on the PATH for the CLI: ~/.local/bin/minuit links to this build (a
# packaged Minuit installed there by install.sh is left alone).
link=$HOME/.local/bin/minuit
if [ ! -e "$link" ] || [ -L "$link" ]; then
	mkdir -p "$HOME/.local/bin"
	ln -sfn "$PWD/minuit" "$link"
	case ":$PATH:" in
	*":$HOME/.local/bin:"*) echo "minuit is on your PATH ($link → $PWD/minuit)" ;;
	*) echo "minuit is in $link: add ~/.local/bin to your PATH (log out and in, or" \
		"export PATH=\"\$HOME/.local/bin:\$PATH\"), or run $PWD/minuit" ;;
	esac
else
	echo "$link is an installed Minuit, left as it is: this build is $PWD/minuit"
fi
exec ./minuit "$@"
