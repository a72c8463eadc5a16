#!/usr/bin/env bash
# Runs Minuit's whole test suite: format, vet, race tests, pure-Go tests without cgo,
# short fuzz runs, a macOS vet of the pure-Go packages, the packages (scripts/package.sh,
# checked by scripts/package-test.sh), the Windows build under wine (scripts/wine-test.sh),
# and a smoke test of the real binary under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh --test
export PATH="$PATH:/usr/local/go/bin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Fyne writes preferences under HOME: point it at a temp folder, but keep Go's caches.
export GOMODCACHE="$(go env GOMODCACHE)" GOCACHE="$(go env GOCACHE)"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"

echo "== gofmt, vet"
unformatted=$(gofmt -l $(git ls-files '*.go'))
[ -z "$unformatted" ] || { echo "gofmt would change: $unformatted" >&2; exit 1; }
go vet ./...
echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
# e.minuit.local/earlyenv is its own module (it must initialise before Fyne): vet and test it too.
(cd internal/earlyenv && go vet ./... && go test -count=1 ./...)

pure=$(go list ./scheduler/... ./contacts/... ./internal/...)
echo "== pure-Go packages without cgo"
CGO_ENABLED=0 go test -count=1 $pure

echo "== fuzz (short)"
for pkg in $pure; do
  for f in $(go test -list 'Fuzz.*' "$pkg" | grep '^Fuzz' || true); do
    go test -run '^$' -fuzz "^$f\$" -fuzztime 10s "$pkg"
  done
done

echo "== macOS vet"
GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 go vet $pure

echo "== packages: Linux tarball, Windows exe (cross-built) and installer, macOS Info.plist"
start=$SECONDS
DIST="$tmp/dist" bash scripts/package.sh
bash scripts/package-test.sh "$tmp/dist"
echo "packages: $((SECONDS - start)) s"

echo "== the Windows build under wine"
start=$SECONDS
version=$(go run ./internal/packager version)
bash scripts/wine-test.sh "$tmp/dist/minuit-$version-windows-amd64.exe" "$tmp/dist/minuit-$version-windows-amd64-setup.exe"
echo "wine: $((SECONDS - start)) s"

echo "== smoke test: the real binary under Xvfb"
go build -o "$tmp/minuit" .
dbus-run-session -- bash app/testdata/smoke.sh "$tmp/minuit"

echo "== race tests"
go test -race -count=1 ./...
