//go:build darwin && !cgo

package app

import (
	"context"
	"log/slog"
	"time"
)

// tray: macOS's tray needs cgo; a build without it (CI vet) has none.
type tray struct{}

func newTray(string, *sender, func(), *slog.Logger) *tray { return &tray{} }

func (t *tray) run(ctx context.Context) { <-ctx.Done() }

func (t *tray) setNext(time.Time) {}
