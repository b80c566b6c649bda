package sqlscan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type kind uint8

const (
	tWord   kind = iota + 1 // unquoted identifier or keyword
	tQuoted                 // "quoted" or `quoted` identifier
	tString                 // 'literal', $$dollar quoted$$
	tNumber                 // 12, 1.5e3, 0x1F
	tParam                  // $1, ?, :name, @name
	tPunct                  // ( ) , ; . * and operators, one character each
	tBad                    // unterminated string, identifier or comment
)

type token struct {
	kind kind
	// text is the word as written, a quoted identifier without its quotes,
	// or the punctuation character.
	text string
	up   string // upper-cased text, for words
}

func (t token) is(punct string) bool { return t.kind == tPunct && t.text == punct }

func (t token) word(up string) bool { return t.kind == tWord && t.up == up }

func isIdentStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isIdentPart(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lex splits s into tokens. Comments and white space are dropped; an
// unterminated literal, quoted identifier or block comment becomes a tBad
// token that swallows the rest of the input.
func lex(s string) []token {
	var toks []token
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < n && s[i+1] == '-':
			for i < n && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && s[i+1] == '*':
			depth := 0 // postgres nests block comments
			j := i
			for j < n {
				if s[j] == '/' && j+1 < n && s[j+1] == '*' {
					depth++
					j += 2
				} else if s[j] == '*' && j+1 < n && s[j+1] == '/' {
					depth--
					j += 2
					if depth == 0 {
						break
					}
				} else {
					j++
				}
			}
			if depth != 0 {
				return append(toks, token{kind: tBad})
			}
			i = j
		case c == '\'':
			j, ok := closeQuote(s, i+1, '\'', true)
			if !ok {
				return append(toks, token{kind: tBad})
			}
			toks = append(toks, token{kind: tString, text: s[i+1 : j]})
			i = j + 1
		case c == '"' || c == '`':
			j, ok := closeQuote(s, i+1, c, false)
			if !ok {
				return append(toks, token{kind: tBad})
			}
			q := string(c)
			toks = append(toks, token{kind: tQuoted, text: strings.ReplaceAll(s[i+1:j], q+q, q)})
			i = j + 1
		case c == '$' && i+1 < n && isDigit(s[i+1]):
			j := i + 1
			for j < n && isDigit(s[j]) {
				j++
			}
			toks = append(toks, token{kind: tParam, text: s[i:j]})
			i = j
		case c == '$':
			// Dollar quoting: $$...$$ or $tag$...$tag$.
			j := i + 1
			for j < n && (s[j] == '_' || isDigit(s[j]) || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
				j++
			}
			if j < n && s[j] == '$' && (j == i+1 || !isDigit(s[i+1])) {
				tag := s[i : j+1]
				k := strings.Index(s[j+1:], tag)
				if k < 0 {
					return append(toks, token{kind: tBad})
				}
				toks = append(toks, token{kind: tString, text: s[j+1 : j+1+k]})
				i = j + 1 + k + len(tag)
				break
			}
			toks = append(toks, token{kind: tPunct, text: "$"})
			i++
		case c == '?':
			toks = append(toks, token{kind: tParam, text: "?"})
			i++
		case c == ':' && i+1 < n && s[i+1] == ':':
			toks = append(toks, token{kind: tPunct, text: "::"})
			i += 2
		case (c == ':' || c == '@') && i+1 < n && (s[i+1] == '@' && c == '@' || startsIdent(s[i+1:])):
			j := i + 1
			for j < n && s[j] == '@' {
				j++
			}
			for j < n {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isIdentPart(r) {
					break
				}
				j += size
			}
			toks = append(toks, token{kind: tParam, text: s[i:j]})
			i = j
		case isDigit(c) || c == '.' && i+1 < n && isDigit(s[i+1]):
			j := i
			for j < n && (isDigit(s[j]) || s[j] == '.' || s[j] == '_' ||
				s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' ||
				(s[j] == '+' || s[j] == '-') && (s[j-1] == 'e' || s[j-1] == 'E') && !strings.HasPrefix(s[i:], "0x")) {
				j++
			}
			toks = append(toks, token{kind: tNumber, text: s[i:j]})
			i = j
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isIdentStart(r) {
				j := i + size
				for j < n {
					r, size := utf8.DecodeRuneInString(s[j:])
					if !isIdentPart(r) {
						break
					}
					j += size
				}
				w := s[i:j]
				toks = append(toks, token{kind: tWord, text: w, up: strings.ToUpper(w)})
				i = j
				break
			}
			toks = append(toks, token{kind: tPunct, text: s[i : i+size]})
			i += size
		}
	}
	return toks
}

func startsIdent(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isIdentStart(r)
}

// closeQuote returns the index of the quote q that closes a literal opened
// just before from. A doubled quote is an escaped one; with backslash, so is
// a backslash-escaped character (MySQL, and postgres E'...' strings).
func closeQuote(s string, from int, q byte, backslash bool) (int, bool) {
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j, true
		}
	}
	return 0, false
}
