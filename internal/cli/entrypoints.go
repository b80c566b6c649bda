package cli

import (
	"fmt"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
)

// declare passes splitter.yaml's declared entry points, routers and
// consumers to the analysis.
func declare(acfg *analyzer.Config, file *config.Config) {
	if file == nil {
		return
	}
	for _, ep := range file.EntryPoints {
		acfg.Declared = append(acfg.Declared, analyzer.DeclaredEntry{Function: ep.Function, Name: ep.Name})
	}
	for i, r := range file.Routers {
		p := file.Pos("routers", i)
		acfg.Routers = append(acfg.Routers, analyzer.RouterDecl{Framework: r.Framework, Package: r.Package, Type: r.Type,
			Methods: r.Methods, Path: r.PathIndex(), Handler: r.HandlerIndex(), Groups: r.Groups, Join: r.Join,
			Where: fmt.Sprintf("%s:%d: routers[%d]", file.Path, p.Line, i)})
	}
	for i, c := range file.Consumers {
		p := file.Pos("consumers", i)
		acfg.Consumers = append(acfg.Consumers, analyzer.ConsumerDecl{Framework: c.Framework, Broker: c.Broker, Kind: c.Kind,
			Package: c.Package, Type: c.Type, Methods: c.Methods, Topic: c.TopicIndex(), Handler: c.HandlerIndex(), Method: c.Method,
			Where: fmt.Sprintf("%s:%d: consumers[%d]", file.Path, p.Line, i)})
	}
}
