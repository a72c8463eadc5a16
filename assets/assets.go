// Package assets holds Minuit's embedded artwork.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon: a crescent moon over a message bubble at midnight.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
