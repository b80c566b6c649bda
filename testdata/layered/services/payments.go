package services

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/events"
	"example.com/shop/platform/idgen"
)

// PaymentRepository is the persistence the payment service needs.
// *repositories.Store satisfies it.
type PaymentRepository interface {
	CreatePayment(ctx context.Context, p *models.Payment) error
	GetPayment(ctx context.Context, id string) (*models.Payment, error)
	GetPaymentByOrder(ctx context.Context, orderID string) (*models.Payment, error)
	GetPaymentByProviderRef(ctx context.Context, provider, ref string) (*models.Payment, error)
	UpdatePaymentStatus(ctx context.Context, id string, status models.PaymentStatus, providerRef, reason string) error
	ListPaymentsToReconcile(ctx context.Context, since time.Time, limit int) ([]models.Payment, error)
	CreateRefund(ctx context.Context, r *models.Refund) error
	RefundedAmount(ctx context.Context, paymentID string) (int64, error)
}

// GatewayCharge is an authorisation request sent to the card processor.
type GatewayCharge struct {
	AmountCents    int64  `json:"amount"`
	Currency       string `json:"currency"`
	Token          string `json:"payment_method"`
	Reference      string `json:"reference"`
	IdempotencyKey string `json:"-"`
}

// GatewayResult is the processor's view of a payment.
type GatewayResult struct {
	Ref           string               `json:"id"`
	Status        models.PaymentStatus `json:"status"`
	FailureReason string               `json:"failure_reason,omitempty"`
}

// Gateway is the card processor client.
type Gateway interface {
	Authorize(ctx context.Context, c GatewayCharge) (GatewayResult, error)
	Refund(ctx context.Context, ref string, amountCents int64, currency string) (string, error)
	Lookup(ctx context.Context, ref string) (GatewayResult, error)
}

// HTTPGateway talks to the PayGate REST API.
type HTTPGateway struct {
	baseURL string
	apiKey  string
	client  *http.Client
}

// NewHTTPGateway builds a gateway client.
func NewHTTPGateway(baseURL, apiKey string) *HTTPGateway {
	return &HTTPGateway{baseURL: baseURL, apiKey: apiKey, client: &http.Client{Timeout: 15 * time.Second}}
}

// Authorize creates a payment intent at the processor.
func (g *HTTPGateway) Authorize(ctx context.Context, c GatewayCharge) (GatewayResult, error) {
	var out GatewayResult
	err := g.do(ctx, http.MethodPost, "/payment_intents", c.IdempotencyKey, c, &out)
	return out, err
}

// Refund refunds part or all of a captured payment.
func (g *HTTPGateway) Refund(ctx context.Context, ref string, amountCents int64, currency string) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	body := map[string]any{"payment_intent": ref, "amount": amountCents, "currency": currency}
	if err := g.do(ctx, http.MethodPost, "/refunds", "", body, &out); err != nil {
		return "", err
	}
	return out.ID, nil
}

// Lookup fetches the processor's current view of a payment.
func (g *HTTPGateway) Lookup(ctx context.Context, ref string) (GatewayResult, error) {
	var out GatewayResult
	err := g.do(ctx, http.MethodGet, "/payment_intents/"+ref, "", nil, &out)
	return out, err
}

func (g *HTTPGateway) do(ctx context.Context, method, path, idemKey string, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return apperr.Internal("gateway.encode", err)
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, g.baseURL+path, body)
	if err != nil {
		return apperr.Internal("gateway.request", err)
	}
	req.Header.Set("Authorization", "Bearer "+g.apiKey)
	req.Header.Set("Content-Type", "application/json")
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return apperr.Unavailable("gateway."+path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 {
		return apperr.Unavailable("gateway."+path, fmt.Errorf("status %d", resp.StatusCode))
	}
	if resp.StatusCode >= 400 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return apperr.Invalid("payment rejected by gateway: "+string(msg), nil)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return apperr.Internal("gateway.decode", err)
	}
	return nil
}

// fxRatesPath is the rate sheet refreshed nightly by the finance export.
const fxRatesPath = "data/fx_rates.json"

// fxRates converts settlement amounts to EUR for reconciliation reports.
var fxRates = map[string]float64{"EUR": 1, "USD": 0.92, "GBP": 1.17, "PLN": 0.23}

func init() {
	data, err := os.ReadFile(fxRatesPath)
	if err != nil {
		return // keep the built-in rates
	}
	var rates map[string]float64
	if err := json.Unmarshal(data, &rates); err != nil {
		slog.Warn("ignoring malformed fx rate sheet", "path", fxRatesPath, "error", err)
		return
	}
	for k, v := range rates {
		fxRates[k] = v
	}
}

