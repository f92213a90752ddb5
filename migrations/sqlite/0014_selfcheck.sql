-- セルフチェック (issue 11, item 2): the items a client checks every day, chosen with their
-- supporter; one entry per client per Japan day with a score 1–4 per item and an optional
-- comment; the supporter's replies to that comment.

-- A client's items, from the library (`library_code`, words in the messages) or their own
-- (`label`, at most 30 characters). A removed item keeps its row (`removed_at`), so past
-- entries still name it.
CREATE TABLE selfcheck_items (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    library_code  TEXT,
    label         TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    removed_at    TEXT,
    CHECK ((library_code IS NULL) <> (label = ''))
);
CREATE INDEX selfcheck_items_client ON selfcheck_items (client_id);
CREATE UNIQUE INDEX selfcheck_items_library ON selfcheck_items (client_id, library_code);

-- One check per client per day (Japan date); sending again the same day updates it.
CREATE TABLE selfcheck_entries (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (client_id, day)
);

CREATE TABLE selfcheck_scores (
    entry_id  INTEGER NOT NULL REFERENCES selfcheck_entries(id) ON DELETE CASCADE,
    item_id   INTEGER NOT NULL REFERENCES selfcheck_items(id) ON DELETE CASCADE,
    score     INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
    PRIMARY KEY (entry_id, item_id)
);

-- The supporter's replies to an entry's comment.
CREATE TABLE selfcheck_replies (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES selfcheck_entries(id) ON DELETE CASCADE,
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX selfcheck_replies_entry ON selfcheck_replies (entry_id);
