// Command minuit plans and sends SMS for small shops.
package main

import (
	"os"
	_ "time/tzdata" // zone rules on machines without them (Windows)

	"minuit/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
