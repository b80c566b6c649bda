package repositories

import (
	"context"
	"database/sql"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
)

const (
	shipmentColumns = `id, order_id, carrier, service, tracking_number, status, address_id, cost_cents,
		shipped_at, delivered_at, created_at, updated_at`

	insertShipmentSQL = `INSERT INTO shipments (` + shipmentColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`
	selectShipmentSQL        = `SELECT ` + shipmentColumns + ` FROM shipments WHERE id = $1`
	selectShipmentByOrderSQL = `SELECT ` + shipmentColumns + ` FROM shipments WHERE order_id = $1`
	updateShipmentSQL        = `UPDATE shipments SET status = $2, tracking_number = $3, shipped_at = $4,
		delivered_at = $5, updated_at = $6 WHERE id = $1`
	insertTrackingEventSQL = `INSERT INTO tracking_events (shipment_id, status, location, description, occurred_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`
	selectTrackingEventsSQL = `SELECT id, shipment_id, status, location, description, occurred_at
		FROM tracking_events WHERE shipment_id = $1 AND id > $2 ORDER BY id`
	// Parcel weight is computed from the order lines and the catalogue's
	// product weights: a deliberate read across the orders/catalog tables.
	orderParcelWeightSQL = `SELECT COALESCE(SUM(oi.quantity * p.weight_grams), 0)
		FROM order_items oi JOIN products p ON p.id = oi.product_id
		WHERE oi.order_id = $1`
)

// CreateShipment inserts a shipment; one per order.
func (s *Store) CreateShipment(ctx context.Context, sh *models.Shipment) error {
	_, err := s.db.ExecContext(ctx, insertShipmentSQL, sh.ID, sh.OrderID, sh.Carrier, sh.Service, sh.TrackingNumber,
		sh.Status, sh.AddressID, sh.CostCents, db.NullTime(sh.ShippedAt), db.NullTime(sh.DeliveredAt), sh.CreatedAt)
	if isUniqueViolation(err) {
		return apperr.Conflict("order %s already has a shipment", sh.OrderID)
	}
	if err != nil {
		return apperr.Internal("store.create_shipment", err)
	}
	return nil
}

// GetShipment loads a shipment by id.
func (s *Store) GetShipment(ctx context.Context, id string) (*models.Shipment, error) {
	sh, err := scanShipment(s.db.QueryRowContext(ctx, selectShipmentSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("shipment", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_shipment", err)
	}
	return sh, nil
}

// GetShipmentByOrder loads the shipment of an order.
func (s *Store) GetShipmentByOrder(ctx context.Context, orderID string) (*models.Shipment, error) {
	sh, err := scanShipment(s.db.QueryRowContext(ctx, selectShipmentByOrderSQL, orderID))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("shipment for order", orderID)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_shipment_by_order", err)
	}
	return sh, nil
}

// ApplyTrackingEvent stores a carrier event and updates the shipment's
// status in one transaction.
func (s *Store) ApplyTrackingEvent(ctx context.Context, sh *models.Shipment, ev *models.TrackingEvent) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, insertTrackingEventSQL, ev.ShipmentID, ev.Status, ev.Location,
			ev.Description, ev.OccurredAt).Scan(&ev.ID)
		if err != nil {
			return apperr.Internal("store.insert_tracking_event", err)
		}
		res, err := tx.ExecContext(ctx, updateShipmentSQL, sh.ID, sh.Status, sh.TrackingNumber,
			db.NullTime(sh.ShippedAt), db.NullTime(sh.DeliveredAt), s.clock.Now())
		if err != nil {
			return apperr.Internal("store.update_shipment", err)
		}
		return rowsAffectedOne(res, "shipment", sh.ID)
	})
}

// ListTrackingEvents returns events of a shipment with id > afterID.
func (s *Store) ListTrackingEvents(ctx context.Context, shipmentID string, afterID int64) ([]models.TrackingEvent, error) {
	rows, err := s.db.QueryContext(ctx, selectTrackingEventsSQL, shipmentID, afterID)
	if err != nil {
		return nil, apperr.Internal("store.list_tracking_events", err)
	}
	defer rows.Close()
	var out []models.TrackingEvent
	for rows.Next() {
		var ev models.TrackingEvent
		if err := rows.Scan(&ev.ID, &ev.ShipmentID, &ev.Status, &ev.Location, &ev.Description, &ev.OccurredAt); err != nil {
			return nil, apperr.Internal("store.list_tracking_events", err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// OrderParcelWeight returns the total weight in grams of an order's lines.
func (s *Store) OrderParcelWeight(ctx context.Context, orderID string) (int, error) {
	var grams int
	if err := s.db.QueryRowContext(ctx, orderParcelWeightSQL, orderID).Scan(&grams); err != nil {
		return 0, apperr.Internal("store.order_parcel_weight", err)
	}
	return grams, nil
}

func scanShipment(row rowScanner) (*models.Shipment, error) {
	var (
		sh                 models.Shipment
		shipped, delivered sql.NullTime
	)
	err := row.Scan(&sh.ID, &sh.OrderID, &sh.Carrier, &sh.Service, &sh.TrackingNumber, &sh.Status,
		&sh.AddressID, &sh.CostCents, &shipped, &delivered, &sh.CreatedAt, &sh.UpdatedAt)
	if err != nil {
		return nil, err
	}
	sh.ShippedAt = db.TimePtr(shipped)
	sh.DeliveredAt = db.TimePtr(delivered)
	return &sh, nil
}
