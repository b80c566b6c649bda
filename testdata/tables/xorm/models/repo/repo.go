// Package repo is the repositories' data.
package repo

import (
	"context"

	"xorm.io/builder"
	"xorm.io/xorm"

	"example.com/forge/models/db"
)

// Repository is a code repository: table repository (Gonic, singular).
type Repository struct {
	ID      int64
	OwnerID int64
	Name    string
}

// RepoTopic links a repository to a topic: repo_topic.
type RepoTopic struct {
	RepoID  int64
	TopicID int64
}

// GetRepositoryByID loads a repository through the generic helper.
func GetRepositoryByID(ctx context.Context, id int64) (*Repository, error) {
	r, _, err := db.GetByID[Repository](ctx, id)
	return r, err
}

// CreateRepository inserts a repository.
func CreateRepository(ctx context.Context, r *Repository) error { return db.Insert(ctx, r) }

// DeleteRepository deletes one.
func DeleteRepository(ctx context.Context, id int64) error { return db.DeleteByID[Repository](ctx, id) }

// ReposOf lists an owner's repositories.
func ReposOf(ctx context.Context, ownerID int64) ([]*Repository, error) {
	return db.Find[Repository](ctx, builder.Eq{"owner_id": ownerID})
}

// TopicIDs reads a table by name.
func TopicIDs(ctx context.Context, repoID int64) ([]int64, error) {
	var ids []int64
	err := db.GetEngine(ctx).Table("repo_topic").Where("repo_id = ?", repoID).Find(&ids)
	return ids, err
}

// Rename updates through raw SQL.
func Rename(ctx context.Context, id int64, name string) error {
	_, err := db.GetEngine(ctx).Exec("UPDATE repository SET name = ? WHERE id = ?", name, id)
	return err
}

// StaleRepoIDs reads through xorm's SQL builder.
func StaleRepoIDs(ctx context.Context) ([]int64, error) {
	var ids []int64
	cond := builder.In("id", builder.Select("repo_id").From("repo_topic").Where(builder.Eq{"topic_id": 0}))
	return ids, db.GetEngine(ctx).Table("repository").Where(cond).Find(&ids)
}

// PurgeTopics deletes through the builder.
func PurgeTopics(ctx context.Context, repoID int64) error {
	sql, args, err := builder.Delete(builder.Eq{"repo_id": repoID}).From("repo_topic").ToSQL()
	if err != nil {
		return err
	}
	_, err = db.GetEngine(ctx).Exec(append([]any{sql}, args...)...)
	return err
}

// TempSequences reads a system catalog through a session, as gitea's
// sequence repair does: schema introspection, no table of the application.
func TempSequences(ctx context.Context) ([]string, error) {
	var names []string
	return names, db.GetEngine(ctx).Table("information_schema.sequences").Cols("sequence_name").
		Where("sequence_name LIKE 'tmp_%'").Find(&names)
}

// TopicCounts reads grouped columns into a row type of its own, on a
// session whose table a helper sets, as gitea's latest commit statuses
// do: the row type names no table.
func TopicCounts(ctx context.Context) (map[int64]int64, error) {
	type result struct {
		RepoID int64
		N      int64
	}
	base := func() *xorm.Session { return db.GetEngine(ctx).Table("repo_topic") }
	var rows []result
	if err := base().Select("repo_id, count(*) AS n").GroupBy("repo_id").Find(&rows); err != nil {
		return nil, err
	}
	out := map[int64]int64{}
	for _, r := range rows {
		out[r.RepoID] = r.N
	}
	return out, nil
}
