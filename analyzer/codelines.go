package analyzer

import "bytes"

// scanLines marks the lines lexLines marks, without tokenising: a line
// holds code when a byte on it is neither blank nor in a comment, and a raw
// string marks every line it spans. It is a fraction of go/scanner's cost
// (which builds every token's literal), and a cold lint lexes every file of
// the module for this alone. It declines, and reports false, where
// go/scanner would see the lines differently: a //line directive (the
// scanner remaps the lines after it), a carriage return (it drops them from
// raw strings, whose end it then places earlier), a byte order mark.
func scanLines(src []byte, ls lineSet) bool {
	if bytes.IndexByte(src, '\r') >= 0 || bytes.HasPrefix(src, []byte("\uFEFF")) ||
		bytes.Contains(src, []byte("//line ")) || bytes.Contains(src, []byte("/*line ")) {
		return false
	}
	line := 1
	mark := func() {
		if line < len(ls) {
			ls[line] = true
		}
	}
	n := len(src)
	for i := 0; i < n; {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t':
			i++
		case c == '/' && i+1 < n && src[i+1] == '/':
			for i < n && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && src[i+1] == '*':
			for i += 2; i < n && !(src[i] == '*' && i+1 < n && src[i+1] == '/'); i++ {
				if src[i] == '\n' {
					line++
				}
			}
			i += 2
		case c == '`':
			mark()
			for i++; i < n && src[i] != '`'; i++ {
				if src[i] == '\n' {
					line++
					if i+1 < n { // a string left open ends at the last byte
						mark()
					}
				}
			}
			i++
		case c == '"' || c == '\'':
			// An interpreted string or a rune ends at its quote or, broken,
			// at the end of the line.
			mark()
			for i++; i < n && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' && i+1 < n && src[i+1] != '\n' {
					i++
				}
			}
			if i < n && src[i] == c {
				i++
			}
		default:
			mark()
			i++
		}
	}
	return true
}
