package repositories

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
)

const (
	insertOrderSQL = `INSERT INTO orders
		(id, customer_id, status, currency, subtotal_cents, shipping_cents, tax_cents, total_cents, shipping_address_id, placed_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`
	insertOrderItemSQL = `INSERT INTO order_items
		(id, order_id, product_id, sku, name, quantity, unit_price_cents)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`
	selectOrderSQL = `SELECT id, customer_id, status, currency, subtotal_cents, shipping_cents, tax_cents,
		total_cents, shipping_address_id, placed_at, updated_at
		FROM orders WHERE id = $1`
	// Order lines keep the name and price of checkout time, but report the
	// product's current SKU (warehouse staff re-label products).
	selectOrderItemsSQL = `SELECT oi.id, oi.order_id, oi.product_id, COALESCE(p.sku, oi.sku), oi.name, oi.quantity, oi.unit_price_cents
		FROM order_items oi
		LEFT JOIN products p ON p.id = oi.product_id
		WHERE oi.order_id = $1
		ORDER BY oi.sku`
	updateOrderStatusSQL  = `UPDATE orders SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2`
	selectStalePendingSQL = `SELECT id, customer_id, status, currency, subtotal_cents, shipping_cents, tax_cents,
		total_cents, shipping_address_id, placed_at, updated_at
		FROM orders WHERE status = 'pending' AND placed_at < $1
		ORDER BY placed_at LIMIT $2`
)

// CreateOrder inserts an order and its lines atomically.
func (s *Store) CreateOrder(ctx context.Context, o *models.Order) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, insertOrderSQL, o.ID, o.CustomerID, o.Status, o.Currency,
			o.SubtotalCents, o.ShippingCents, o.TaxCents, o.TotalCents, o.ShippingAddressID, o.PlacedAt)
		if err != nil {
			return apperr.Internal("store.create_order", err)
		}
		for _, it := range o.Items {
			if _, err := tx.ExecContext(ctx, insertOrderItemSQL, it.ID, o.ID, it.ProductID, it.SKU,
				it.Name, it.Quantity, it.UnitPriceCents); err != nil {
				return apperr.Internal("store.create_order_item", err)
			}
		}
		return nil
	})
}

// GetOrder loads an order with its lines.
func (s *Store) GetOrder(ctx context.Context, id string) (*models.Order, error) {
	o, err := scanOrder(s.db.QueryRowContext(ctx, selectOrderSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("order", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_order", err)
	}
	items, err := s.orderItems(ctx, id)
	if err != nil {
		return nil, err
	}
	o.Items = items
	return o, nil
}

func (s *Store) orderItems(ctx context.Context, orderID string) ([]models.OrderItem, error) {
	rows, err := s.db.QueryContext(ctx, selectOrderItemsSQL, orderID)
	if err != nil {
		return nil, apperr.Internal("store.order_items", err)
	}
	defer rows.Close()
	var items []models.OrderItem
	for rows.Next() {
		var it models.OrderItem
		if err := rows.Scan(&it.ID, &it.OrderID, &it.ProductID, &it.SKU, &it.Name, &it.Quantity, &it.UnitPriceCents); err != nil {
			return nil, apperr.Internal("store.order_items", err)
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// ListOrders returns orders matching f, newest first, without their lines.
func (s *Store) ListOrders(ctx context.Context, f models.OrderFilter) ([]models.Order, error) {
	var (
		where []string
		args  []any
	)
	if f.CustomerID != "" {
		args = append(args, f.CustomerID)
		where = append(where, fmt.Sprintf("customer_id = $%d", len(args)))
	}
	if f.Status != "" {
		args = append(args, f.Status)
		where = append(where, fmt.Sprintf("status = $%d", len(args)))
	}
	q := `SELECT id, customer_id, status, currency, subtotal_cents, shipping_cents, tax_cents,
		total_cents, shipping_address_id, placed_at, updated_at FROM orders`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, f.Limit, f.Offset)
	q += fmt.Sprintf(" ORDER BY placed_at DESC LIMIT $%d OFFSET $%d", len(args)-1, len(args))

	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, apperr.Internal("store.list_orders", err)
	}
	defer rows.Close()
	return collectOrders(rows)
}

// UpdateOrderStatus moves an order from one status to another. It fails with
// a conflict when the order is no longer in the expected state.
func (s *Store) UpdateOrderStatus(ctx context.Context, id string, from, to models.OrderStatus) error {
	res, err := s.db.ExecContext(ctx, updateOrderStatusSQL, id, from, to, s.clock.Now())
	if err != nil {
		return apperr.Internal("store.update_order_status", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return apperr.Internal("store.update_order_status", err)
	}
	if n == 0 {
		return apperr.Conflict("order %s is not %s", id, from)
	}
	return nil
}

// ListStalePendingOrders returns pending orders placed before cutoff.
func (s *Store) ListStalePendingOrders(ctx context.Context, cutoff time.Time, limit int) ([]models.Order, error) {
	rows, err := s.db.QueryContext(ctx, selectStalePendingSQL, cutoff, limit)
	if err != nil {
		return nil, apperr.Internal("store.stale_orders", err)
	}
	defer rows.Close()
	return collectOrders(rows)
}

func scanOrder(row rowScanner) (*models.Order, error) {
	var o models.Order
	err := row.Scan(&o.ID, &o.CustomerID, &o.Status, &o.Currency, &o.SubtotalCents, &o.ShippingCents,
		&o.TaxCents, &o.TotalCents, &o.ShippingAddressID, &o.PlacedAt, &o.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

func collectOrders(rows *sql.Rows) ([]models.Order, error) {
	var out []models.Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, apperr.Internal("store.scan_order", err)
		}
		out = append(out, *o)
	}
	if err := rows.Err(); err != nil {
		return nil, apperr.Internal("store.scan_order", err)
	}
	return out, nil
}
