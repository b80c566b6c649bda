package repositories

import (
	"context"
	"database/sql"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
	"example.com/shop/platform/idgen"
)

const (
	stockColumns            = `product_id, warehouse_id, on_hand, reserved, reorder_point, updated_at`
	selectStockByProductSQL = `SELECT ` + stockColumns + ` FROM stock_levels WHERE product_id = $1 ORDER BY warehouse_id`
	lockStockSQL            = `SELECT ` + stockColumns + ` FROM stock_levels WHERE product_id = $1 AND warehouse_id = $2 FOR UPDATE`
	upsertStockSQL          = `INSERT INTO stock_levels (product_id, warehouse_id, on_hand, reserved, reorder_point, updated_at)
		VALUES ($1, $2, $3, 0, 0, $4)
		ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand, updated_at = EXCLUDED.updated_at
		RETURNING ` + stockColumns
	insertMovementSQL    = `INSERT INTO stock_movements (product_id, warehouse_id, delta, reason, created_at) VALUES ($1, $2, $3, $4, $5)`
	reserveStockSQL      = `UPDATE stock_levels SET reserved = reserved + $3, updated_at = $4 WHERE product_id = $1 AND warehouse_id = $2`
	insertReservationSQL = `INSERT INTO reservations (id, order_id, product_id, warehouse_id, quantity, status, expires_at, created_at)
		VALUES ($1, $2, $3, $4, $5, 'held', $6, $7)`
	lockHeldReservationsSQL = `SELECT id, order_id, product_id, warehouse_id, quantity, status, expires_at, created_at
		FROM reservations WHERE order_id = $1 AND status = 'held' FOR UPDATE`
	unreserveStockSQL       = `UPDATE stock_levels SET reserved = reserved - $3, updated_at = $4 WHERE product_id = $1 AND warehouse_id = $2`
	consumeStockSQL         = `UPDATE stock_levels SET reserved = reserved - $3, on_hand = on_hand - $3, updated_at = $4 WHERE product_id = $1 AND warehouse_id = $2`
	setReservationStatusSQL = `UPDATE reservations SET status = $2 WHERE id = $1`
	selectExpiredOrdersSQL  = `SELECT DISTINCT order_id FROM reservations WHERE status = 'held' AND expires_at < $1 LIMIT $2`
	selectLowStockSQL       = `SELECT ` + stockColumns + ` FROM stock_levels
		WHERE on_hand - reserved <= reorder_point ORDER BY on_hand - reserved, product_id LIMIT $1`
)

// StockLevels returns the stock of a product in every warehouse.
func (s *Store) StockLevels(ctx context.Context, productID string) ([]models.StockLevel, error) {
	rows, err := s.db.QueryContext(ctx, selectStockByProductSQL, productID)
	if err != nil {
		return nil, apperr.Internal("store.stock_levels", err)
	}
	defer rows.Close()
	return collectStock(rows)
}

// AdjustStock applies a manual adjustment and records the movement.
func (s *Store) AdjustStock(ctx context.Context, adj models.StockAdjustment) (*models.StockLevel, error) {
	var level *models.StockLevel
	now := s.clock.Now()
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		current, err := scanStock(tx.QueryRowContext(ctx, lockStockSQL, adj.ProductID, adj.WarehouseID))
		if err != nil && !db.IsNoRows(err) {
			return apperr.Internal("store.adjust_stock", err)
		}
		onHand := 0
		if current != nil {
			onHand = current.OnHand
		}
		if onHand+adj.Delta < 0 {
			return apperr.Conflict("adjustment would make stock of %s negative (%d%+d)", adj.ProductID, onHand, adj.Delta)
		}
		level, err = scanStock(tx.QueryRowContext(ctx, upsertStockSQL, adj.ProductID, adj.WarehouseID, adj.Delta, now))
		if err != nil {
			return apperr.Internal("store.adjust_stock", err)
		}
		if _, err := tx.ExecContext(ctx, insertMovementSQL, adj.ProductID, adj.WarehouseID, adj.Delta, adj.Reason, now); err != nil {
			return apperr.Internal("store.adjust_stock", err)
		}
		return nil
	})
	return level, err
}

