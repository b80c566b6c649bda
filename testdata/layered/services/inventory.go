package services

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/events"
	"example.com/shop/repositories"
)

// lowStockCheckInterval is how often the low-stock watcher polls.
const lowStockCheckInterval = 10 * time.Minute

// InventoryService manages stock levels and order reservations.
type InventoryService struct {
	store  *repositories.Store
	events events.Publisher
	clock  clock.Clock
	log    *slog.Logger
	ttl    time.Duration

	watchOnce sync.Once
	stop      chan struct{}
	alerted   map[string]time.Time
}

// NewInventoryService builds the inventory service. ttl is how long a
// reservation holds stock before it expires.
func NewInventoryService(store *repositories.Store, pub events.Publisher, c clock.Clock, log *slog.Logger, ttl time.Duration) *InventoryService {
	if ttl <= 0 {
		ttl = 30 * time.Minute
	}
	return &InventoryService{
		store: store, events: pub, clock: c, ttl: ttl,
		log:     log.With("service", "inventory"),
		stop:    make(chan struct{}),
		alerted: map[string]time.Time{},
	}
}

// Stock returns the stock of a product across warehouses.
func (s *InventoryService) Stock(ctx context.Context, productID string) ([]models.StockLevel, error) {
	levels, err := s.store.StockLevels(ctx, productID)
	if err != nil {
		return nil, err
	}
	if len(levels) == 0 {
		return nil, apperr.NotFound("stock for product", productID)
	}
	return levels, nil
}

// Adjust applies a manual stock correction. The first adjustment also
// starts the low-stock watcher, so that alerts follow stock changes.
func (s *InventoryService) Adjust(ctx context.Context, adj models.StockAdjustment) (*models.StockLevel, error) {
	if adj.WarehouseID == "" {
		adj.WarehouseID = models.DefaultWarehouse
	}
	if err := adj.Validate(); err != nil {
		return nil, err
	}
	level, err := s.store.AdjustStock(ctx, adj)
	if err != nil {
		return nil, err
	}
	s.watchOnce.Do(func() { go s.watchLowStock() })
	s.log.InfoContext(ctx, "stock adjusted", "product_id", adj.ProductID, "delta", adj.Delta, "reason", adj.Reason)
	return level, nil
}

// Reserve holds stock for an order in the default warehouse.
func (s *InventoryService) Reserve(ctx context.Context, orderID string, lines []models.ReserveLine) ([]models.Reservation, error) {
	if len(lines) == 0 {
		return nil, apperr.Invalid("nothing to reserve", nil)
	}
	return s.store.ReserveStock(ctx, orderID, models.DefaultWarehouse, lines, s.clock.Now().Add(s.ttl))
}

// Release returns an order's held stock to the available pool.
func (s *InventoryService) Release(ctx context.Context, orderID string) error {
	n, err := s.store.SettleReservations(ctx, orderID, models.ReservationReleased)
	if err != nil {
		return err
	}
	s.log.InfoContext(ctx, "reservation released", "order_id", orderID, "lines", n)
	return nil
}

// Commit turns an order's reservations into shipped-out stock.
func (s *InventoryService) Commit(ctx context.Context, orderID string) error {
	n, err := s.store.SettleReservations(ctx, orderID, models.ReservationCommitted)
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Conflict("order %s has no held reservation", orderID)
	}
	return nil
}

// ReleaseExpired expires reservations whose hold time passed and returns
// how many orders were affected.
func (s *InventoryService) ReleaseExpired(ctx context.Context, batch int) (int, error) {
	orderIDs, err := s.store.ExpiredReservationOrders(ctx, s.clock.Now(), batch)
	if err != nil {
		return 0, err
	}
	released := 0
	for _, id := range orderIDs {
		if _, err := s.store.SettleReservations(ctx, id, models.ReservationExpired); err != nil {
			s.log.ErrorContext(ctx, "expire reservation", "order_id", id, "error", err)
			continue
		}
		released++
		if err := s.events.Publish(ctx, "inventory.reservation_expired", map[string]string{"order_id": id}); err != nil {
			s.log.WarnContext(ctx, "publish reservation_expired", "order_id", id, "error", err)
		}
	}
	return released, nil
}

// LowStock lists products at or below their reorder point.
func (s *InventoryService) LowStock(ctx context.Context, limit int) ([]models.StockLevel, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return s.store.LowStock(ctx, limit)
}

// watchLowStock polls for low stock and publishes one alert per product per
// day. It runs until Close is called.
func (s *InventoryService) watchLowStock() {
	ticker := time.NewTicker(lowStockCheckInterval)
	defer ticker.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-ticker.C:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			s.checkLowStock(ctx)
			cancel()
		}
	}
}

func (s *InventoryService) checkLowStock(ctx context.Context) {
	levels, err := s.store.LowStock(ctx, 200)
	if err != nil {
		s.log.Error("low stock check", "error", err)
		return
	}
	now := s.clock.Now()
	for _, l := range levels {
		key := l.ProductID + "/" + l.WarehouseID
		if last, ok := s.alerted[key]; ok && now.Sub(last) < 24*time.Hour {
			continue
		}
		if err := s.events.Publish(ctx, "inventory.low_stock", l); err != nil {
			s.log.Warn("publish low_stock", "product_id", l.ProductID, "error", err)
			continue
		}
		s.alerted[key] = now
	}
}

// Close stops the low-stock watcher.
func (s *InventoryService) Close() {
	select {
	case <-s.stop:
	default:
		close(s.stop)
	}
}
