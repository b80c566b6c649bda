package main

import (
	"database/sql"
	"net/http"
	"time"
)

// Campaign is one mail sent to the subscribers of some lists.
type Campaign struct {
	ID      int64     `json:"id"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	Status  string    `json:"status"` // draft, running, finished
	Lists   []int64   `json:"lists"`
	SendAt  time.Time `json:"send_at"`
}

func (a *app) handleGetCampaigns(w http.ResponseWriter, r *http.Request) {
	rows, err := a.db.Query(`SELECT id, subject, status, send_at FROM campaigns ORDER BY id DESC`)
	if err != nil {
		writeError(w, err)
		return
	}
	defer rows.Close()
	var out []Campaign
	for rows.Next() {
		var c Campaign
		if err := rows.Scan(&c.ID, &c.Subject, &c.Status, &c.SendAt); err != nil {
			writeError(w, err)
			return
		}
		out = append(out, c)
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *app) handleGetCampaign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	c, err := getCampaign(a.db, id)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (a *app) handleCreateCampaign(w http.ResponseWriter, r *http.Request) {
	var c Campaign
	if err := readJSON(r, &c); err != nil {
		writeError(w, err)
		return
	}
	err := a.db.QueryRow(`INSERT INTO campaigns (subject, body, status, send_at) VALUES ($1, $2, 'draft', $3) RETURNING id`,
		c.Subject, c.Body, c.SendAt).Scan(&c.ID)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

func (a *app) handleUpdateCampaignStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	var req struct {
		Status string `json:"status"`
	}
	if err := readJSON(r, &req); err != nil {
		writeError(w, err)
		return
	}
	if _, err := a.db.Exec(`UPDATE campaigns SET status = $2 WHERE id = $1`, id, req.Status); err != nil {
		writeError(w, err)
		return
	}
	if req.Status == "running" {
		go a.sendCampaign(id)
	}
	writeJSON(w, http.StatusOK, true)
}

func (a *app) handleTestCampaign(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	c, err := getCampaign(a.db, id)
	if err != nil {
		writeError(w, err)
		return
	}
	var req struct {
		Emails []string `json:"emails"`
	}
	if err := readJSON(r, &req); err != nil {
		writeError(w, err)
		return
	}
	for _, to := range req.Emails {
		if err := a.mailer.send(to, c.Subject, c.Body); err != nil {
			writeError(w, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, true)
}

// sendCampaign mails the campaign to every subscriber of its lists.
func (a *app) sendCampaign(id int64) {
	c, err := getCampaign(a.db, id)
	if err != nil {
		return
	}
	rows, err := a.db.Query(`SELECT s.email FROM subscribers s JOIN subscriber_lists sl ON sl.subscriber_id = s.id
		JOIN campaign_lists cl ON cl.list_id = sl.list_id WHERE cl.campaign_id = $1 AND s.status = 'enabled'`, id)
	if err != nil {
		return
	}
	defer rows.Close()
	for rows.Next() {
		var to string
		if rows.Scan(&to) == nil {
			a.mailer.send(to, c.Subject, c.Body)
		}
	}
	a.db.Exec(`UPDATE campaigns SET status = 'finished' WHERE id = $1`, id)
}

func getCampaign(db *sql.DB, id int64) (Campaign, error) {
	var c Campaign
	err := db.QueryRow(`SELECT id, subject, body, status, send_at FROM campaigns WHERE id = $1`, id).
		Scan(&c.ID, &c.Subject, &c.Body, &c.Status, &c.SendAt)
	if err == sql.ErrNoRows {
		return c, errNotFound
	}
	return c, err
}
