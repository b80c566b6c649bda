// Package blog is the blog's models and their data access, with bun.
package blog

import (
	"time"

	"github.com/uptrace/bun"
)

// Post names its table and alias in the BaseModel tag.
type Post struct {
	bun.BaseModel `bun:"table:posts,alias:p"`

	ID        int64 `bun:",pk,autoincrement"`
	AuthorID  int64
	Title     string
	CreatedAt time.Time
}

// Author has no tag: bun's default naming makes it "authors".
type Author struct {
	ID   int64 `bun:",pk,autoincrement"`
	Name string
}

// PostTag is "post_tags" by the same rule.
type PostTag struct {
	PostID int64
	Tag    string
}
