package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/scheduler/providers"
	"minuit/ui/l10n"
)

// PricesForm edits the price table: the prices in force, and a line to set or
// remove one (provider and country, "*" for any).
type PricesForm struct {
	r               *ReportsTab
	List            *widget.Label
	Provider        *widget.Select
	Country, Price  *widget.Entry
	SaveBtn, Remove *widget.Button
	Status          *widget.Label
	OnChanged       func() // after a price changed (the report is read again)
	prices          []scheduler.Price
}

func (r *ReportsTab) onPrices() {
	f := r.NewPricesForm()
	d := dialog.NewCustom(lang.L("Price per SMS part"), lang.L("Close"), f.buildUI(), r.m.Window)
	d.Resize(fyne.NewSize(560, 460))
	d.Show()
	f.Load()
}

// NewPricesForm returns the form of the price dialog (tests use it directly).
func (r *ReportsTab) NewPricesForm() *PricesForm {
	f := &PricesForm{r: r, OnChanged: r.Reload}
	f.List = widget.NewLabel("")
	f.Provider = widget.NewSelect(append([]string{scheduler.Any}, providers.Names()...), nil)
	f.Provider.SetSelected(scheduler.Any)
	f.Country, f.Price = widget.NewEntry(), widget.NewEntry()
	f.Country.SetPlaceHolder("FR")
	f.Price.SetPlaceHolder("0.075")
	f.SaveBtn = widget.NewButton(lang.L("Set"), f.onSave)
	f.Remove = widget.NewButton(lang.L("Back to the estimate"), f.onRemove)
	f.Status = widget.NewLabel("")
	f.Status.Wrapping = fyne.TextWrapWord
	return f
}

func (f *PricesForm) buildUI() fyne.CanvasObject {
	note := widget.NewLabel(lang.L("What one SMS part costs you, by provider and country (* for any), in your currency. Minuit's own prices are rough estimates: set yours from your provider's price list."))
	note.Wrapping = fyne.TextWrapWord
	line := container.NewGridWithColumns(3, f.Provider, f.Country, f.Price)
	return container.NewBorder(note, container.NewVBox(line, container.NewHBox(f.SaveBtn, f.Remove), f.Status), nil, nil,
		container.NewVScroll(f.List))
}

// Load reads the prices in force.
func (f *PricesForm) Load() {
	rs := f.r.m.deps.Reports
	background(f.r.m.tk, rs.Prices, func(ps []scheduler.Price, err error) {
		if err != nil {
			f.Status.SetText(plainError(err))
			return
		}
		f.prices = ps
		var lines []string
		for _, p := range ps {
			source := lang.L("yours")
			if p.Estimate {
				source = lang.L("built-in estimate")
			}
			lines = append(lines, fmt.Sprintf("%s · %s · %s (%s)", p.Provider, p.Country, l10n.Decimal(p.PerPart, 4), source))
		}
		f.List.SetText(strings.Join(lines, "\n"))
	})
}

func (f *PricesForm) onSave() {
	rs, provider, country, price := f.r.m.deps.Reports, f.Provider.Selected, f.Country.Text, f.Price.Text
	if strings.TrimSpace(country) == "" {
		country = scheduler.Any
	}
	background(f.r.m.tk, func(ctx context.Context) (scheduler.Price, error) {
		return rs.SetPrice(ctx, provider, country, price)
	}, func(p scheduler.Price, err error) {
		if err != nil {
			f.Status.SetText(plainError(err))
			return
		}
		f.Status.SetText(lang.L("{{.Provider}} to {{.Country}}: {{.Price}} a part.", map[string]any{
			"Provider": p.Provider, "Country": p.Country, "Price": l10n.Decimal(p.PerPart, 4)}))
		f.Load()
		f.OnChanged()
	})
}

func (f *PricesForm) onRemove() {
	rs, provider, country := f.r.m.deps.Reports, f.Provider.Selected, f.Country.Text
	if strings.TrimSpace(country) == "" {
		country = scheduler.Any
	}
	background(f.r.m.tk, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, rs.RemovePrice(ctx, provider, country)
	}, func(_ struct{}, err error) {
		if err != nil {
			f.Status.SetText(plainError(err))
			return
		}
		f.Status.SetText("")
		f.Load()
		f.OnChanged()
	})
}

// CheckForm turns the weekly test text on or off.
type CheckForm struct {
	r       *ReportsTab
	Number  *widget.Entry
	On, Off *widget.Button
	State   *widget.Label
}

func (r *ReportsTab) onDeliveryCheck() {
	f := r.NewCheckForm()
	note := widget.NewLabel(lang.L("Every Monday at 10:00 Minuit sends a short test text to your own phone, and warns you when it is not delivered within an hour. It is a transactional message; your provider charges it as any other."))
	note.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(note, f.Number, container.NewHBox(f.On, f.Off), f.State)
	d := dialog.NewCustom(lang.L("Delivery check"), lang.L("Close"), body, r.m.Window)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
	f.Load()
}

// NewCheckForm returns the delivery check's form (tests use it directly).
func (r *ReportsTab) NewCheckForm() *CheckForm {
	f := &CheckForm{r: r, Number: widget.NewEntry(), State: widget.NewLabel("")}
	f.Number.SetPlaceHolder(lang.L("Your mobile number, e.g. 06 12 34 56 78"))
	f.State.Wrapping = fyne.TextWrapWord
	f.On = widget.NewButton(lang.L("Send a weekly test"), func() { f.set(f.Number.Text) })
	f.Off = widget.NewButton(lang.L("Stop the test"), func() { f.set("") })
	return f
}

// Load shows where the check stands.
func (f *CheckForm) Load() {
	background(f.r.m.tk, f.r.m.deps.Reports.DeliveryCheck, f.show)
}

func (f *CheckForm) set(number string) {
	rs := f.r.m.deps.Reports
	background(f.r.m.tk, func(ctx context.Context) (scheduler.DeliveryCheck, error) {
		return rs.SetDeliveryCheck(ctx, number)
	}, func(c scheduler.DeliveryCheck, err error) {
		f.show(c, err)
		if err == nil {
			f.r.m.changed() // a test message was planned or cancelled
		}
	})
}

func (f *CheckForm) show(c scheduler.DeliveryCheck, err error) {
	switch {
	case err != nil:
		f.State.SetText(plainError(err))
	case c.Number == "":
		f.State.SetText(lang.L("The weekly test text is off."))
		f.Off.Disable()
	case c.Last.ID == 0:
		f.Number.SetText(c.Number)
		f.Off.Enable()
		f.State.SetText(lang.L("A test text goes to {{.Number}} every Monday at 10:00; none has left yet.",
			map[string]any{"Number": c.Number}))
	default:
		f.Number.SetText(c.Number)
		f.Off.Enable()
		f.State.SetText(lang.L("A test text goes to {{.Number}} every Monday at 10:00; the last one ({{.Due}}): {{.State}}.",
			map[string]any{"Number": c.Number, "Due": l10n.DateTime(c.Last.Due.In(f.r.m.loc)), "State": l10n.StateLabel(c.Last.State)}))
	}
}
