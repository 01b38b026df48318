-- Reason: the weekly digest: one message a week per server, posted once and edited as the
-- week's premieres change.

-- When each server's next digest is due: its weekday and time, in its timezone, already turned
-- into an instant (so a DST change moves it by the hour it should). No row: the digest is off.
CREATE TABLE digest_plans (
    guild_id INTEGER PRIMARY KEY,
    next_at  INTEGER NOT NULL
);

CREATE INDEX digest_plans_due ON digest_plans (next_at);

-- One row per server and week, written before its message is posted: the row's id makes the
-- post's nonce, so a re-send after a crash is the same message to Discord. Once posted, the
-- week's message is edited in place (when what it shows changes), never posted again.
CREATE TABLE digests (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    week_start   INTEGER NOT NULL,  -- the moment it was due; its week runs seven days on
    late         INTEGER NOT NULL DEFAULT 0,  -- posted after downtime, and says so
    status       TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'posted', 'stopped', 'failed', 'skipped')),
    channel_id   INTEGER,
    message_id   INTEGER,
    retry_at     INTEGER,           -- when a pending post is (next) tried
    attempts     INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT,              -- of what the posted message shows
    outcome      TEXT,              -- why it stopped, failed or was skipped
    UNIQUE (guild_id, week_start)
);

CREATE INDEX digests_pending ON digests (retry_at) WHERE status = 'pending';
