package main

import (
	"database/sql"
	"net/http"
	"strings"
)

// Subscriber is a person on one or more lists.
type Subscriber struct {
	ID     int64   `json:"id"`
	Email  string  `json:"email"`
	Name   string  `json:"name"`
	Status string  `json:"status"` // enabled or blocklisted
	Lists  []int64 `json:"lists"`
}

func (a *app) handleQuerySubscribers(w http.ResponseWriter, r *http.Request) {
	subs, err := querySubscribers(a.db, r.URL.Query().Get("q"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, subs)
}

func (a *app) handleGetSubscriber(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	var s Subscriber
	err = a.db.QueryRow(`SELECT id, email, name, status FROM subscribers WHERE id = $1`, id).
		Scan(&s.ID, &s.Email, &s.Name, &s.Status)
	if err == sql.ErrNoRows {
		err = errNotFound
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

func (a *app) handleCreateSubscriber(w http.ResponseWriter, r *http.Request) {
	var s Subscriber
	if err := readJSON(r, &s); err != nil {
		writeError(w, err)
		return
	}
	s.Email = strings.ToLower(strings.TrimSpace(s.Email))
	if err := insertSubscriber(a.db, &s); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, s)
}

func (a *app) handleManageSubscriberLists(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	var req struct {
		Lists []int64 `json:"lists"`
	}
	if err := readJSON(r, &req); err != nil {
		writeError(w, err)
		return
	}
	if err := setSubscriberLists(a.db, id, req.Lists); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, true)
}

func (a *app) handleDeleteSubscriber(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	if _, err := a.db.Exec(`DELETE FROM subscribers WHERE id = $1`, id); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, true)
}

func querySubscribers(db *sql.DB, q string) ([]Subscriber, error) {
	rows, err := db.Query(`SELECT id, email, name, status FROM subscribers WHERE email ILIKE $1 ORDER BY id LIMIT 100`, "%"+q+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Subscriber
	for rows.Next() {
		var s Subscriber
		if err := rows.Scan(&s.ID, &s.Email, &s.Name, &s.Status); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func insertSubscriber(db *sql.DB, s *Subscriber) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRow(`INSERT INTO subscribers (email, name, status) VALUES ($1, $2, 'enabled') RETURNING id`,
		s.Email, s.Name).Scan(&s.ID); err != nil {
		return err
	}
	for _, l := range s.Lists {
		if _, err := tx.Exec(`INSERT INTO subscriber_lists (subscriber_id, list_id) VALUES ($1, $2)`, s.ID, l); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func setSubscriberLists(db *sql.DB, id int64, lists []int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM subscriber_lists WHERE subscriber_id = $1`, id); err != nil {
		return err
	}
	for _, l := range lists {
		if _, err := tx.Exec(`INSERT INTO subscriber_lists (subscriber_id, list_id) VALUES ($1, $2)`, id, l); err != nil {
			return err
		}
	}
	return tx.Commit()
}
