// Package gin registers routes on a gin engine, with nested groups.
package gin

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type handler struct{}

func (h *handler) getItem(c *gin.Context)    { c.JSON(http.StatusOK, gin.H{"id": c.Param("id")}) }
func (h *handler) createItem(c *gin.Context) { c.Status(http.StatusCreated) }
func (h *handler) deleteItem(c *gin.Context) { c.Status(http.StatusNoContent) }
func (h *handler) m(c *gin.Context)          { c.String(http.StatusOK, "m") }
func (h *handler) patchX(c *gin.Context)     { c.Status(http.StatusOK) }
func (h *handler) any(c *gin.Context)        { c.String(http.StatusOK, c.Request.Method) }
func (h *handler) dyn(c *gin.Context)        { c.Status(http.StatusOK) }

func ping(c *gin.Context) { c.String(http.StatusOK, "pong") }

// authMW is middleware, never a handler.
func authMW(c *gin.Context) {
	if c.GetHeader("Authorization") == "" {
		c.AbortWithStatus(http.StatusUnauthorized)
		return
	}
	c.Next()
}

// New builds the engine; prefix is only known at run time.
func New(prefix string) *gin.Engine {
	h := &handler{}
	r := gin.New()
	// Negative: middleware registration is not a route.
	r.Use(gin.Recovery(), authMW)

	r.GET("/ping", ping)           // want http "GET /ping" example.com/ep/gin.ping
	r.POST("/items", h.createItem) // want http "POST /items" example.com/ep/gin.handler.createItem

	// Nested groups compose their prefixes.
	api := r.Group("/api")
	v1 := api.Group("/v1")
	{
		v1.GET("/items/:id", h.getItem) // want http "GET /api/v1/items/:id" example.com/ep/gin.handler.getItem
		// Middleware before the handler: the handler is the LAST argument.
		v1.GET("/m", authMW, h.m) // want http "GET /api/v1/m" example.com/ep/gin.handler.m
		// Closure whose only statement calls a module method.
		v1.GET("/c/:id", func(c *gin.Context) { h.getItem(c) }) // want http "GET /api/v1/c/:id" example.com/ep/gin.handler.getItem
	}

	// A group created with middleware: authMW is not a handler.
	admin := r.Group("/admin", authMW)
	admin.DELETE("/items/:id", h.deleteItem) // want http "DELETE /admin/items/:id" example.com/ep/gin.handler.deleteItem

	// Explicit method, as a string and as a net/http constant.
	r.Handle("PATCH", "/x", h.patchX)        // want http "PATCH /x" example.com/ep/gin.handler.patchX
	r.Handle(http.MethodPut, "/y", h.patchX) // want http "PUT /y" example.com/ep/gin.handler.patchX
	r.Any("/any", h.any)                     // want http "ANY /any" example.com/ep/gin.handler.any
	r.GET(prefix+"/dyn", h.dyn)              // want http "GET /dyn" example.com/ep/gin.handler.dyn
	return r
}

// serveFile is a handler factory whose callback argument is not a handler.
func serveFile(name string, convert func(string) string) gin.HandlerFunc {
	body := convert(name)
	return func(c *gin.Context) { c.String(http.StatusOK, body) }
}

func noop(s string) string { return s }

func notFound() gin.HandlerFunc { return func(c *gin.Context) { c.Status(http.StatusNotFound) } }

// Joined returns routes whose paths gin joins: a single slash between
// segments, a leading slash, an empty sub-path meaning the group's path,
// Use kept in the chain, and gin's other registration methods.
func Joined() *gin.Engine {
	h := &handler{}
	r := gin.New()
	plugin := r.Group("/plugin/")
	plugin.GET("/:id/config", h.getItem)             // want http "GET /plugin/:id/config" example.com/ep/gin.handler.getItem
	r.GET("version", h.any)                          // want http "GET /version" example.com/ep/gin.handler.any
	r.Group("/user").Use(authMW).POST("", h.any)     // want http "POST /user" example.com/ep/gin.handler.any
	r.Group("/").Use(authMW).POST("/message", h.any) // want http "POST /message" example.com/ep/gin.handler.any
	ui := r.Group("/", authMW)
	ui.GET("/", serveFile("index.html", noop))                           // want http "GET /" example.com/ep/gin.serveFile
	r.Match([]string{http.MethodGet, http.MethodHead}, "/health", h.any) // want http "GET /health" example.com/ep/gin.handler.any http "HEAD /health" example.com/ep/gin.handler.any
	r.StaticFS("/image", http.Dir("/tmp"))                               // want http "GET /image/*filepath" example.com/ep/gin.Joined http "HEAD /image/*filepath" example.com/ep/gin.Joined
	r.StaticFile("/favicon.ico", "./favicon.ico")                        // want http "GET /favicon.ico" example.com/ep/gin.Joined http "HEAD /favicon.ico" example.com/ep/gin.Joined
	r.NoRoute(notFound())                                                // want http "ANY /*" example.com/ep/gin.notFound
	r.OPTIONS("/*any")                                                   // want http "OPTIONS /*any" example.com/ep/gin.Joined
	r.GET("/version2", func(c *gin.Context) {                            // want http "GET /version2" example.com/ep/gin.Joined
		c.JSON(http.StatusOK, "v2")
	})
	return r
}
