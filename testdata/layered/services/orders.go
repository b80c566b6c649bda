package services

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/events"
	"example.com/shop/platform/idgen"
	"example.com/shop/platform/mail"
)

// OrderRepository is the persistence the order service needs.
// *repositories.Store satisfies it.
type OrderRepository interface {
	CreateOrder(ctx context.Context, o *models.Order) error
	GetOrder(ctx context.Context, id string) (*models.Order, error)
	ListOrders(ctx context.Context, f models.OrderFilter) ([]models.Order, error)
	UpdateOrderStatus(ctx context.Context, id string, from, to models.OrderStatus) error
	ListStalePendingOrders(ctx context.Context, cutoff time.Time, limit int) ([]models.Order, error)
}

// StockReserver is the part of the inventory service used at checkout.
type StockReserver interface {
	Reserve(ctx context.Context, orderID string, lines []models.ReserveLine) ([]models.Reservation, error)
	Release(ctx context.Context, orderID string) error
	Commit(ctx context.Context, orderID string) error
}

// PaymentCharger is the part of the payment service used by orders.
type PaymentCharger interface {
	Charge(ctx context.Context, req models.ChargeRequest) (*models.Payment, error)
	GetByOrder(ctx context.Context, orderID string) (*models.Payment, error)
	Refund(ctx context.Context, paymentID string, req models.RefundRequest) (*models.Refund, error)
}

// Pricing constants for checkout.
const (
	flatShippingCents = 495
	vatBasisPoints    = 1900
)

// OrderDeps groups the collaborators of the order service.
type OrderDeps struct {
	Repo              OrderRepository
	Catalog           *CatalogService
	Customers         *CustomerService
	Stock             StockReserver
	Payments          PaymentCharger
	Events            events.Publisher
	Mailer            mail.Sender
	Clock             clock.Clock
	Log               *slog.Logger
	FreeShippingCents int64
}

// OrderService runs checkout and the order life cycle.
type OrderService struct {
	repo         OrderRepository
	catalog      *CatalogService
	customers    *CustomerService
	stock        StockReserver
	payments     PaymentCharger
	events       events.Publisher
	mailer       mail.Sender
	clock        clock.Clock
	log          *slog.Logger
	freeShipping int64
}

// NewOrderService builds the order service.
func NewOrderService(d OrderDeps) *OrderService {
	return &OrderService{
		repo: d.Repo, catalog: d.Catalog, customers: d.Customers, stock: d.Stock, payments: d.Payments,
		events: d.Events, mailer: d.Mailer, clock: d.Clock, log: d.Log.With("service", "orders"),
		freeShipping: d.FreeShippingCents,
	}
}

