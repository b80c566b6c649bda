package analyzer_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
)

// dataLayerWants are, per fixture module under testdata/tables, every
// (unit, table, op) the module's code has: unit ids without the module
// path. A triple missing or one too many fails.
var dataLayerWants = map[string][]string{
	// bun: a BaseModel tag, default naming, the query types (NewSelect,
	// NewInsert...: the op), Join, Table, NewRaw; NewCreateTable and the
	// functions registered with bun's migrate package are schema.
	"bun": {
		"blog.Store.AddAuthor authors write",
		"blog.Store.AuthorNames authors read",
		"blog.Store.Publish posts write",
		"blog.Store.Recent authors read",
		"blog.Store.Recent posts read",
		"blog.Store.Retitle posts write",
		"blog.Store.Tag post_tags write",
		"blog.Store.Tags post_tags read",
		"blog.Store.Unpublish posts write",
		"migrations.Seed authors write",
		"migrations.down post_tags schema",
		"migrations.up authors schema",
		"migrations.up post_tags schema",
		"migrations.up posts schema",
	},
	// ent: the generated per-entity client and builders (the op is the
	// builder's), edges (u.QueryCars() reads cars), transactions; the
	// generated code itself is not a use, nor the schema migration.
	"ent": {
		"store.Store.AddUser users write",
		"store.Store.Adults users read",
		"store.Store.CarsOf cars read",
		"store.Store.Register cars write",
		"store.Store.Rename users write",
		"store.Store.RenameModel cars write",
		"store.Store.Scrap cars write",
		"store.Store.UserByID users read",
	},
	// yesql (listmonk style): named queries in queries.sql at the module's
	// root, loaded by goyesql into tagged fields of Queries, run as
	// prepared statements or filled in as a template; a tag whose query
	// is in no file gives nothing.
	"yesql": {
		"cmd/mailer.app.deleteList lists write",
		"cmd/mailer.app.lists lists read",
		"cmd/mailer.app.subscribe subscriber_lists write",
		"cmd/mailer.app.subscribe subscribers write",
		"cmd/mailer.app.subscriber subscribers read",
	},
	// xorm, gitea and answer style: a module Engine interface over the
	// session, the Gonic mapper, generic helpers (db.GetByID[T]: the caller
	// reads), any-typed ones (db.Insert), TableName(), sessions; a list of
	// Sync steps with a data step, and xorm's migrate package (schema);
	// xorm's SQL builder.
	"xorm": {
		"migrations.MigrateComments comment schema",
		"migrations.addRepoTopic repo_topic schema",
		"migrations.addRepository repository schema",
		"migrations.fillRepoTopics repo_topic schema",
		"migrations.fillRepoTopics repository schema",
		"models/issues.CommentRepo.ByIssue comment read",
		"models/issues.CommentRepo.Count comment read",
		"models/issues.CommentRepo.Hide comment write",
		"models/repo.CreateRepository repository write",
		"models/repo.DeleteRepository repository write",
		"models/repo.GetRepositoryByID repository read",
		"models/repo.PurgeTopics repo_topic write",
		"models/repo.Rename repository write",
		"models/repo.ReposOf repository read",
		"models/repo.StaleRepoIDs repo_topic read",
		"models/repo.StaleRepoIDs repository read",
		"models/repo.TopicCounts repo_topic read",
		"models/repo.TopicIDs repo_topic read",
	},
	// gobuffalo/pop, kratos style: TableName(ctx) and TableName() models,
	// flect naming without one, RawQuery built with Sprintf and the
	// model's TableName(), chains split over statements, Join; the file
	// migrator is schema work.
	"pop": {
		"persistence.Persister.AddRecoveryAddress identity_recovery_addresses write",
		"persistence.Persister.CountIdentities identities read",
		"persistence.Persister.CreateIdentity identities write",
		"persistence.Persister.DeleteIdentity identities write",
		"persistence.Persister.FindByAddress identities read",
		"persistence.Persister.FindByAddress identity_recovery_addresses read",
		"persistence.Persister.GetIdentity identities read",
		"persistence.Persister.ListSessions sessions read",
		"persistence.Persister.QueueMessage courier_messages write",
		"persistence.Persister.RevokeSessions sessions write",
		"persistence.Persister.UpdateIdentity identities write",
	},
	// github.com/jinzhu/gorm, as gotify uses it: New migrates and seeds
	// (schema), the methods write and read; Joins reads the joined table.
	"jinzhu": {
		"database.GormDatabase.CreateClient clients write",
		"database.GormDatabase.CreateMessage messages write",
		"database.GormDatabase.CreateUser users write",
		"database.GormDatabase.DeleteMessagesByApplication messages write",
		"database.GormDatabase.GetMessageByID messages read",
		"database.GormDatabase.GetMessagesByUser applications read",
		"database.GormDatabase.GetMessagesByUser messages read",
		"database.GormDatabase.GetUsers users read",
		"database.GormDatabase.UpdatePluginConf plugin_confs write",
		"database.GormDatabase.UpdateUser users write",
		"database.New applications schema",
		"database.New clients schema",
		"database.New messages schema",
		"database.New plugin_confs schema",
		"database.New users schema",
	},
	// gorm.io/gorm: a NamingStrategy prefix, TableName(), Model(...)
	// chains (also over statements), Joins, Raw, Table (a row holder then
	// names no table), a generic and an any-typed helper (the
	// caller writes), AutoMigrate and gormigrate migrations (schema);
	// look-alikes with GORM's method names are not GORM (lookalike.go).
	"gorm": {
		"store.AutoMigrate billing.invoices schema",
		"store.AutoMigrate shop_order_items schema",
		"store.AutoMigrate shop_products schema",
		"store.Migrate shop_products schema",
		"store.Repo.Audit shop_audit_log write",
		"store.Repo.Bill billing.invoices write",
		"store.Repo.CreateProduct shop_products write",
		"store.Repo.DeleteProduct shop_products write",
		"store.Repo.Discount shop_products write",
		"store.Repo.InTx shop_people write",
		"store.Repo.ItemsOf shop_order_items read",
		"store.Repo.ItemsOf shop_products read",
		"store.Repo.People shop_people read",
		"store.Repo.PriceStats shop_products read",
		"store.Repo.ProductByCode shop_products read",
		"store.Repo.Revoke shop_api_keys write",
		"store.Repo.SaveItem shop_order_items write",
		"store.Repo.SetPrice shop_products write",
		"store.addAPIKeys shop_api_keys schema",
		"store.dropAPIKeys shop_api_keys schema",
	},
	// database/sql: migrations (a list of funcs with DDL and data
	// migrations, goose-registered Go migrations, a registry of steps) are
	// schema; the storage package writes, through SQL, a generic helper,
	// and prepared statements run by the methods, not by New.
	"sql": {
		"internal/database.Migrate schema_version schema",
		"internal/database.UpToDate schema_version schema",
		"internal/database.addTags tags schema",
		"internal/database.downBackfillStatus entries schema",
		"internal/database.fillTags entries schema",
		"internal/database.fillTags tags schema",
		"internal/database.indexTags tags schema",
		"internal/database.migrations entries schema",
		"internal/database.migrations feeds schema",
		"internal/database.migrations schema_version schema",
		"internal/database.migrations sessions schema",
		"internal/database.migrations users schema",
		"internal/database.upBackfillStatus entries schema",
		"internal/storage.Storage.AddEntry entries write",
		"internal/storage.Storage.CreateFeed feeds write",
		"internal/storage.Storage.CreateUser users write",
		"internal/storage.Storage.DeleteUser users write",
		"internal/storage.Storage.MarkRead entries write",
		"internal/storage.Storage.RemoveEntry entries write",
		"internal/storage.Storage.TagEntry tags write",
		"internal/storage.Storage.UnreadEntries entries read",
		"internal/storage.Storage.UnreadEntries feeds read",
		"internal/storage.Storage.UserByName users read",
	},
}

// TestDataLayers analyses one realistic module per data layer, each built
// against the real library at a pinned version.
func TestDataLayers(t *testing.T) {
	for _, name := range sortedKeys(dataLayerWants) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "tables", name)
			m := analyze(t, analyzer.Config{Dir: dir, CallGraph: analyzer.CallGraphNone})
			for _, d := range m.Diagnostics {
				t.Errorf("diagnostic: %+v", d)
			}
			got := map[string]bool{}
			for _, u := range m.Units {
				for _, tu := range u.Tables {
					if tu.Via == "const" {
						continue // const units are tested in TestTables
					}
					got[strings.TrimPrefix(u.ID, m.Module+"/")+" "+tu.Table+" "+tu.Op] = true
				}
			}
			want := map[string]bool{}
			for _, w := range dataLayerWants[name] {
				want[w] = true
			}
			for _, k := range sortedKeys(got) {
				if !want[k] {
					t.Errorf("unexpected: %s", k)
				}
			}
			for _, k := range sortedKeys(want) {
				if !got[k] {
					t.Errorf("missing:    %s", k)
				}
			}
		})
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
