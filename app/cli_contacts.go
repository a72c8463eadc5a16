package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"minuit/contacts"
	"minuit/internal/usererr"
)

type importOpts struct {
	dryRun  *bool
	region  *string
	columns *string
}

type contactsOpts struct {
	json  *bool
	query *string
	group *string
}

func init() {
	commands["import"] = command{func(fs *flag.FlagSet) any {
		return &importOpts{dryRun: fs.Bool("dry-run", false, "show what would change, change nothing"),
			region:  fs.String("region", "", "country for numbers without +, e.g. FR"),
			columns: fs.String("columns", "", `CSV column mapping, e.g. "Téléphone=mobile,Prénom=first_name,Nom=last_name"`)}
	}, runImport}
	commands["contacts"] = command{func(fs *flag.FlagSet) any {
		return &contactsOpts{json: fs.Bool("json", false, "one JSON object per line"),
			query: fs.String("search", "", "name or number"), group: fs.String("group", "", "only this group")}
	}, runContacts}
	commands["forget"] = command{func(fs *flag.FlagSet) any {
		return fs.Bool("yes", false, "confirm: erase for good")
	}, runForget}
}

// runForget erases a contact and their personal data in message history, for good
// (right to be forgotten): the history first, then the contact, each in one
// transaction of its own file, so that a failure leaves the contact to erase again.
// It asks for --yes first.
func runForget(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	id, err := oneID(args)
	if err != nil {
		return err
	}
	c, err := e.contacts.Get(ctx, id)
	if err != nil {
		return err
	}
	if !*o.(*bool) {
		fmt.Fprintln(stdout, lang.N("This erases {{.Name}} ({{.Count}} numbers), their consent history and their number and texts in the\n"+
			"message history, for good. Run again with --yes to do it: minuit forget {{.ID}} --yes", len(c.Phones),
			map[string]any{"Name": c.Name, "Count": len(c.Phones), "ID": id}))
		return nil
	}
	if err := forgetContact(ctx, e, c); err != nil {
		return err
	}
	fmt.Fprintln(stdout, lang.L("Erased contact {{.ID}} and their message history.", map[string]any{"ID": id}))
	return nil
}

func runImport(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	opts := o.(*importOpts)
	if len(args) != 1 {
		return usererr.Sayf("give one file to import: minuit import contacts.vcf")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", args[0], err)
	}
	defer f.Close()
	iopts := contacts.ImportOptions{Region: *opts.region, Source: filepath.Base(args[0])}
	if *opts.columns != "" {
		iopts.Columns = map[string]string{}
		for _, pair := range strings.Split(*opts.columns, ",") {
			header, field, ok := strings.Cut(pair, "=")
			if !ok || strings.TrimSpace(header) == "" || strings.TrimSpace(field) == "" {
				return usererr.Sayf("--columns takes HEADER=field pairs separated by commas, not %q", pair)
			}
			iopts.Columns[strings.TrimSpace(header)] = strings.TrimSpace(field)
		}
	}
	if fi, err := f.Stat(); err == nil {
		iopts.FileTime = fi.ModTime()
	}
	p, err := e.contacts.Preview(ctx, f, iopts)
	if err != nil {
		return err
	}
	defer p.Close()
	if err := contacts.WritePreview(stdout, p); err != nil {
		return err
	}
	if *opts.dryRun {
		fmt.Fprintln(stdout, lang.L("Dry run: nothing was changed."))
		return nil
	}
	res, err := e.contacts.Commit(ctx, p)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, lang.L("Imported: {{.New}} new, {{.Updated}} updated, {{.Unchanged}} unchanged.",
		map[string]any{"New": res.New, "Updated": res.Updated, "Unchanged": res.Unchanged}))

	poke(e.dir, "wake")
	return nil
}

func runContacts(ctx context.Context, e *env, o any, _ []string, stdout, _ io.Writer) error {
	opts := o.(*contactsOpts)
	q := contacts.Query{Text: *opts.query, Group: *opts.group, Limit: 1000}
	for {
		cs, err := e.contacts.List(ctx, q)
		if err != nil {
			return err
		}
		if *opts.json {
			err = contacts.WriteJSONLines(stdout, cs)
		} else {
			for _, c := range cs {
				_, err = fmt.Fprintf(stdout, "%d\t%s\t%s\n", c.ID, c.Name, c.Phone)
			}
		}
		if err != nil || len(cs) < q.Limit {
			return err
		}
		q.After = cs[len(cs)-1].ID
	}
}
