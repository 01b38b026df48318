-- Reason: premiere news the bot summarised in a server, so the same story is not posted twice
-- there, and so its Track / Subscribe buttons know what they are about after a restart.

CREATE TABLE articles (
    id                 INTEGER PRIMARY KEY,
    guild_id           INTEGER NOT NULL,
    source_key         TEXT    NOT NULL,  -- the normalised URL, or "text:" + a hash of the text
    url                TEXT,
    title              TEXT    NOT NULL,
    show               TEXT,
    season             INTEGER,
    network            TEXT,
    premiere_at        INTEGER,
    premiere_precision TEXT CHECK (premiere_precision IN ('time', 'day', 'month', 'year')),
    premiere_timezone  TEXT,
    confidence         TEXT    NOT NULL DEFAULT '{}',  -- JSON: field → 0..1
    channel_id         INTEGER,
    message_id         INTEGER,
    posted_by          INTEGER NOT NULL,
    posted_at          INTEGER NOT NULL,
    UNIQUE (guild_id, source_key)
);
