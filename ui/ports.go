// Package ui is Minuit's window: calendar, compose, contacts, history and settings.
// It depends only on the small interfaces below, which app/ satisfies with the
// scheduler and contacts stores. Database and network calls run off the UI
// goroutine; widgets change only through fyne.Do.
package ui

import (
	"context"
	"io"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/automation"
)

// Scheduler is the part of *scheduler.Store the window uses.
type Scheduler interface {
	Messages(ctx context.Context, all bool) ([]scheduler.Message, error)
	Message(ctx context.Context, id int64) (scheduler.Message, error)
	CreateMessage(ctx context.Context, m scheduler.Message) (int64, error)
	UpdateMessage(ctx context.Context, m scheduler.Message) error
	CancelMessage(ctx context.Context, id int64) error
	CancelDelivery(ctx context.Context, id int64) error
	SkipOccurrence(ctx context.Context, id int64, at time.Time) error
	SendAgain(ctx context.Context, id int64) error
	History(ctx context.Context, q scheduler.HistoryQuery) ([]scheduler.Delivery, scheduler.Cursor, error)
	Delivery(ctx context.Context, id int64) (scheduler.Delivery, []scheduler.Attempt, error)
	MonthCounts(ctx context.Context, year int, month time.Month, loc *time.Location) (map[int]scheduler.DayOutcomes, error)
	// MonthMessages, HeldFrom and HeldInto give the calendar each day's messages and
	// the held deliveries where they will really leave.
	MonthMessages(ctx context.Context, year int, month time.Month, loc *time.Location) (map[int][]scheduler.DayMessage, error)
	HeldFrom(ctx context.Context, from time.Time) ([]scheduler.HeldMove, error)
	HeldInto(ctx context.Context, from, to time.Time) ([]scheduler.Delivery, error)
	// PriceTable is the price per SMS part by provider and country, for compose's total.
	PriceTable(ctx context.Context) (scheduler.PriceTable, error)
	// SetRules checks and stores the compliance settings together (Settings).
	SetRules(ctx context.Context, vals map[string]string) error
	Summary(ctx context.Context, from, to time.Time) (scheduler.Summary, error)
	Setting(ctx context.Context, key, def string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Contacts is the part of *contacts.Store the window uses.
type Contacts interface {
	List(ctx context.Context, q contacts.Query) ([]contacts.Contact, error)
	Get(ctx context.Context, id int64) (contacts.Contact, error)
	Update(ctx context.Context, c contacts.Contact) error
	Groups(ctx context.Context) ([]contacts.Group, error)
	SetConsent(ctx context.Context, id int64, status minuit.Consent, source, proof string) error
	ConsentHistory(ctx context.Context, id int64) ([]contacts.Consent, error)
	Preview(ctx context.Context, r io.Reader, opts contacts.ImportOptions) (*contacts.Preview, error)
	Commit(ctx context.Context, p *contacts.Preview) (contacts.Result, error)
	ExportVCard(ctx context.Context, w io.Writer, ids []int64) error
	// Count is how many contacts a query's pages hold; Create saves a new contact;
	// CommitProgress is Commit telling how far it is (ui/contactsimport.go).
	Count(ctx context.Context, q contacts.Query) (int, error)
	Create(ctx context.Context, c contacts.Contact) (int64, error)
	CommitProgress(ctx context.Context, p *contacts.Preview, progress func(done, total int)) (contacts.Result, error)
	DefaultRegion() string
}

// ProviderConfig is what Settings tests and saves: a provider of the catalogue
// (scheduler/providers) and the values typed in its fields, by field key. A secret
// left empty keeps the stored one.
type ProviderConfig struct {
	Name   string
	Values map[string]string
}

// Deps is everything the window needs from the composition root.
type Deps struct {
	Store    Scheduler
	Contacts Contacts // nil: the Contacts tab says contacts are unavailable
	// Wake tells the sender that the plan changed. May be nil.
	Wake func()
	// SaveSecret stores a provider secret (field key name) in the keychain; note is
	// a plain sentence to show (e.g. "No keychain here: the key is in a file only
	// you can read").
	SaveSecret func(name, value string) (note string, err error)
	// Reload tells the background sender that the provider settings changed; it
	// answers "" when the sender took them, else why not. May be nil.
	Reload func() string
	// TestProvider checks a provider's credentials (a balance call).
	TestProvider func(ctx context.Context, p ProviderConfig) (string, error)
	// Sending says where planned messages leave from (hand-off, pacing). May be nil.
	Sending func(ctx context.Context) (Sending, error)
	// ProviderLabel is the badge: "Sandbox: nothing is really sent" or "MessageBird".
	ProviderLabel string
	Now           func() time.Time // default time.Now
	Zone          string           // the computer's IANA zone; default "Local"
	// Autostart reports whether Minuit starts at login. May be nil.
	Autostart func() (bool, error)
	// SetAutostart adds or removes the login entry: minimised starts only the
	// background sender in the tray, otherwise the window. May be nil.
	SetAutostart func(enabled, minimised bool) error
	// Backup writes today's backup of the database now and returns its path; nil
	// hides Settings' Backups part.
	Backup func(ctx context.Context) (path string, err error)
	// LastBackup is when the newest backup was written (zero: none yet). May be nil.
	LastBackup func(ctx context.Context) (time.Time, error)
	// Shop is the connected Shopify store and its automations; nil hides the Shop tab.
	Shop Shop
	// Reports are the Reports tab's figures, prices, delivery check and calendar
	// export; nil hides the Reports tab.
	Reports Reports
	// ForgetContact erases a contact for good, as `minuit forget` does: their
	// numbers and texts in the message history first, then the contact. nil hides
	// the Contacts tab's Delete.
	ForgetContact func(ctx context.Context, id int64) error
	// Plans tells an import which planned messages send to the groups it grows
	// (ui/contactsports.go). May be nil: no warning then.
	Plans Plans
	// Forecast says what the compliance rules will do with a message before it
	// leaves; nil: compose and the calendar show no holds or skips ahead.
	Forecast Forecaster
}

// Forecaster judges messages with the compliance rules as they stand now
// (scheduler.Forecast): who is held until when and why, who is skipped and why.
type Forecaster interface {
	// Draft judges the next occurrence of a message as typed, before it is saved.
	Draft(ctx context.Context, m scheduler.Message) (scheduler.Forecast, error)
	// Each judges the given occurrences of a saved message, in order.
	Each(ctx context.Context, m scheduler.Message, at []time.Time) ([]scheduler.Forecast, error)
}

const callTimeout = 15 * time.Second

// tasks counts the calls running off the UI goroutine, so tests can wait for them.
// mu serialises their completions: Fyne's driver runs fyne.Do callbacks one at a
// time on the UI goroutine, but the test driver runs them on the caller's. With
// queue set (tests), completions are queued and run by settle on the test's own
// goroutine instead, so a test never touches widgets at the same time as one.
type tasks struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	queue   chan func()
	pending int // tasks whose completion has not run; with queue only, test goroutine only
}

// background runs work off the UI goroutine with a timeout, then done on it.
func background[T any](tk *tasks, work func(ctx context.Context) (T, error), done func(T, error)) {
	backgroundIn(tk, context.Background(), callTimeout, work, done)
}

// backgroundIn is background under parent, which its owner cancels to stop the
// work; timeout 0 sets none (an import of 100,000 cards).
func backgroundIn[T any](tk *tasks, parent context.Context, timeout time.Duration, work func(ctx context.Context) (T, error), done func(T, error)) {
	tk.wg.Add(1)
	if tk.queue != nil {
		tk.pending++
	}
	go func() {
		defer tk.wg.Done()
		var ctx context.Context
		var cancel context.CancelFunc
		if timeout > 0 {
			ctx, cancel = context.WithTimeout(parent, timeout)
		} else {
			ctx, cancel = context.WithCancel(parent)
		}
		defer cancel()
		v, err := work(ctx)
		if tk.queue != nil {
			tk.queue <- func() { done(v, err) }
			return
		}
		fyne.Do(func() {
			tk.mu.Lock()
			defer tk.mu.Unlock()
			done(v, err)
		})
	}()
}

// settle waits for every task and, in queue mode, runs their completions here.
func (tk *tasks) settle() {
	if tk.queue == nil {
		tk.wg.Wait()
		return
	}
	for tk.pending > 0 {
		f := <-tk.queue
		tk.pending--
		f()
	}
}

// ShopLogin is what the Shop tab connects with: the store, and an Admin API access
// token or a Dev Dashboard app's client id and secret (a secret left empty keeps
// the stored one).
type ShopLogin struct {
	Shop, Token, ClientID, ClientSecret string
}

// Shop is the Shopify store and its automations, as the Shop tab uses them.
type Shop interface {
	// Status is the connection: store, name, last poll and its problem.
	Status(ctx context.Context) (automation.Status, error)
	// Login is what is stored to sign in (secrets left out).
	Login(ctx context.Context) (ShopLogin, error)
	// Connect tests the login (the store's name) and keeps it; note is a sentence
	// to show ("" none), such as where the secret went.
	Connect(ctx context.Context, l ShopLogin) (name, note string, err error)
	// Sync reads the store now and fires the automations.
	Sync(ctx context.Context) (automation.Result, error)
	// Automations are their settings and what they did.
	Automations(ctx context.Context) ([]automation.Settings, map[automation.Name]automation.Stats, error)
	// SaveAutomation checks and stores one automation's settings.
	SaveAutomation(ctx context.Context, s automation.Settings) error
}

// Reports is what the Reports tab reads and changes: the scheduler's reports and
// price table, the weekly delivery check, and the calendar export (app/ adapts
// the stores and writes the .ics).
type Reports interface {
	// Report reads a report; the adapter adds the connected shop's Attribution.
	Report(ctx context.Context, q scheduler.ReportQuery) (scheduler.Report, error)
	Prices(ctx context.Context) ([]scheduler.Price, error)
	SetPrice(ctx context.Context, provider, country, perPart string) (scheduler.Price, error)
	RemovePrice(ctx context.Context, provider, country string) error
	// DeliveryCheck is the weekly test text's state; SetDeliveryCheck turns it on
	// for a number as typed (read in the default country), or off with "".
	DeliveryCheck(ctx context.Context) (scheduler.DeliveryCheck, error)
	SetDeliveryCheck(ctx context.Context, number string) (scheduler.DeliveryCheck, error)
	// WriteCalendar writes every planned message as an .ics calendar.
	WriteCalendar(ctx context.Context, w io.Writer) error
	// LiveFolder is the folder where the sender keeps minuit.ics up to date ("":
	// none); SetLiveFolder writes the file there at once and keeps it, or stops
	// with "". It returns the file's path.
	LiveFolder(ctx context.Context) (string, error)
	SetLiveFolder(ctx context.Context, folder string) (string, error)
}