// ToEUR converts an amount in minor units to EUR minor units.
func ToEUR(amountCents int64, currency string) (int64, bool) {
	rate, ok := fxRates[currency]
	if !ok {
		return 0, false
	}
	return int64(float64(amountCents)*rate + 0.5), true
}

// ReconcileReport summarises a reconciliation run.
type ReconcileReport struct {
	Checked    int   `json:"checked"`
	Updated    int   `json:"updated"`
	Failed     int   `json:"failed"`
	SettledEUR int64 `json:"settled_eur_cents"`
}

// PaymentService charges orders and tracks gateway state.
type PaymentService struct {
	repo          PaymentRepository
	gw            Gateway
	events        events.Publisher
	clock         clock.Clock
	log           *slog.Logger
	provider      string
	actionTimeout time.Duration
}

// NewPaymentService builds the payment service.
func NewPaymentService(repo PaymentRepository, gw Gateway, pub events.Publisher, c clock.Clock, log *slog.Logger) *PaymentService {
	return &PaymentService{
		repo: repo, gw: gw, events: pub, clock: c,
		log:           log.With("service", "payments"),
		provider:      "paygate",
		actionTimeout: 15 * time.Minute,
	}
}

// Charge authorises the order amount. If the customer must complete a
// 3-D Secure challenge, the payment is expired when it is not completed in time.
func (s *PaymentService) Charge(ctx context.Context, req models.ChargeRequest) (*models.Payment, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if prev, err := s.repo.GetPaymentByOrder(ctx, req.OrderID); err == nil && prev.Status != models.PaymentFailed && prev.Status != models.PaymentExpired {
		return prev, nil
	} else if err != nil && !apperr.Is(err, apperr.KindNotFound) {
		return nil, err
	}
	now := s.clock.Now()
	p := &models.Payment{
		ID: idgen.New("pay"), OrderID: req.OrderID, AmountCents: req.AmountCents, Currency: req.Currency,
		Status: models.PaymentPending, Provider: s.provider, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.repo.CreatePayment(ctx, p); err != nil {
		return nil, err
	}
	key := req.IdempotencyKey
	if key == "" {
		key = p.ID
	}
	res, err := s.gw.Authorize(ctx, GatewayCharge{
		AmountCents: req.AmountCents, Currency: req.Currency, Token: req.PaymentMethodToken,
		Reference: req.OrderID, IdempotencyKey: key,
	})
	if err != nil {
		_ = s.repo.UpdatePaymentStatus(ctx, p.ID, models.PaymentFailed, "", err.Error())
		return nil, err
	}
	if err := s.repo.UpdatePaymentStatus(ctx, p.ID, res.Status, res.Ref, res.FailureReason); err != nil {
		return nil, err
	}
	p.Status, p.ProviderRef, p.FailureReason = res.Status, res.Ref, res.FailureReason
	if p.Status == models.PaymentRequiresAction {
		paymentID := p.ID
		time.AfterFunc(s.actionTimeout, func() { s.expireIfPending(paymentID) })
	}
	if p.Status == models.PaymentFailed {
		return p, apperr.Invalid("payment declined: "+p.FailureReason, nil)
	}
	return p, nil
}

// expireIfPending marks a payment expired when the customer never finished
// the authentication challenge.
func (s *PaymentService) expireIfPending(paymentID string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := s.repo.GetPayment(ctx, paymentID)
	if err != nil {
		s.log.Error("expire payment: load", "payment_id", paymentID, "error", err)
		return
	}
	if p.Status != models.PaymentRequiresAction {
		return
	}
	if err := s.repo.UpdatePaymentStatus(ctx, paymentID, models.PaymentExpired, "", "authentication not completed"); err != nil {
		s.log.Error("expire payment", "payment_id", paymentID, "error", err)
	}
}

// Get returns a payment by id.
func (s *PaymentService) Get(ctx context.Context, id string) (*models.Payment, error) {
	return s.repo.GetPayment(ctx, id)
}

// GetByOrder returns the latest payment of an order.
func (s *PaymentService) GetByOrder(ctx context.Context, orderID string) (*models.Payment, error) {
	return s.repo.GetPaymentByOrder(ctx, orderID)
}

// Refund refunds part of a settled payment, never more than what remains.
func (s *PaymentService) Refund(ctx context.Context, paymentID string, req models.RefundRequest) (*models.Refund, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	p, err := s.repo.GetPayment(ctx, paymentID)
	if err != nil {
		return nil, err
	}
	if p.Status != models.PaymentSettled {
		return nil, apperr.Conflict("payment %s is %s, only settled payments can be refunded", p.ID, p.Status)
	}
	already, err := s.repo.RefundedAmount(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if already+req.AmountCents > p.AmountCents {
		return nil, apperr.Invalid("refund exceeds the remaining amount",
			map[string]string{"amount_cents": fmt.Sprintf("at most %d", p.AmountCents-already)})
	}
	ref, err := s.gw.Refund(ctx, p.ProviderRef, req.AmountCents, p.Currency)
	if err != nil {
		return nil, err
	}
	r := &models.Refund{
		ID: idgen.New("rfd"), PaymentID: p.ID, AmountCents: req.AmountCents, Reason: req.Reason,
		Status: "succeeded", ProviderRef: ref, CreatedAt: s.clock.Now(),
	}
	if err := s.repo.CreateRefund(ctx, r); err != nil {
		return nil, err
	}
	if already+req.AmountCents == p.AmountCents {
		if err := s.repo.UpdatePaymentStatus(ctx, p.ID, models.PaymentRefunded, "", ""); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// WebhookEvent is the body the gateway posts to us.
type WebhookEvent struct {
	Type string        `json:"type"`
	Data GatewayResult `json:"data"`
}

// webhookSecret is read on every call so a rotated secret takes effect
// without a restart.
func webhookSecret() string { return os.Getenv("SHOP_WEBHOOK_SECRET") }

// VerifySignature checks the hex HMAC-SHA256 of the body.
func VerifySignature(body []byte, signature string) bool {
	secret := webhookSecret()
	if secret == "" {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	want := mac.Sum(nil)
	got, err := hex.DecodeString(signature)
	return err == nil && hmac.Equal(got, want)
}

// HandleWebhook applies a gateway notification.
func (s *PaymentService) HandleWebhook(ctx context.Context, provider string, body []byte, signature string) error {
	if provider != s.provider {
		return apperr.NotFound("payment provider", provider)
	}
	if !VerifySignature(body, signature) {
		return apperr.Unauthorized("bad webhook signature")
	}
	var ev WebhookEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return apperr.Invalid("malformed webhook body", nil)
	}
	p, err := s.repo.GetPaymentByProviderRef(ctx, provider, ev.Data.Ref)
	if err != nil {
		return err
	}
	return s.applyStatus(ctx, p, ev.Data)
}

func (s *PaymentService) applyStatus(ctx context.Context, p *models.Payment, res GatewayResult) error {
	if p.Status == res.Status || p.Status.Terminal() {
		return nil
	}
	if err := s.repo.UpdatePaymentStatus(ctx, p.ID, res.Status, res.Ref, res.FailureReason); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "payment status changed", "payment_id", p.ID, "from", p.Status, "to", res.Status)
	if res.Status == models.PaymentSettled {
		ev := models.PaymentSettledEvent{PaymentID: p.ID, OrderID: p.OrderID, AmountCents: p.AmountCents, Currency: p.Currency}
		if err := s.events.Publish(ctx, "payments.settled", ev); err != nil {
			return apperr.Unavailable("payments.publish_settled", err)
		}
	}
	return nil
}

// Reconcile asks the gateway for the state of every open payment touched
// since the given time and applies differences.
func (s *PaymentService) Reconcile(ctx context.Context, since time.Time) (ReconcileReport, error) {
	var rep ReconcileReport
	payments, err := s.repo.ListPaymentsToReconcile(ctx, since, 1000)
	if err != nil {
		return rep, err
	}
	for i := range payments {
		p := &payments[i]
		rep.Checked++
		if p.ProviderRef == "" {
			continue
		}
		res, err := s.gw.Lookup(ctx, p.ProviderRef)
		if err != nil {
			rep.Failed++
			s.log.WarnContext(ctx, "reconcile lookup failed", "payment_id", p.ID, "error", err)
			continue
		}
		if res.Status == p.Status {
			continue
		}
		if err := s.applyStatus(ctx, p, res); err != nil {
			rep.Failed++
			continue
		}
		rep.Updated++
		if res.Status == models.PaymentSettled {
			if eur, ok := ToEUR(p.AmountCents, p.Currency); ok {
				rep.SettledEUR += eur
			}
		}
	}
	return rep, nil
}
