package extract

// Plan is the order of the steps that take the service out.
type Plan struct{}

func (x *extraction) plan()                  {}
func (x *extraction) blockTablesAndGlobals() {}