// PlaceOrder prices the cart, reserves stock, charges the customer and
// records the order. Stock is released again when the charge fails.
func (s *OrderService) PlaceOrder(ctx context.Context, in models.PlaceOrderInput) (*models.Order, error) {
	in.Currency = strings.ToUpper(in.Currency)
	if err := in.Validate(); err != nil {
		return nil, err
	}
	customer, err := s.customers.Get(ctx, in.CustomerID)
	if err != nil {
		return nil, err
	}
	if _, err := s.customers.AddressOf(ctx, customer.ID, in.ShippingAddressID); err != nil {
		return nil, err
	}
	ids := make([]string, len(in.Items))
	for i, it := range in.Items {
		ids[i] = it.ProductID
	}
	products, err := s.catalog.PriceProducts(ctx, ids, in.Currency)
	if err != nil {
		return nil, err
	}

	now := s.clock.Now()
	order := &models.Order{
		ID:                idgen.New("ord"),
		CustomerID:        customer.ID,
		Status:            models.OrderStatusPending,
		Currency:          in.Currency,
		ShippingAddressID: in.ShippingAddressID,
		PlacedAt:          now,
		UpdatedAt:         now,
	}
	lines := make([]models.ReserveLine, 0, len(in.Items))
	for _, it := range in.Items {
		p := products[it.ProductID]
		order.Items = append(order.Items, models.OrderItem{
			ID: idgen.New("oit"), OrderID: order.ID, ProductID: p.ID, SKU: p.SKU, Name: p.Name,
			Quantity: it.Quantity, UnitPriceCents: discounted(p.PriceCents, customer.Tier),
		})
		lines = append(lines, models.ReserveLine{ProductID: p.ID, Quantity: it.Quantity})
	}
	order.Recalculate()
	order.ShippingCents = s.shippingFor(order.SubtotalCents)
	order.TaxCents = order.SubtotalCents * vatBasisPoints / (10000 + vatBasisPoints)
	order.TotalCents = order.SubtotalCents + order.ShippingCents
	if err := order.Validate(); err != nil {
		return nil, err
	}

	if _, err := s.stock.Reserve(ctx, order.ID, lines); err != nil {
		return nil, err
	}
	if err := s.repo.CreateOrder(ctx, order); err != nil {
		s.releaseQuietly(ctx, order.ID)
		return nil, err
	}
	payment, err := s.payments.Charge(ctx, models.ChargeRequest{
		OrderID: order.ID, AmountCents: order.TotalCents, Currency: order.Currency,
		PaymentMethodToken: in.PaymentMethodToken, IdempotencyKey: "order-" + order.ID,
	})
	if err != nil {
		s.releaseQuietly(ctx, order.ID)
		if uerr := s.repo.UpdateOrderStatus(ctx, order.ID, models.OrderStatusPending, models.OrderStatusCancelled); uerr != nil {
			s.log.ErrorContext(ctx, "cancel unpaid order", "order_id", order.ID, "error", uerr)
		}
		return nil, err
	}
	s.log.InfoContext(ctx, "order placed", "order_id", order.ID, "total_cents", order.TotalCents, "payment_status", payment.Status)

	ev := models.OrderCreatedEvent{
		OrderID: order.ID, CustomerID: order.CustomerID, ShippingAddressID: order.ShippingAddressID,
		TotalCents: order.TotalCents, Currency: order.Currency,
	}
	if err := s.events.Publish(ctx, "orders.created", ev); err != nil {
		s.log.WarnContext(ctx, "publish orders.created", "order_id", order.ID, "error", err)
	}
	// The confirmation mail must not delay the checkout response.
	go s.sendConfirmationEmail(context.WithoutCancel(ctx), customer, order)
	return order, nil
}

func (s *OrderService) sendConfirmationEmail(ctx context.Context, c *models.Customer, o *models.Order) {
	var b strings.Builder
	fmt.Fprintf(&b, "Hello %s,\n\nthank you for your order %s.\n\n", c.FullName, o.ID)
	for _, it := range o.Items {
		fmt.Fprintf(&b, "  %d x %s  %s\n", it.Quantity, it.Name, formatMoney(it.LineTotal(), o.Currency))
	}
	fmt.Fprintf(&b, "\nShipping: %s\nTotal:    %s\n", formatMoney(o.ShippingCents, o.Currency), formatMoney(o.TotalCents, o.Currency))
	msg := mail.Message{To: []string{c.Email}, Subject: "Your order " + o.ID, Body: b.String()}
	for attempt := 1; attempt <= 3; attempt++ {
		err := s.mailer.Send(ctx, msg)
		if err == nil {
			return
		}
		s.log.Warn("confirmation mail failed", "order_id", o.ID, "attempt", attempt, "error", err)
		time.Sleep(time.Duration(attempt) * 2 * time.Second)
	}
}

func (s *OrderService) releaseQuietly(ctx context.Context, orderID string) {
	if err := s.stock.Release(ctx, orderID); err != nil {
		s.log.ErrorContext(ctx, "release reservation", "order_id", orderID, "error", err)
	}
}

func (s *OrderService) shippingFor(subtotal int64) int64 {
	if s.freeShipping > 0 && subtotal >= s.freeShipping {
		return 0
	}
	return flatShippingCents
}

