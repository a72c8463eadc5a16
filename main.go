// Command minuit plans and sends SMS for small shops.
package main

import (
	_ "embed"
	"os"
	_ "time/tzdata" // zone rules on machines without them (Windows)

	_ "e.minuit.local/earlyenv" // before Fyne reads the locale: LANG=C means English

	"minuit/app"
)

// fyneAppTOML is FyneApp.toml, the one source of the version `minuit version` prints.
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

func main() {
	app.SetManifest(fyneAppTOML)
	app.AttachConsole(os.Args[1:]) // Windows: a command typed in cmd writes to that console
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
