package store

import (
	"gorm.io/gorm"

	"example.com/shop/catalog"
)

// Repo is the shop's data access.
type Repo struct{ db *gorm.DB }

// CreateProduct adds a product.
func (r *Repo) CreateProduct(p *catalog.Product) error { return r.db.Create(p).Error }

// ProductByCode finds one.
func (r *Repo) ProductByCode(code string) (*catalog.Product, error) {
	var p catalog.Product
	err := r.db.Where("code = ?", code).First(&p).Error
	return &p, err
}

// SetPrice changes a price: the model is in Model, the write at the end.
func (r *Repo) SetPrice(id uint, price uint) error {
	return r.db.Model(&catalog.Product{}).Where("id = ?", id).Update("price", price).Error
}

// DeleteProduct deletes one.
func (r *Repo) DeleteProduct(id uint) error {
	return r.db.Where("id = ?", id).Delete(&catalog.Product{}).Error
}

// ItemsOf lists an order's items with their products.
func (r *Repo) ItemsOf(orderID uint) ([]catalog.OrderItem, error) {
	var items []catalog.OrderItem
	err := r.db.Joins("JOIN shop_products p ON p.id = shop_order_items.product_id").
		Where("order_id = ?", orderID).Find(&items).Error
	return items, err
}

// SaveItem saves through a generic helper: the write is SaveItem's.
func (r *Repo) SaveItem(it *catalog.OrderItem) error { return save(r.db, it) }

// save is generic: it touches no table of its own.
func save[T any](db *gorm.DB, v *T) error { return db.Save(v).Error }

// Revoke deletes a key through a helper taking any model.
func (r *Repo) Revoke(k *catalog.APIKey) error { return remove(r.db, k) }

func remove(db *gorm.DB, model any) error { return db.Delete(model).Error }

// Bill records an invoice.
func (r *Repo) Bill(inv *catalog.Invoice) error { return r.db.Create(inv).Error }

// People reads a raw query.
func (r *Repo) People() ([]catalog.Person, error) {
	var ps []catalog.Person
	err := r.db.Raw("SELECT id, name FROM shop_people ORDER BY name").Scan(&ps).Error
	return ps, err
}

// Audit writes a row to a table no model names.
func (r *Repo) Audit(action string) error {
	return r.db.Table("shop_audit_log").Create(map[string]any{"action": action}).Error
}

// InTx writes in a transaction.
func (r *Repo) InTx(name string) error {
	return r.db.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&catalog.Person{Name: name}).Error
	})
}

// Discount builds its query over two statements: the table named first,
// the write after.
func (r *Repo) Discount(percent int) error {
	q := r.db.Table("shop_products")
	if percent > 50 {
		q = q.Where("price > ?", 100)
	}
	return q.Where("price > 0").Update("price", gorm.Expr("price * ?", 100-percent)).Error
}

// PriceStats reads into a row holder: the table is the one named.
func (r *Repo) PriceStats() (min, max uint, err error) {
	type stats struct{ Min, Max uint }
	var st stats
	sess := r.db.Table("shop_products")
	err = sess.Select("min(price) AS min, max(price) AS max").Scan(&st).Error
	return st.Min, st.Max, err
}
