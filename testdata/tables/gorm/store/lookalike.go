package store

import "example.com/shop/catalog"

// memo has GORM's method names, but it is not GORM: no table.
type memo struct{ items map[uint]any }

func (m *memo) Create(v any) *memo               { return m }
func (m *memo) Where(q any, args ...any) *memo   { return m }
func (m *memo) Delete(v any, conds ...any) *memo { return m }
func (m *memo) Table(name string) *memo          { return m }

// Finder declares GORM's methods without wrapping *gorm.DB.
type Finder interface {
	Find(dest any, conds ...any) error
}

// Remember only looks like data access.
func Remember(m *memo, f Finder, p *catalog.Product) error {
	m.Table("shop_products").Where("id = ?", p.ID).Delete(p)
	m.Create(&catalog.OrderItem{})
	return f.Find(&[]catalog.Person{})
}
