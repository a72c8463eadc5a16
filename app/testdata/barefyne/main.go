// Command barefyne is the reference for idle cost: a bare Fyne 2.7 window with one
// label. measure.sh runs it beside Minuit's agent.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.minuit.barefyne")
	w := a.NewWindow("Bare Fyne")
	w.SetContent(widget.NewLabel("Hello"))
	w.ShowAndRun()
}
