// Command seed fills a data folder for measurements: N contacts (vCard import
// through the contacts store) and M planned messages over the next month.
//
//	go run ./app/testdata/seed -data DIR -contacts 100000 -messages 1000
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"path/filepath"
	"strings"
	"time"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/sandbox"
)

func main() {
	dir := flag.String("data", "", "data folder")
	nc := flag.Int("contacts", 100000, "contacts")
	nm := flag.Int("messages", 1000, "planned messages")
	nh := flag.Int("history", 0, "past deliveries to add to history, one a minute back from now")
	flag.Parse()
	ctx := context.Background()
	d, err := db.Open(filepath.Join(*dir, "minuit.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()
	st, err := scheduler.Open(ctx, d, time.Now)
	if err != nil {
		log.Fatal(err)
	}
	cd, err := db.Open(filepath.Join(*dir, "contacts.db")) // the contacts' own file (app/contactsdb.go)
	if err != nil {
		log.Fatal(err)
	}
	defer cd.Close()
	cs, err := contacts.Open(ctx, cd, time.Now)
	if err != nil {
		log.Fatal(err)
	}
	var b strings.Builder
	for i := 0; i < *nc; i++ {
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Client %06d\r\nN:%06d;Client;;;\r\nTEL;TYPE=CELL:+336%08d\r\nEND:VCARD\r\n", i, i, 10000000+i)
	}
	p, err := cs.Preview(ctx, strings.NewReader(b.String()), contacts.ImportOptions{Source: "seed.vcf", Region: "FR"})
	if err != nil {
		log.Fatal(err)
	}
	res, err := cs.Commit(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	loc, _ := time.LoadLocation("Europe/Paris")
	start := time.Now().In(loc).Add(2 * time.Hour)
	for i := 0; i < *nm; i++ {
		at := start.Add(time.Duration(i) * 43 * time.Minute)
		_, err := st.CreateMessage(ctx, scheduler.Message{Body: fmt.Sprintf("Bonjour, votre commande %d est prête.", i),
			Kind: minuit.Transactional, TZ: "Europe/Paris", At: at.Format(scheduler.WallLayout),
			Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: fmt.Sprintf("+336%08d", 20000000+i)}}})
		if err != nil {
			log.Fatal(err)
		}
	}
	if *nh > 0 {
		if err := seedHistory(ctx, d, st, *nh); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("%d contacts (%d new), %d messages, %d history rows\n", *nc, res.New, *nm, *nh)
}

// seedHistory sends one message through the sandbox, then copies its delivery n
// times into the past (one a minute, every tenth failed), in one statement.
func seedHistory(ctx context.Context, d *db.DB, st *scheduler.Store, n int) error {
	_, err := st.CreateMessage(ctx, scheduler.Message{Body: "Seed", Kind: minuit.Transactional, TZ: "UTC",
		At: time.Now().UTC().Format(scheduler.WallLayout), Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
	if err != nil {
		return err
	}
	prov, err := sandbox.New(ctx, d, time.Now)
	if err != nil {
		return err
	}
	if _, err := scheduler.New(scheduler.Config{Store: st, Provider: prov}).Pass(ctx); err != nil {
		return err
	}
	rows, err := d.R.QueryContext(ctx, "SELECT name FROM pragma_table_info('deliveries')")
	if err != nil {
		return err
	}
	var cols, exprs []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return err
		}
		e := "d." + c
		switch c {
		case "id":
			continue
		case "occurrence", "due":
			e = "strftime('%Y-%m-%dT%H:%M:%S', 'now', '-' || (n.i*60) || ' seconds') || '.000000Z'"
		case "recipient":
			e = "'+336' || printf('%08d', 10000000 + n.i % 100000)"
		case "state":
			e = "CASE n.i % 10 WHEN 0 THEN 'failed' ELSE 'delivered' END"
		case "reference":
			e = "'seed-' || n.i"
		}
		cols, exprs = append(cols, c), append(exprs, e)
	}
	rows.Close()
	q := "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ?) INSERT INTO deliveries (" +
		strings.Join(cols, ", ") + ") SELECT " + strings.Join(exprs, ", ") + " FROM n, (SELECT * FROM deliveries LIMIT 1) d"
	if _, err := d.W.ExecContext(ctx, q, n); err != nil {
		return err
	}
	_, err = d.W.ExecContext(ctx, "ANALYZE")
	return err
}
