package analyzer

import (
	"regexp"
	"strings"
	"sync"

	flectname "github.com/gobuffalo/flect/name"
)

// Default table names, each by its ORM's own rule (a model's TableName()
// or tags win over these; see tables_orm.go), with the settings the module
// gives its ORM (read by the pre-pass in tables_migrate.go).

// naming holds the module's ORM naming settings.
type naming struct {
	gormPrefix   string // schema.NamingStrategy{TablePrefix: ...}
	gormSingular bool   // schema.NamingStrategy{SingularTable: true}
	jinzhuSingle bool   // db.SingularTable(true)
	xormMapper   string // "snake" (xorm's default), "gonic" or "same"
	xormPrefix   string // names.NewPrefixMapper(m, "p_")
	xormSuffix   string // names.NewSuffixMapper(m, "_s")
}

func defaultNaming() naming { return naming{xormMapper: "snake"} }

// gorm is gorm.io/gorm's schema.NamingStrategy.TableName.
func (n *naming) gorm(typeName string) string {
	if n.gormSingular {
		return n.gormPrefix + gormSnake(typeName)
	}
	return n.gormPrefix + gormPlural(gormSnake(typeName))
}

// jinzhu is github.com/jinzhu/gorm's: the same snake case, plural unless
// the DB was told SingularTable(true).
func (n *naming) jinzhu(typeName string) string {
	if n.jinzhuSingle {
		return gormSnake(typeName)
	}
	return gormPlural(gormSnake(typeName))
}

// pop is gobuffalo/pop's: flect's Tableize (underscored, pluralised).
func (n *naming) pop(typeName string) string { return flectname.Tableize(typeName) }

// bun is bun's: its own underscoring, pluralised by jinzhu/inflection.
func (n *naming) bun(typeName string) string { return gormPlural(bunUnderscore(typeName)) }

// xorm is xorm's table mapper: SnakeMapper by default, not pluralised.
func (n *naming) xorm(typeName string) string {
	var base string
	switch n.xormMapper {
	case "gonic":
		base = gonicCase(typeName)
	case "same":
		base = typeName
	default:
		base = snakeCase(typeName)
	}
	return n.xormPrefix + base + n.xormSuffix
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// snakeCase is xorm's SnakeMapper: an underscore before every upper-case
// letter but the first (UserID → user_i_d).
func snakeCase(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			if i > 0 {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// gonicCase is xorm's GonicMapper: runs of capitals stay one word
// (UserID → user_id, HTTPServer → http_server).
func gonicCase(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) && i > 0 && !isUpper(out[len(out)-1]) {
			out = append(out, '_')
		}
		if !isUpper(c) && i > 1 {
			l := len(out)
			if isUpper(out[l-1]) && isUpper(out[l-2]) {
				out = append(out, out[l-1])
				out[l-1] = '_'
			}
		}
		out = append(out, c)
	}
	return strings.ToLower(string(out))
}

// bunUnderscore is bun's internal.Underscore: an underscore before a
// capital next to a lower-case letter (UserID → user_id).
func bunUnderscore(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			if i > 0 && i+1 < len(s) && (isLower(s[i-1]) || isLower(s[i+1])) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

var initialisms = func() *strings.Replacer {
	var pairs []string
	for _, w := range strings.Fields(`API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS RAM
		RHS RPC SLA SMTP SSH TLS TTL UID UI UUID URI URL UTF8 VM XML XSRF XSS`) {
		pairs = append(pairs, w, w[:1]+strings.ToLower(w[1:]))
	}
	return strings.NewReplacer(pairs...)
}()

// gormSnake follows gorm's schema.NamingStrategy.toDBName.
func gormSnake(name string) string {
	if name == "" {
		return ""
	}
	v := initialisms.Replace(name)
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	var b strings.Builder
	last, cur := false, upper(v[0])
	for i := 0; i < len(v)-1; i++ {
		c := v[i]
		next, nextNum := upper(v[i+1]), v[i+1] >= '0' && v[i+1] <= '9'
		if cur {
			if !(last && (next || nextNum)) && i > 0 && v[i-1] != '_' && v[i+1] != '_' {
				b.WriteByte('_')
			}
			b.WriteByte(c + 'a' - 'A')
		} else {
			b.WriteByte(c)
		}
		last, cur = cur, next
	}
	c := v[len(v)-1]
	if cur {
		if !last && len(v) > 1 {
			b.WriteByte('_')
		}
		c += 'a' - 'A'
	}
	b.WriteByte(c)
	return b.String()
}

type pluralRule struct {
	re   *regexp.Regexp
	repl string
}

// pluralRules are github.com/jinzhu/inflection's, which GORM uses, for lower
// case words: uncountables, then irregulars, then the regular rules (the
// last-defined first).
var pluralRules = func() []pluralRule {
	var rules []pluralRule
	for _, w := range strings.Fields("equipment information rice money species series fish sheep jeans police") {
		rules = append(rules, pluralRule{regexp.MustCompile("^(" + w + ")$"), "${1}"})
	}
	for _, p := range [][2]string{{"person", "people"}, {"man", "men"}, {"child", "children"}, {"sex", "sexes"}, {"move", "moves"}, {"mombie", "mombies"}} {
		rules = append(rules, pluralRule{regexp.MustCompile(p[0] + "$"), p[1]})
	}
	regular := [][2]string{
		{"([a-z])$", "${1}s"}, {"s$", "s"}, {"^(ax|test)is$", "${1}es"}, {"(octop|vir)us$", "${1}i"},
		{"(octop|vir)i$", "${1}i"}, {"(alias|status)$", "${1}es"}, {"(bu)s$", "${1}ses"},
		{"(buffal|tomat)o$", "${1}oes"}, {"([ti])um$", "${1}a"}, {"([ti])a$", "${1}a"}, {"sis$", "ses"},
		{"(?:([^f])fe|([lr])f)$", "${1}${2}ves"}, {"(hive)$", "${1}s"}, {"([^aeiouy]|qu)y$", "${1}ies"},
		{"(x|ch|ss|sh)$", "${1}es"}, {"(matr|vert|ind)(?:ix|ex)$", "${1}ices"}, {"^(m|l)ouse$", "${1}ice"},
		{"^(m|l)ice$", "${1}ice"}, {"^(ox)$", "${1}en"}, {"^(oxen)$", "${1}"}, {"(quiz)$", "${1}zes"},
	}
	for i := len(regular) - 1; i >= 0; i-- {
		rules = append(rules, pluralRule{regexp.MustCompile(regular[i][0]), regular[i][1]})
	}
	return rules
}()

// plurals caches gormPlural: a model's name is asked for at every use.
var plurals sync.Map

func gormPlural(w string) string {
	if p, ok := plurals.Load(w); ok {
		return p.(string)
	}
	p := plural(w)
	plurals.Store(w, p)
	return p
}

func plural(w string) string {
	for _, r := range pluralRules {
		if r.re.MatchString(w) {
			return r.re.ReplaceAllString(w, r.repl)
		}
	}
	return w
}
