// Package issues is the issues' data, answer style: sessions on the
// engine itself.
package issues

import (
	"context"

	"xorm.io/xorm"
)

// Comment is a comment; its table is named by TableName.
type Comment struct {
	ID      int64
	IssueID int64
	Status  int
	Content string
}

// TableName names the table.
func (Comment) TableName() string { return "comment" }

// CommentRepo uses the engine directly.
type CommentRepo struct{ DB *xorm.Engine }

// Hide hides a comment: Cols(...).Update(bean).
func (r *CommentRepo) Hide(ctx context.Context, id int64) error {
	_, err := r.DB.Context(ctx).ID(id).Cols("status").Update(&Comment{Status: 1})
	return err
}

// ByIssue lists an issue's comments, the session built over statements.
func (r *CommentRepo) ByIssue(ctx context.Context, issueID int64) ([]Comment, error) {
	var cs []Comment
	session := r.DB.Context(ctx).Where("issue_id = ?", issueID)
	session.Where("status = 0")
	return cs, session.Find(&cs)
}

// Count counts raw.
func (r *CommentRepo) Count(ctx context.Context) (int64, error) {
	return r.DB.Context(ctx).Count(new(Comment))
}
