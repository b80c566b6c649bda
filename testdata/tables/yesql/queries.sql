-- subscribers
-- name: get-subscriber
-- Get a single subscriber by id.
SELECT * FROM subscribers WHERE id = $1;

-- name: insert-subscriber
INSERT INTO subscribers (email, name) VALUES ($1, $2) RETURNING id;

-- name: add-to-lists
INSERT INTO subscriber_lists (subscriber_id, list_id)
    SELECT $1, UNNEST($2::INT[]);

-- lists
-- name: query-lists
SELECT * FROM lists WHERE %s ORDER BY name;

-- name: delete-list
DELETE FROM lists WHERE id = $1;
