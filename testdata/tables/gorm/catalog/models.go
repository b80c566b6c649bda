// Package catalog holds the shop's models.
package catalog

import "gorm.io/gorm"

// Product is a thing for sale: table shop_products (the naming strategy
// prefixes every default name).
type Product struct {
	gorm.Model
	Code  string
	Price uint
}

// OrderItem is one line of an order: shop_order_items.
type OrderItem struct {
	gorm.Model
	ProductID uint
	Quantity  int
}

// APIKey is a partner's key: shop_api_keys.
type APIKey struct {
	ID     uint
	Secret string
}

// Invoice names its own table.
type Invoice struct {
	ID    uint
	Total int64
}

// TableName overrides the naming strategy.
func (Invoice) TableName() string { return "billing.invoices" }

// Person pluralises irregularly: shop_people.
type Person struct {
	ID   uint
	Name string
}
