-- Reason: countdown reminders. The database is the truth: the plan (reminders), and a ledger of
-- every message a reminder sends (deliveries), so a crash at any point loses nothing and
-- posts nothing twice. APScheduler only holds the next wake-up.

CREATE TABLE reminders (
    id                   INTEGER PRIMARY KEY,
    guild_id             INTEGER NOT NULL,
    show_id              INTEGER NOT NULL,
    kind                 TEXT    NOT NULL CHECK (kind IN ('countdown', 'moved')),
    offset_seconds       INTEGER NOT NULL,  -- before the premiere; -1 for a "moved" notice
    premiere_at          INTEGER NOT NULL,  -- the premiere this reminder was computed for
    previous_premiere_at INTEGER,           -- for "moved": where it was before
    previous_precision   TEXT,
    due_at               INTEGER NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
    style                TEXT,              -- how it was sent: 'on_time', 'late', 'offline'
    outcome              TEXT,              -- why it was skipped or failed, for /status
    claimed_at           INTEGER,
    finished_at          INTEGER,
    UNIQUE (guild_id, show_id, kind, offset_seconds, premiere_at),
    FOREIGN KEY (show_id, guild_id) REFERENCES shows (id, guild_id) ON DELETE CASCADE
);

-- What the timer asks: the next thing to do; and at start, what a crash left half-sent.
CREATE INDEX reminders_due ON reminders (due_at) WHERE status = 'pending';
CREATE INDEX reminders_sending ON reminders (id) WHERE status = 'sending';
CREATE INDEX reminders_by_show ON reminders (show_id, status);
CREATE INDEX reminders_by_guild ON reminders (guild_id, status, due_at);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,  -- also the message nonce: Discord drops a repeat
    reminder_id     INTEGER NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    target          TEXT    NOT NULL CHECK (target IN ('channel', 'dm')),
    channel_id      INTEGER,              -- for 'channel'
    user_id         INTEGER,              -- for 'dm', and who a channel fallback is for
    part            INTEGER NOT NULL,     -- 0 carries the embed; later parts carry mentions
    mention_role_id INTEGER,
    mention_user_ids TEXT   NOT NULL DEFAULT '',  -- comma-separated: exactly who may be pinged
    note            TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,              -- set only when a failed send waits to be retried
    message_id      INTEGER,
    error           TEXT,
    UNIQUE (reminder_id, target, part, user_id)
);

CREATE INDEX deliveries_retry ON deliveries (next_attempt_at)
    WHERE status = 'pending' AND next_attempt_at IS NOT NULL;
CREATE INDEX deliveries_by_reminder ON deliveries (reminder_id, status);

-- A DM subscriber whose DMs are closed is mentioned in the channel instead, from then on.
ALTER TABLE subscriptions ADD COLUMN dm_blocked_at INTEGER;

ALTER TABLE guild_settings ADD COLUMN scheduled_events INTEGER NOT NULL DEFAULT 1;

-- The Discord event made for a show's premiere, and who marked it Interested.
CREATE TABLE show_events (
    show_id  INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL UNIQUE
);

CREATE TABLE event_interest (
    event_id INTEGER NOT NULL,
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
