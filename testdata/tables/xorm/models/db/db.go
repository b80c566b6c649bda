// Package db wraps xorm, gitea style: an Engine interface over the
// session, a context-bound engine and generic helpers.
package db

import (
	"context"
	"database/sql"

	"xorm.io/builder"
	"xorm.io/xorm"
	"xorm.io/xorm/names"
)

// Engine is what the models use of xorm.
type Engine interface {
	Where(query any, args ...any) *xorm.Session
	ID(id any) *xorm.Session
	Table(tableNameOrBean any) *xorm.Session
	Insert(beans ...any) (int64, error)
	Get(beans ...any) (bool, error)
	Find(rowsSlicePtr any, condiBean ...any) error
	Delete(beans ...any) (int64, error)
	Exec(sqlOrArgs ...any) (sql.Result, error)
	Sync(beans ...any) error
}

var x *xorm.Engine

// Init sets the engine up with gitea's mapper: Gonic (UserID → user_id).
func Init(driver, dsn string) error {
	var err error
	if x, err = xorm.NewEngine(driver, dsn); err != nil {
		return err
	}
	x.SetMapper(names.GonicMapper{})
	return nil
}

// GetEngine returns the engine bound to ctx.
func GetEngine(ctx context.Context) Engine { return x.Context(ctx) }

// Insert inserts beans: the callers write their tables.
func Insert(ctx context.Context, beans ...any) error {
	_, err := GetEngine(ctx).Insert(beans...)
	return err
}

// GetByID loads a T.
func GetByID[T any](ctx context.Context, id int64) (*T, bool, error) {
	var bean T
	has, err := GetEngine(ctx).ID(id).Get(&bean)
	return &bean, has, err
}

// Find lists the Ts matching cond.
func Find[T any](ctx context.Context, cond builder.Cond) ([]*T, error) {
	var out []*T
	return out, GetEngine(ctx).Where(cond).Find(&out)
}

// DeleteByID deletes a T.
func DeleteByID[T any](ctx context.Context, id int64) error {
	var bean T
	_, err := GetEngine(ctx).ID(id).Delete(&bean)
	return err
}
