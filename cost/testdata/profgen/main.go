// Command profgen makes the CPU profile cost's tests read
// (../webhooks.pprof): it runs code of the layered example
// (testdata/layered) the way the shop would, in-process, under
// runtime/pprof:
//
//   - payment gateway webhooks with a wrong signature, through the shop's
//     own routes (handlers.PaymentHandler.Register): the handler reads the
//     body, services.PaymentService.HandleWebhook checks its HMAC
//     (services.VerifySignature), and the request is refused;
//   - the totals of big orders (models.Order.Recalculate, which sums
//     models.OrderItem.LineTotal).
//
// Regenerate with (from this directory):
//
//	go build -trimpath -o /tmp/profgen . && /tmp/profgen -o ../webhooks.pprof
//
// Samples vary from run to run; the tests check where they land, not how
// many there are.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"time"

	"example.com/shop/handlers"
	"example.com/shop/models"
	"example.com/shop/platform/clock"
	"example.com/shop/services"
)

func main() {
	out := flag.String("o", "webhooks.pprof", "write the CPU profile to `FILE`")
	dur := flag.Duration("d", 2*time.Second, "run each workload for `D`")
	flag.Parse()
	quiet := slog.New(slog.NewTextHandler(bytes.NewBuffer(nil), nil))
	os.Setenv("SHOP_WEBHOOK_SECRET", "profgen-secret")
	payments := services.NewPaymentService(nil, nil, nil, clock.System{}, quiet)
	mux := http.NewServeMux()
	handlers.NewPaymentHandler(payments, quiet, "admin-token").Register(mux)
	body := bytes.Repeat([]byte(`{"type":"payment.settled","data":{"id":"pi_1","status":"settled"}}`), 900)

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	webhooks := 0
	for start := time.Now(); time.Since(start) < *dur; webhooks++ {
		req := httptest.NewRequest(http.MethodPost, "/v1/webhooks/payments/paygate", bytes.NewReader(body))
		req.Header.Set("X-Signature", "00")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized {
			log.Fatalf("webhook: status %d, want 401", rec.Code)
		}
	}
	order := &models.Order{}
	for i := range 10000 {
		order.Items = append(order.Items, models.OrderItem{Quantity: i%7 + 1, UnitPriceCents: int64(100 + i)})
	}
	totals := 0
	for start := time.Now(); time.Since(start) < *dur; totals++ {
		order.Recalculate()
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d webhooks, %d order totals, profile in %s\n", webhooks, totals, *out)
}