// ReserveStock holds stock for every line of an order or for none of them.
func (s *Store) ReserveStock(ctx context.Context, orderID, warehouseID string, lines []models.ReserveLine, expiresAt time.Time) ([]models.Reservation, error) {
	now := s.clock.Now()
	var out []models.Reservation
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		for _, line := range lines {
			level, err := scanStock(tx.QueryRowContext(ctx, lockStockSQL, line.ProductID, warehouseID))
			if db.IsNoRows(err) {
				return apperr.Conflict("product %s is not stocked", line.ProductID)
			}
			if err != nil {
				return apperr.Internal("store.reserve_stock", err)
			}
			if level.Available() < line.Quantity {
				return apperr.Conflict("insufficient stock for %s: %d available, %d requested",
					line.ProductID, level.Available(), line.Quantity)
			}
			if _, err := tx.ExecContext(ctx, reserveStockSQL, line.ProductID, warehouseID, line.Quantity, now); err != nil {
				return apperr.Internal("store.reserve_stock", err)
			}
			r := models.Reservation{
				ID: idgen.New("rsv"), OrderID: orderID, ProductID: line.ProductID, WarehouseID: warehouseID,
				Quantity: line.Quantity, Status: models.ReservationHeld, ExpiresAt: expiresAt, CreatedAt: now,
			}
			if _, err := tx.ExecContext(ctx, insertReservationSQL, r.ID, r.OrderID, r.ProductID, r.WarehouseID,
				r.Quantity, r.ExpiresAt, r.CreatedAt); err != nil {
				return apperr.Internal("store.reserve_stock", err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SettleReservations ends the held reservations of an order. With
// ReservationCommitted the stock leaves the warehouse; with Released or
// Expired it becomes available again. It returns the number of lines.
func (s *Store) SettleReservations(ctx context.Context, orderID string, to models.ReservationStatus) (int, error) {
	now := s.clock.Now()
	n := 0
	err := db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, lockHeldReservationsSQL, orderID)
		if err != nil {
			return apperr.Internal("store.settle_reservations", err)
		}
		var held []models.Reservation
		for rows.Next() {
			var r models.Reservation
			if err := rows.Scan(&r.ID, &r.OrderID, &r.ProductID, &r.WarehouseID, &r.Quantity, &r.Status, &r.ExpiresAt, &r.CreatedAt); err != nil {
				rows.Close()
				return apperr.Internal("store.settle_reservations", err)
			}
			held = append(held, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return apperr.Internal("store.settle_reservations", err)
		}
		stockSQL := unreserveStockSQL
		if to == models.ReservationCommitted {
			stockSQL = consumeStockSQL
		}
		for _, r := range held {
			if _, err := tx.ExecContext(ctx, stockSQL, r.ProductID, r.WarehouseID, r.Quantity, now); err != nil {
				return apperr.Internal("store.settle_reservations", err)
			}
			if _, err := tx.ExecContext(ctx, setReservationStatusSQL, r.ID, to); err != nil {
				return apperr.Internal("store.settle_reservations", err)
			}
			if to == models.ReservationCommitted {
				if _, err := tx.ExecContext(ctx, insertMovementSQL, r.ProductID, r.WarehouseID, -r.Quantity, "sale", now); err != nil {
					return apperr.Internal("store.settle_reservations", err)
				}
			}
		}
		n = len(held)
		return nil
	})
	return n, err
}

// ExpiredReservationOrders lists orders holding reservations past expiry.
func (s *Store) ExpiredReservationOrders(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, selectExpiredOrdersSQL, now, limit)
	if err != nil {
		return nil, apperr.Internal("store.expired_reservations", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, apperr.Internal("store.expired_reservations", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// LowStock lists stock levels at or below their reorder point.
func (s *Store) LowStock(ctx context.Context, limit int) ([]models.StockLevel, error) {
	rows, err := s.db.QueryContext(ctx, selectLowStockSQL, limit)
	if err != nil {
		return nil, apperr.Internal("store.low_stock", err)
	}
	defer rows.Close()
	return collectStock(rows)
}

func scanStock(row rowScanner) (*models.StockLevel, error) {
	var l models.StockLevel
	if err := row.Scan(&l.ProductID, &l.WarehouseID, &l.OnHand, &l.Reserved, &l.ReorderPoint, &l.UpdatedAt); err != nil {
		return nil, err
	}
	return &l, nil
}

func collectStock(rows *sql.Rows) ([]models.StockLevel, error) {
	var out []models.StockLevel
	for rows.Next() {
		l, err := scanStock(rows)
		if err != nil {
			return nil, apperr.Internal("store.scan_stock", err)
		}
		out = append(out, *l)
	}
	if err := rows.Err(); err != nil {
		return nil, apperr.Internal("store.scan_stock", err)
	}
	return out, nil
}
