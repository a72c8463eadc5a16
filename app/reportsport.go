package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/icalendar"
)

// reportsPort is the window's ui.Reports: the scheduler store's reports, prices
// and delivery check, the connected shop's attribution, and the calendar export.
type reportsPort struct{ e *env }

func (p reportsPort) Report(ctx context.Context, q scheduler.ReportQuery) (scheduler.Report, error) {
	q.Attribution = p.e.attribution()
	return p.e.store.Report(ctx, q)
}

func (p reportsPort) Prices(ctx context.Context) ([]scheduler.Price, error) {
	return p.e.store.Prices(ctx)
}

func (p reportsPort) SetPrice(ctx context.Context, provider, country, perPart string) (scheduler.Price, error) {
	return p.e.store.SetPrice(ctx, provider, country, perPart)
}

func (p reportsPort) RemovePrice(ctx context.Context, provider, country string) error {
	return p.e.store.RemovePrice(ctx, provider, country)
}

func (p reportsPort) DeliveryCheck(ctx context.Context) (scheduler.DeliveryCheck, error) {
	return p.e.store.DeliveryCheckStatus(ctx)
}

// SetDeliveryCheck reads number in the default country, plans the weekly test
// (or cancels it) and tells the sender.
func (p reportsPort) SetDeliveryCheck(ctx context.Context, number string) (scheduler.DeliveryCheck, error) {
	if number != "" {
		region, err := p.e.store.Setting(ctx, minuit.KeyRegion, phone.DefaultRegion())
		if err != nil {
			return scheduler.DeliveryCheck{}, err
		}
		if number, err = phone.Normalize(number, region); err != nil {
			return scheduler.DeliveryCheck{}, err
		}
	}
	if _, err := p.e.store.SetDeliveryCheck(ctx, number, deliveryCheckText(), localZone(), time.Now()); err != nil {
		return scheduler.DeliveryCheck{}, err
	}
	go poke(p.e.dir, "wake")
	return p.e.store.DeliveryCheckStatus(ctx)
}

func (p reportsPort) WriteCalendar(ctx context.Context, w io.Writer) error {
	return writeICS(ctx, p.e, w, time.Now())
}

func (p reportsPort) LiveFolder(ctx context.Context) (string, error) {
	return p.e.store.Setting(ctx, icalendar.KeyLiveFolder, "")
}

// SetLiveFolder writes the live calendar into folder at once (so that a folder
// that cannot be written is said now), then keeps it there; "" stops.
func (p reportsPort) SetLiveFolder(ctx context.Context, folder string) (string, error) {
	if folder == "" {
		return "", p.e.store.SetSetting(ctx, icalendar.KeyLiveFolder, "")
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		return "", usererr.Say(usererr.NewMsg("{{.Folder}} is not a folder.", map[string]any{"Folder": folder}))
	}
	path := filepath.Join(folder, icalendar.LiveFile)
	if err := saveWhole(path, func(w io.Writer) error { return writeICS(ctx, p.e, w, time.Now()) }); err != nil {
		return "", err
	}
	return path, p.e.store.SetSetting(ctx, icalendar.KeyLiveFolder, folder)
}
