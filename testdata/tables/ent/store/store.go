// Package store keeps the garage's customers and their cars, through the
// ent client generated in ../ent.
package store

import (
	"context"
	"fmt"

	"example.com/garage/ent"
	"example.com/garage/ent/car"
	"example.com/garage/ent/user"
)

// Store is the garage's repository.
type Store struct {
	client *ent.Client
}

// New wraps a client.
func New(client *ent.Client) *Store { return &Store{client: client} }

// Migrate creates the tables: ent's schema migration, no table of its own.
func Migrate(ctx context.Context, client *ent.Client) error {
	if err := client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("creating schema: %w", err)
	}
	return nil
}

// AddUser creates a customer.
func (s *Store) AddUser(ctx context.Context, name string, age int) (*ent.User, error) {
	return s.client.User.Create().SetName(name).SetAge(age).Save(ctx)
}

// UserByID loads one customer.
func (s *Store) UserByID(ctx context.Context, id int) (*ent.User, error) {
	return s.client.User.Get(ctx, id)
}

// Adults lists the customers of age.
func (s *Store) Adults(ctx context.Context) ([]*ent.User, error) {
	return s.client.User.Query().Where(user.AgeGTE(18)).Order(ent.Asc(user.FieldName)).All(ctx)
}

// Rename renames a customer.
func (s *Store) Rename(ctx context.Context, u *ent.User, name string) error {
	return u.Update().SetName(name).Exec(ctx)
}

// Register brings a car in for its owner.
func (s *Store) Register(ctx context.Context, owner *ent.User, model string) (*ent.Car, error) {
	return s.client.Car.Create().SetModel(model).SetOwner(owner).Save(ctx)
}

// CarsOf lists a customer's cars (the edge query reads cars).
func (s *Store) CarsOf(ctx context.Context, u *ent.User) ([]*ent.Car, error) {
	return u.QueryCars().Where(car.ModelNEQ("")).All(ctx)
}

// Scrap removes a car.
func (s *Store) Scrap(ctx context.Context, id int) error {
	return s.client.Car.DeleteOneID(id).Exec(ctx)
}

// RenameModel renames a model on every car, in a transaction.
func (s *Store) RenameModel(ctx context.Context, from, to string) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.Car.Update().Where(car.ModelEQ(from)).SetModel(to).Save(ctx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Describe formats a customer: no database work.
func Describe(u *ent.User) string { return u.String() }
