package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"minuit/internal/usererr"
	"strings"
)

const usage = `Minuit plans and sends SMS for your shop.

Usage:
  minuit [--data DIR]                 open the window (and send in the background)
  minuit serve [--data DIR]           send without a window, until Ctrl+C
  minuit schedule --to NUMBERS --at "YYYY-MM-DD HH:MM" [options] "text"
  minuit list [--json]                planned messages and their next send time
  minuit history [--json] [--limit N] deliveries, newest first
  minuit cancel ID | --delivery ID    cancel a message (or one delivery)
  minuit retry ID                     send a failed, missed or unconfirmed delivery again
  minuit import FILE [--dry-run]      import contacts from vCard or a Shopify/CSV export
  minuit contacts [--json]            list contacts
  minuit forget ID [--yes]            erase a contact and their message history for good
  minuit report [--json] [ID...]      per message: sent, delivered, failed, skipped by reason, opt-outs
  minuit backup [FILE] [--force]      copy the database to FILE (none: today's file in the data folder's backups/)
  minuit restore FILE                 replace the database with a backup (Minuit must not be running)
  minuit check                        verify the database (SQLite's integrity_check): ok, or the problems
  minuit consent export FILE.csv      consent history (also: consent settings | set KEY VALUE | reply NUMBER TEXT)

Every command takes --data DIR (or MINUIT_DATA).`

// Main runs Minuit with args (without the program name) and returns the exit code.
// Errors are one plain sentence on stderr.
func Main(args []string, stdout, stderr io.Writer) int {
	err := run(context.Background(), args, stdout, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "minuit:", plain(err))
		return 1
	}
	return 0
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd, args := splitCommand(args)
	fs := flag.NewFlagSet("minuit "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, usage) }
	data := fs.String("data", "", "data folder (default: $MINUIT_DATA, else the user's config folder)")
	c, ok := commands[cmd]
	if !ok {
		fmt.Fprintln(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	opts := c.flags(fs)
	// Flags may come before or after the positional arguments.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if run, ok := folderCommands[cmd]; ok {
		dir, err := DataDir(*data)
		if err != nil {
			return err
		}
		return run(ctx, dir, opts, positional, stdout, stderr)
	}
	e, err := openEnv(ctx, *data)
	if err != nil {
		return err
	}
	defer e.Close()
	return c.run(ctx, e, opts, positional, stdout, stderr)
}

// splitCommand finds the subcommand even when --data comes first
// ("minuit --data DIR schedule …").
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--data" || a == "-data" {
			i++ // its value
			continue
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		return a, append(append([]string{}, args[:i]...), args[i+1:]...)
	}
	return "", args
}

type command struct {
	flags func(*flag.FlagSet) any
	run   func(ctx context.Context, e *env, opts any, args []string, stdout, stderr io.Writer) error
}

var commands = map[string]command{}

func noFlags(*flag.FlagSet) any { return nil }

func init() {
	commands[""] = command{noFlags, func(ctx context.Context, e *env, _ any, _ []string, _, stderr io.Writer) error {
		return window(ctx, e, stderr)
	}}
	commands["serve"] = command{noFlags, func(ctx context.Context, e *env, _ any, _ []string, _, stderr io.Writer) error {
		return serve(ctx, e, stderr)
	}}
}

// plain strips the package prefixes ("scheduler: ") that wrapped errors carry, so
// the user reads one sentence.
func plain(err error) string { return usererr.Sentence(err) }
