package repositories

import (
	"context"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
)

const (
	paymentColumns = `id, order_id, amount_cents, currency, status, provider, provider_ref, failure_reason, created_at, updated_at`

	insertPaymentSQL = `INSERT INTO payments (` + paymentColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`
	selectPaymentSQL             = `SELECT ` + paymentColumns + ` FROM payments WHERE id = $1`
	selectPaymentByOrderSQL      = `SELECT ` + paymentColumns + ` FROM payments WHERE order_id = $1 ORDER BY created_at DESC LIMIT 1`
	selectPaymentByProviderSQL   = `SELECT ` + paymentColumns + ` FROM payments WHERE provider = $1 AND provider_ref = $2`
	updatePaymentStatusSQL       = `UPDATE payments SET status = $2, provider_ref = COALESCE(NULLIF($3, ''), provider_ref), failure_reason = $4, updated_at = $5 WHERE id = $1`
	selectPaymentsToReconcileSQL = `SELECT ` + paymentColumns + ` FROM payments
		WHERE updated_at >= $1 AND status IN ('pending', 'requires_action', 'authorized')
		ORDER BY created_at LIMIT $2`
	insertRefundSQL = `INSERT INTO refunds (id, payment_id, amount_cents, reason, status, provider_ref, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`
	sumRefundsSQL = `SELECT COALESCE(SUM(amount_cents), 0) FROM refunds WHERE payment_id = $1 AND status <> 'failed'`
)

// CreatePayment inserts a payment attempt.
func (s *Store) CreatePayment(ctx context.Context, p *models.Payment) error {
	_, err := s.db.ExecContext(ctx, insertPaymentSQL, p.ID, p.OrderID, p.AmountCents, p.Currency, p.Status,
		p.Provider, p.ProviderRef, p.FailureReason, p.CreatedAt)
	if isUniqueViolation(err) {
		return apperr.Conflict("payment %s/%s already recorded", p.Provider, p.ProviderRef)
	}
	if err != nil {
		return apperr.Internal("store.create_payment", err)
	}
	return nil
}

// GetPayment loads a payment by id.
func (s *Store) GetPayment(ctx context.Context, id string) (*models.Payment, error) {
	p, err := scanPayment(s.db.QueryRowContext(ctx, selectPaymentSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("payment", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_payment", err)
	}
	return p, nil
}

// GetPaymentByOrder returns the latest payment attempt of an order.
func (s *Store) GetPaymentByOrder(ctx context.Context, orderID string) (*models.Payment, error) {
	p, err := scanPayment(s.db.QueryRowContext(ctx, selectPaymentByOrderSQL, orderID))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("payment for order", orderID)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_payment_by_order", err)
	}
	return p, nil
}

// GetPaymentByProviderRef finds a payment from a gateway webhook.
func (s *Store) GetPaymentByProviderRef(ctx context.Context, provider, ref string) (*models.Payment, error) {
	p, err := scanPayment(s.db.QueryRowContext(ctx, selectPaymentByProviderSQL, provider, ref))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("payment", provider+"/"+ref)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_payment_by_provider_ref", err)
	}
	return p, nil
}

// UpdatePaymentStatus records a new gateway status.
func (s *Store) UpdatePaymentStatus(ctx context.Context, id string, status models.PaymentStatus, providerRef, reason string) error {
	res, err := s.db.ExecContext(ctx, updatePaymentStatusSQL, id, status, providerRef, reason, s.clock.Now())
	if err != nil {
		return apperr.Internal("store.update_payment_status", err)
	}
	return rowsAffectedOne(res, "payment", id)
}

// ListPaymentsToReconcile returns non-terminal payments touched since t.
func (s *Store) ListPaymentsToReconcile(ctx context.Context, since time.Time, limit int) ([]models.Payment, error) {
	rows, err := s.db.QueryContext(ctx, selectPaymentsToReconcileSQL, since, limit)
	if err != nil {
		return nil, apperr.Internal("store.payments_to_reconcile", err)
	}
	defer rows.Close()
	var out []models.Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, apperr.Internal("store.payments_to_reconcile", err)
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// CreateRefund inserts a refund record.
func (s *Store) CreateRefund(ctx context.Context, r *models.Refund) error {
	_, err := s.db.ExecContext(ctx, insertRefundSQL, r.ID, r.PaymentID, r.AmountCents, r.Reason, r.Status, r.ProviderRef, r.CreatedAt)
	if err != nil {
		return apperr.Internal("store.create_refund", err)
	}
	return nil
}

// RefundedAmount sums non-failed refunds of a payment.
func (s *Store) RefundedAmount(ctx context.Context, paymentID string) (int64, error) {
	var total int64
	if err := s.db.QueryRowContext(ctx, sumRefundsSQL, paymentID).Scan(&total); err != nil {
		return 0, apperr.Internal("store.refunded_amount", err)
	}
	return total, nil
}

func scanPayment(row rowScanner) (*models.Payment, error) {
	var p models.Payment
	err := row.Scan(&p.ID, &p.OrderID, &p.AmountCents, &p.Currency, &p.Status, &p.Provider, &p.ProviderRef,
		&p.FailureReason, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &p, nil
}
