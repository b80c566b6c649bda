package database

import "database/sql"

// migrations are applied in order, one transaction each; schema_version
// remembers how many ran.
var migrations = []func(tx *sql.Tx) error{
	func(tx *sql.Tx) error {
		_, err := tx.Exec(`
			CREATE TABLE schema_version (version int NOT NULL);
			CREATE TABLE users (
				id bigserial PRIMARY KEY,
				username text NOT NULL UNIQUE,
				is_admin bool NOT NULL DEFAULT false
			);
			CREATE TABLE feeds (
				id bigserial PRIMARY KEY,
				user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
				feed_url text NOT NULL
			);
			CREATE TABLE entries (
				id bigserial PRIMARY KEY,
				feed_id bigint NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
				title text NOT NULL,
				status text
			);
			CREATE TABLE sessions (token text PRIMARY KEY, data jsonb);
		`)
		return err
	},
	func(tx *sql.Tx) error {
		_, err := tx.Exec(`ALTER TABLE feeds ADD COLUMN etag text`)
		return err
	},
	func(tx *sql.Tx) error {
		// A data migration: no table is owned by doing this.
		_, err := tx.Exec(`UPDATE feeds SET etag = '' WHERE etag IS NULL`)
		return err
	},
	func(tx *sql.Tx) error {
		sql := `DROP TABLE sessions; CREATE INDEX entries_feed_idx ON entries (feed_id)`
		_, err := tx.Exec(sql)
		return err
	},
}
