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
	"minuit/scheduler"
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
	MonthCounts(ctx context.Context, year int, month time.Month, loc *time.Location) (map[int]scheduler.DayCount, error)
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
	SetConsent(ctx context.Context, id int64, status contacts.ConsentStatus, source, proof string) error
	ConsentHistory(ctx context.Context, id int64) ([]contacts.Consent, error)
	Preview(ctx context.Context, r io.Reader, opts contacts.ImportOptions) (*contacts.Preview, error)
	Commit(ctx context.Context, p *contacts.Preview) (contacts.Result, error)
	ExportVCard(ctx context.Context, w io.Writer, ids []int64) error
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
}

// Settings keys, shared with app/ (same strings as app.Set…). The providers'
// own fields have their keys in scheduler/providers.
const (
	KeyProvider     = "provider"
	KeyHandOff      = "handoff"
	KeyOriginator   = "originator"
	KeyRegion       = "region"
	KeyPrice        = "price_per_part"
	KeyBirthdayTime = "birthday_time"
	KeyStartHidden  = "start_minimised"
)

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
	tk.wg.Add(1)
	if tk.queue != nil {
		tk.pending++
	}
	go func() {
		defer tk.wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
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
