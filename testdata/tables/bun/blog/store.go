package blog

import (
	"context"

	"github.com/uptrace/bun"
)

// Store is the blog's data access.
type Store struct{ db *bun.DB }

// Recent lists recent posts with their authors.
func (s *Store) Recent(ctx context.Context, n int) ([]Post, error) {
	var posts []Post
	err := s.db.NewSelect().Model(&posts).
		Join("JOIN authors AS a ON a.id = p.author_id").
		OrderExpr("p.created_at DESC").Limit(n).Scan(ctx)
	return posts, err
}

// Publish inserts a post.
func (s *Store) Publish(ctx context.Context, p *Post) error {
	_, err := s.db.NewInsert().Model(p).Exec(ctx)
	return err
}

// Retitle updates a post.
func (s *Store) Retitle(ctx context.Context, p *Post) error {
	_, err := s.db.NewUpdate().Model(p).Column("title").WherePK().Exec(ctx)
	return err
}

// Unpublish deletes a post.
func (s *Store) Unpublish(ctx context.Context, id int64) error {
	_, err := s.db.NewDelete().Model((*Post)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// AddAuthor inserts an author in a transaction.
func (s *Store) AddAuthor(ctx context.Context, a *Author) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewInsert().Model(a).Exec(ctx)
		return err
	})
}

// Tags reads a table by name.
func (s *Store) Tags(ctx context.Context, postID int64) ([]string, error) {
	var tags []string
	err := s.db.NewSelect().Table("post_tags").Column("tag").Where("post_id = ?", postID).Scan(ctx, &tags)
	return tags, err
}

// Tag adds a tag.
func (s *Store) Tag(ctx context.Context, t *PostTag) error {
	_, err := s.db.NewInsert().Model(t).Exec(ctx)
	return err
}

// AuthorNames runs raw SQL.
func (s *Store) AuthorNames(ctx context.Context) ([]string, error) {
	var names []string
	err := s.db.NewRaw("SELECT name FROM authors ORDER BY name").Scan(ctx, &names)
	return names, err
}
