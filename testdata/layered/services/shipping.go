package services

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"sort"
	"sync"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/events"
	"example.com/shop/platform/idgen"
	"example.com/shop/repositories"
)

// shippingZone prices one carrier service for a destination country.
type shippingZone struct {
	Carrier    string `json:"carrier"`
	Service    string `json:"service"`
	BaseCents  int64  `json:"base_cents"`
	PerKgCents int64  `json:"per_kg_cents"`
	Days       int    `json:"days"`
}

// defaultZones is used when no zone file is deployed.
var defaultZones = map[string][]shippingZone{
	"DE": {{"dhl", "paket", 490, 50, 2}, {"dhl", "express", 1290, 120, 1}},
	"*":  {{"ups", "standard", 1490, 200, 5}, {"ups", "express", 3490, 400, 2}},
}

// zoneTable is loaded once at start-up from the operations team's file.
var zoneTable = loadZoneTable("config/shipping_zones.json")

func loadZoneTable(path string) map[string][]shippingZone {
	data, err := os.ReadFile(path)
	if err != nil {
		return defaultZones
	}
	var zones map[string][]shippingZone
	if err := json.Unmarshal(data, &zones); err != nil || len(zones) == 0 {
		return defaultZones
	}
	return zones
}

// quoteTTL is how long computed rates stay valid.
const quoteTTL = 15 * time.Minute

type cachedQuotes struct {
	at     time.Time
	quotes []models.RateQuote
}

// ShippingService quotes rates, creates shipments and tracks parcels.
type ShippingService struct {
	store     *repositories.Store
	orders    *OrderService
	customers *CustomerService
	events    events.Publisher
	clock     clock.Clock
	log       *slog.Logger

	mu     sync.Mutex
	quotes map[string]cachedQuotes
}

// NewShippingService builds the shipping service.
func NewShippingService(store *repositories.Store, orders *OrderService, customers *CustomerService,
	pub events.Publisher, c clock.Clock, log *slog.Logger) *ShippingService {
	return &ShippingService{
		store: store, orders: orders, customers: customers, events: pub, clock: c,
		log:    log.With("service", "shipping"),
		quotes: map[string]cachedQuotes{},
	}
}

// QuoteRates prices every carrier service for an order, cheapest first.
func (s *ShippingService) QuoteRates(ctx context.Context, orderID string) ([]models.RateQuote, error) {
	s.mu.Lock()
	if c, ok := s.quotes[orderID]; ok && s.clock.Now().Sub(c.at) < quoteTTL {
		s.mu.Unlock()
		return c.quotes, nil
	}
	s.mu.Unlock()

	order, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	addr, err := s.customers.Address(ctx, order.ShippingAddressID)
	if err != nil {
		return nil, err
	}
	grams, err := s.store.OrderParcelWeight(ctx, orderID)
	if err != nil {
		return nil, err
	}
	zones, ok := zoneTable[addr.Country]
	if !ok {
		zones = zoneTable["*"]
	}
	kg := int64((grams + 999) / 1000)
	quotes := make([]models.RateQuote, 0, len(zones))
	for _, z := range zones {
		quotes = append(quotes, models.RateQuote{
			Carrier: z.Carrier, Service: z.Service,
			CostCents: z.BaseCents + kg*z.PerKgCents, EstimatedDays: z.Days,
		})
	}
	sort.Slice(quotes, func(i, j int) bool { return quotes[i].CostCents < quotes[j].CostCents })

	s.mu.Lock()
	s.quotes[orderID] = cachedQuotes{at: s.clock.Now(), quotes: quotes}
	s.mu.Unlock()
	return quotes, nil
}

// PrepareForOrder pre-computes rates for a freshly created order so the
// warehouse screen opens instantly.
func (s *ShippingService) PrepareForOrder(ctx context.Context, ev models.OrderCreatedEvent) error {
	quotes, err := s.QuoteRates(ctx, ev.OrderID)
	if err != nil {
		return err
	}
	s.log.InfoContext(ctx, "rates prepared", "order_id", ev.OrderID, "options", len(quotes))
	return nil
}

