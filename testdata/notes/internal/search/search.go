// Package search finds notes by words.
package search

import (
	"sort"
	"strings"
	"unicode"

	"example.com/notes/v2/internal/store"
)

// Result is a note with its score.
type Result struct {
	Note  store.Note
	Score int
}

// Find ranks the notes containing the query's words, best first.
func Find(notes []store.Note, query string) []Result {
	words := tokens(query)
	if len(words) == 0 {
		return nil
	}
	var out []Result
	for _, n := range notes {
		score := 0
		have := map[string]int{}
		for _, w := range tokens(n.Text) {
			have[w]++
		}
		for _, w := range words {
			score += have[w]
		}
		if score > 0 {
			out = append(out, Result{Note: n, Score: score})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Note.ID < out[j].Note.ID
	})
	return out
}

// tokens splits text into lower-case words, dropping the short ones.
func tokens(text string) []string {
	f := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	for _, w := range f {
		if len(w) > 1 || unicode.IsDigit(rune(w[0])) {
			out = append(out, w)
		}
	}
	return out
}

// Highlight wraps the query's words in text with <mark>.
func Highlight(text, query string) string {
	words := map[string]bool{}
	for _, w := range tokens(query) {
		words[w] = true
	}
	var b strings.Builder
	for i, w := range strings.Fields(text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		if words[strings.ToLower(strings.Trim(w, ".,;:!?"))] {
			b.WriteString("<mark>" + w + "</mark>")
		} else {
			b.WriteString(w)
		}
	}
	return b.String()
}
