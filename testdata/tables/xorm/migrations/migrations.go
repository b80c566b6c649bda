// Package migrations upgrades the schema, gitea style: a list of
// numbered steps, most of them Sync calls, one moving data.
package migrations

import (
	"xorm.io/xorm"
	"xorm.io/xorm/migrate"
)

type migration struct {
	description string
	migrate     func(*xorm.Engine) error
}

func newMigration(desc string, fn func(*xorm.Engine) error) *migration {
	return &migration{desc, fn}
}

var migrations = []*migration{
	newMigration("add repository", addRepository),
	newMigration("add topics", addRepoTopic),
	newMigration("fill topics", fillRepoTopics),
}

func addRepository(x *xorm.Engine) error {
	type Repository struct {
		ID   int64
		Name string
	}
	return x.Sync(new(Repository))
}

func addRepoTopic(x *xorm.Engine) error {
	type RepoTopic struct {
		RepoID  int64
		TopicID int64
	}
	return x.Sync(new(RepoTopic))
}

func fillRepoTopics(x *xorm.Engine) error {
	_, err := x.Exec("INSERT INTO repo_topic (repo_id, topic_id) SELECT id, 0 FROM repository")
	return err
}

// Migrate runs the steps.
func Migrate(x *xorm.Engine) error {
	for _, m := range migrations {
		if err := m.migrate(x); err != nil {
			return err
		}
	}
	return nil
}

// MigrateComments uses xorm's own migrate package.
func MigrateComments(x *xorm.Engine) error {
	m := migrate.New(x, migrate.DefaultOptions, []*migrate.Migration{{
		ID: "1",
		Migrate: func(tx *xorm.Engine) error {
			_, err := tx.Exec("UPDATE comment SET status = 0 WHERE status IS NULL")
			return err
		},
	}})
	return m.Migrate()
}
