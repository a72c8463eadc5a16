// Command shopifydemo serves the Shopify emulator (scheduler/shopify/shopifyemu) on
// a local port, for trying Minuit's Shop tab and CLI by hand:
//
//	go run ./internal/shopifydemo -addr 127.0.0.1:8097
//	MINUIT_SHOPIFY_URL=http://127.0.0.1:8097 minuit shopify connect --shop demo --token shpat_demo
//
// It seeds a few customers and, with -every, adds an order (and ships the previous
// one, and leaves a cart) at that pace. Ctrl+C stops it.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"minuit/scheduler/shopify"
	"minuit/scheduler/shopify/shopifyemu"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8097", "where to listen (loopback)")
	token := flag.String("token", "shpat_demo", "the Admin API access token it accepts")
	every := flag.Duration("every", 0, "add an order, a shipment and a cart this often (0: never)")
	flag.Parse()
	emu := shopifyemu.New(shopifyemu.WithToken(*token), shopifyemu.WithClient("demo-client", "demo-secret"))
	defer emu.Close()
	emu.SetShopName("La Boutique de Démo")
	var ids []string
	for i, name := range []string{"Camille", "Lucas", "Chloé", "Hugo"} {
		ids = append(ids, emu.AddCustomer(shopify.Customer{FirstName: name, LastName: "Martin", Email: fmt.Sprintf("c%d@example.fr", i),
			Phone: fmt.Sprintf("+3361234500%d", i), Tags: []string{"Démo"}, SMSState: shopify.SMSSubscribed, SMSUpdatedAt: time.Now().Add(-time.Hour)}))
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("MINUIT_SHOPIFY_URL=http://%s MINUIT_SHOPIFY_SHOP=demo MINUIT_SHOPIFY_TOKEN=%s\n", l.Addr(), *token)
	go func() { log.Fatal(http.Serve(l, emu.Config.Handler)) }()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	var tick <-chan time.Time
	if *every > 0 {
		t := time.NewTicker(*every)
		defer t.Stop()
		tick = t.C
	}
	last := ""
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		case <-tick:
			cid := ids[n%len(ids)]
			if last != "" {
				emu.AddFulfillment(last, shopify.Fulfillment{Tracking: []shopify.Tracking{{Company: "Colissimo",
					Number: fmt.Sprintf("6A%09d", n), URL: fmt.Sprintf("https://www.laposte.fr/outils/suivre-vos-envois?code=6A%09d", n)}}})
			}
			last = emu.AddOrder(shopify.Order{Total: fmt.Sprintf("%d.90", 20+n), Customer: shopify.Person{ID: cid}})
			emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: ids[(n+1)%len(ids)]}})
			log.Printf("order %s added", last)
		}
	}
}