// discounted applies the loyalty discount of a customer tier.
func discounted(price int64, tier models.CustomerTier) int64 {
	switch tier {
	case models.TierGold:
		return price * 90 / 100
	case models.TierSilver:
		return price * 95 / 100
	default:
		return price
	}
}

// formatMoney renders minor units as "12.34 EUR".
func formatMoney(cents int64, currency string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, cents/100, cents%100, currency)
}

// Get returns an order with its lines.
func (s *OrderService) Get(ctx context.Context, id string) (*models.Order, error) {
	return s.repo.GetOrder(ctx, id)
}

// List lists orders.
func (s *OrderService) List(ctx context.Context, f models.OrderFilter) ([]models.Order, error) {
	if f.Status != "" && !f.Status.Valid() {
		return nil, apperr.Invalid("unknown status", map[string]string{"status": string(f.Status)})
	}
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	return s.repo.ListOrders(ctx, f)
}

// Cancel cancels a pending or paid order, releasing stock and refunding a
// settled payment.
func (s *OrderService) Cancel(ctx context.Context, id, reason string) (*models.Order, error) {
	o, err := s.repo.GetOrder(ctx, id)
	if err != nil {
		return nil, err
	}
	if !o.Status.CanTransitionTo(models.OrderStatusCancelled) {
		return nil, apperr.Conflict("order %s cannot be cancelled in status %s", id, o.Status)
	}
	if err := s.repo.UpdateOrderStatus(ctx, id, o.Status, models.OrderStatusCancelled); err != nil {
		return nil, err
	}
	if o.Status == models.OrderStatusPending {
		s.releaseQuietly(ctx, id)
	}
	if o.Status == models.OrderStatusPaid {
		p, err := s.payments.GetByOrder(ctx, id)
		if err != nil {
			return nil, err
		}
		if reason == "" {
			reason = "order cancelled"
		}
		if _, err := s.payments.Refund(ctx, p.ID, models.RefundRequest{AmountCents: p.AmountCents, Reason: reason}); err != nil {
			return nil, fmt.Errorf("order %s cancelled but refund failed: %w", id, err)
		}
	}
	o.Status = models.OrderStatusCancelled
	return o, nil
}

// MarkPaid records a settled payment and commits the stock reservation.
func (s *OrderService) MarkPaid(ctx context.Context, orderID, paymentID string) error {
	err := s.repo.UpdateOrderStatus(ctx, orderID, models.OrderStatusPending, models.OrderStatusPaid)
	if apperr.Is(err, apperr.KindConflict) {
		o, gerr := s.repo.GetOrder(ctx, orderID)
		if gerr == nil && o.Status == models.OrderStatusPaid {
			return nil // duplicate delivery of the settlement event
		}
		return err
	}
	if err != nil {
		return err
	}
	if err := s.stock.Commit(ctx, orderID); err != nil {
		return fmt.Errorf("order %s paid by %s: %w", orderID, paymentID, err)
	}
	return nil
}

// MarkFulfilled records that the order was handed to a carrier.
func (s *OrderService) MarkFulfilled(ctx context.Context, orderID string) error {
	return s.repo.UpdateOrderStatus(ctx, orderID, models.OrderStatusPaid, models.OrderStatusFulfilled)
}

// MarkDelivered records the carrier's delivery confirmation.
func (s *OrderService) MarkDelivered(ctx context.Context, orderID string) error {
	return s.repo.UpdateOrderStatus(ctx, orderID, models.OrderStatusFulfilled, models.OrderStatusDelivered)
}

// CancelAbandoned cancels pending orders older than maxAge whose payment
// never completed and returns how many were cancelled.
func (s *OrderService) CancelAbandoned(ctx context.Context, maxAge time.Duration) (int, error) {
	stale, err := s.repo.ListStalePendingOrders(ctx, s.clock.Now().Add(-maxAge), 200)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, o := range stale {
		if _, err := s.Cancel(ctx, o.ID, "payment not completed"); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
