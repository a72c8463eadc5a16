package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"minuit/internal/usererr"
	"minuit/ui/l10n"
)

// Main runs Minuit with args (without the program name) and returns the exit code.
// Errors are one plain sentence on stderr.
func Main(args []string, stdout, stderr io.Writer) int {
	startLanguage()
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
	fs.Usage = func() { fmt.Fprintln(stderr, usage()) }
	data := fs.String("data", "", "data folder (default: $MINUIT_DATA, else the user's config folder)")
	c, ok := commands[cmd]
	if !ok {
		fmt.Fprintln(stderr, usage())
		return usererr.Say(usererr.NewMsg("unknown command {{.Command}}", map[string]any{"Command": strconv.Quote(cmd)}))

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
	useLanguage(ctx, e)
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
func plain(err error) string { return l10n.Sentence(err) }
