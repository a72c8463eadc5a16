// Command minuit plans and sends SMS for small shops.
package main

import (
	"os"
	_ "time/tzdata" // zone rules on machines without them (Windows)

	_ "e.minuit.local/earlyenv" // before Fyne reads the locale: LANG=C means English

	"minuit/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
