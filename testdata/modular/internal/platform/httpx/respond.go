// Package httpx holds the HTTP plumbing shared by every module's handlers:
// JSON encoding, problem responses, request decoding and middleware.
package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/logging"
)

// Problem is an error response body.
type Problem struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Code, p.Message) }

// NewProblem builds a Problem.
func NewProblem(status int, code, msg string) *Problem {
	return &Problem{Status: status, Code: code, Message: msg}
}

// NotFound, Conflict, BadRequest and Unprocessable are shorthands used by
// modules when mapping their domain errors.
func NotFound(err error) *Problem { return NewProblem(http.StatusNotFound, "not_found", err.Error()) }
func Conflict(err error) *Problem { return NewProblem(http.StatusConflict, "conflict", err.Error()) }
func BadRequest(err error) *Problem {
	return NewProblem(http.StatusBadRequest, "bad_request", err.Error())
}
func Unprocessable(err error) *Problem {
	return NewProblem(http.StatusUnprocessableEntity, "unprocessable", err.Error())
}

// JSON writes v with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// Error writes err as a problem response. Unknown errors become 500s and are logged.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	var p *Problem
	if !errors.As(err, &p) {
		logging.FromContext(r.Context()).Error("unhandled error", "err", err, "path", r.URL.Path)
		p = NewProblem(http.StatusInternalServerError, "internal", "internal server error")
	}
	JSON(w, p.Status, p)
}

// Decode reads a JSON body of type T, rejecting unknown fields.
func Decode[T any](r *http.Request) (T, error) {
	var v T
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return v, BadRequest(fmt.Errorf("invalid JSON body: %w", err))
	}
	return v, nil
}

// Paging reads ?limit= and ?offset= query parameters.
func Paging(r *http.Request) db.PageRequest {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	return db.PageRequest{Limit: limit, Offset: offset}.Normalize()
}
