// Package ui is Minuit's window. It depends only on the small interfaces below,
// which app/ satisfies with the scheduler and contacts stores.
package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
)

// Planner lists planned messages.
type Planner interface {
	Messages(ctx context.Context, all bool) ([]scheduler.Message, error)
}

// Main is the main window.
type Main struct {
	Window   fyne.Window
	planner  Planner
	messages []scheduler.Message

	Badge  *widget.Label
	List   *widget.List
	Status *widget.Label
}

// NewMain builds the window; providerLabel is shown as a badge ("Sandbox: nothing is
// really sent").
func NewMain(a fyne.App, p Planner, providerLabel string) *Main {
	m := &Main{planner: p}
	m.Window = a.NewWindow("Minuit — " + providerLabel)
	m.buildUI(providerLabel)
	m.Window.Resize(fyne.NewSize(900, 600))
	return m
}

func (m *Main) buildUI(providerLabel string) {
	m.Badge = widget.NewLabelWithStyle(providerLabel, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	m.Status = widget.NewLabel("Loading…")
	m.List = widget.NewList(
		func() int { return len(m.messages) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			msg := m.messages[i]
			next := "finished"
			if !msg.Next.IsZero() {
				next = msg.Next.Local().Format("Mon 2 Jan 15:04")
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", next, msg.Kind, msg.Body))
		})
	m.Window.SetContent(container.NewBorder(container.NewVBox(m.Badge, m.Status), nil, nil, nil, m.List))
}

// Refresh reloads the planned messages off the UI goroutine.
func (m *Main) Refresh() {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		ms, err := m.planner.Messages(ctx, false)
		fyne.Do(func() {
			if err != nil {
				m.Status.SetText("Could not read the planned messages: " + err.Error())
				return
			}
			m.messages = ms
			m.Status.SetText(fmt.Sprintf("%d planned messages", len(ms)))
			m.List.Refresh()
		})
	}()
}