// CreateShipment books the chosen service for a paid order.
func (s *ShippingService) CreateShipment(ctx context.Context, req models.ShipmentRequest) (*models.Shipment, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	order, err := s.orders.Get(ctx, req.OrderID)
	if err != nil {
		return nil, err
	}
	if order.Status != models.OrderStatusPaid {
		return nil, apperr.Conflict("order %s is %s, only paid orders can be shipped", order.ID, order.Status)
	}
	quotes, err := s.QuoteRates(ctx, order.ID)
	if err != nil {
		return nil, err
	}
	var chosen *models.RateQuote
	for i := range quotes {
		if quotes[i].Carrier == req.Carrier && quotes[i].Service == req.Service {
			chosen = &quotes[i]
		}
	}
	if chosen == nil {
		return nil, apperr.Invalid("carrier service not available for this order",
			map[string]string{"service": req.Carrier + "/" + req.Service})
	}
	now := s.clock.Now()
	sh := &models.Shipment{
		ID: idgen.New("shp"), OrderID: order.ID, Carrier: chosen.Carrier, Service: chosen.Service,
		Status: models.ShipmentPending, AddressID: order.ShippingAddressID, CostCents: chosen.CostCents,
		CreatedAt: now, UpdatedAt: now,
	}
	if err := s.store.CreateShipment(ctx, sh); err != nil {
		return nil, err
	}
	if err := s.orders.MarkFulfilled(ctx, order.ID); err != nil {
		return nil, err
	}
	s.mu.Lock()
	delete(s.quotes, order.ID)
	s.mu.Unlock()
	return sh, nil
}

// Get returns a shipment by id.
func (s *ShippingService) Get(ctx context.Context, id string) (*models.Shipment, error) {
	return s.store.GetShipment(ctx, id)
}

// GetByOrder returns the shipment of an order.
func (s *ShippingService) GetByOrder(ctx context.Context, orderID string) (*models.Shipment, error) {
	return s.store.GetShipmentByOrder(ctx, orderID)
}

// RecordEvent applies a carrier scan. Delivery completes the order and
// publishes shipments.delivered.
func (s *ShippingService) RecordEvent(ctx context.Context, ev models.TrackingEvent) (*models.Shipment, error) {
	if err := ev.Validate(); err != nil {
		return nil, err
	}
	sh, err := s.store.GetShipment(ctx, ev.ShipmentID)
	if err != nil {
		return nil, err
	}
	if sh.Status == models.ShipmentDelivered || sh.Status == models.ShipmentReturned {
		return nil, apperr.Conflict("shipment %s is already %s", sh.ID, sh.Status)
	}
	sh.Status = ev.Status
	at := ev.OccurredAt
	switch ev.Status {
	case models.ShipmentInTransit:
		if sh.ShippedAt == nil {
			sh.ShippedAt = &at
		}
	case models.ShipmentDelivered:
		sh.DeliveredAt = &at
	}
	if err := s.store.ApplyTrackingEvent(ctx, sh, &ev); err != nil {
		return nil, err
	}
	if ev.Status == models.ShipmentDelivered {
		if err := s.orders.MarkDelivered(ctx, sh.OrderID); err != nil {
			return nil, err
		}
		msg := models.ShipmentDeliveredEvent{ShipmentID: sh.ID, OrderID: sh.OrderID, DeliveredAt: at}
		if err := s.events.Publish(ctx, "shipments.delivered", msg); err != nil {
			s.log.WarnContext(ctx, "publish shipments.delivered", "shipment_id", sh.ID, "error", err)
		}
	}
	return sh, nil
}

// EventsAfter returns tracking events with an id greater than afterID.
func (s *ShippingService) EventsAfter(ctx context.Context, shipmentID string, afterID int64) ([]models.TrackingEvent, error) {
	return s.store.ListTrackingEvents(ctx, shipmentID, afterID)
}
