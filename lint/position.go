package lint

import "github.com/splitter-go/splitter/model"

// Positions finds where code uses other code, as lint places its
// violations: the identifier of a use inside a unit's declaration, the
// import spec of a package import, the name of a declaration. It parses,
// without type-checking, the files it is asked about, once each. Other
// tools that report cross-service uses (splitter diff) use it so that their
// positions are lint's.
type Positions struct{ l *locator }

// NewPositions returns a Positions for the model m of the code in root
// (the directory m's file paths are relative to).
func NewPositions(root string, m *model.Model) *Positions {
	return &Positions{l: newLocator(root, m, model.NewIndex(m))}
}

// Use returns where unit from first refers to unit to (the enclosing
// declaration when the syntax does not show it; line 0 when from is not a
// unit of the model).
func (p *Positions) Use(from, to string) (file string, line, col int) {
	v := &Violation{hint: hint{fromUnit: from, toUnit: to}}
	p.l.locate(v)
	return v.File, v.Line, v.Column
}

// Import returns where package from imports package to.
func (p *Positions) Import(from, to string) (file string, line, col int) {
	v := &Violation{hint: hint{fromPkg: from, toPkg: to}}
	p.l.locate(v)
	return v.File, v.Line, v.Column
}

// Decl returns where unit id is declared (its name).
func (p *Positions) Decl(id string) (file string, line, col int) {
	v := &Violation{hint: hint{unit: id}}
	p.l.locate(v)
	return v.File, v.Line, v.Column
}
