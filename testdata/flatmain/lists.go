package main

import (
	"database/sql"
	"net/http"
	"time"
)

// List is a mailing list people subscribe to.
type List struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Optin     string    `json:"optin"` // single or double
	CreatedAt time.Time `json:"created_at"`
}

func (a *app) handleGetLists(w http.ResponseWriter, r *http.Request) {
	lists, err := queryLists(a.db)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, lists)
}

func (a *app) handleGetList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	l, err := getList(a.db, id)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, l)
}

func (a *app) handleCreateList(w http.ResponseWriter, r *http.Request) {
	var l List
	if err := readJSON(r, &l); err != nil {
		writeError(w, err)
		return
	}
	if l.Optin == "" {
		l.Optin = "single"
	}
	err := a.db.QueryRow(`INSERT INTO lists (name, optin) VALUES ($1, $2) RETURNING id, created_at`,
		l.Name, l.Optin).Scan(&l.ID, &l.CreatedAt)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, l)
}

func (a *app) handleUpdateList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	var l List
	if err := readJSON(r, &l); err != nil {
		writeError(w, err)
		return
	}
	if _, err := a.db.Exec(`UPDATE lists SET name = $2, optin = $3 WHERE id = $1`, id, l.Name, l.Optin); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, true)
}

func (a *app) handleDeleteList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	if _, err := a.db.Exec(`DELETE FROM lists WHERE id = $1`, id); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, true)
}

func queryLists(db *sql.DB) ([]List, error) {
	rows, err := db.Query(`SELECT id, name, optin, created_at FROM lists ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []List
	for rows.Next() {
		var l List
		if err := rows.Scan(&l.ID, &l.Name, &l.Optin, &l.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func getList(db *sql.DB, id int64) (List, error) {
	var l List
	err := db.QueryRow(`SELECT id, name, optin, created_at FROM lists WHERE id = $1`, id).
		Scan(&l.ID, &l.Name, &l.Optin, &l.CreatedAt)
	if err == sql.ErrNoRows {
		return l, errNotFound
	}
	return l, err
}
