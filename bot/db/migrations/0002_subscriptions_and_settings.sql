-- Reason: members subscribe to shows, and each server configures where and how the bot speaks.

-- Lets subscriptions reference (show, server) together, so a subscription can only ever name a
-- show of its own server.
CREATE UNIQUE INDEX shows_id_guild ON shows (id, guild_id);

CREATE TABLE subscriptions (
    show_id    INTEGER NOT NULL,
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    delivery   TEXT    NOT NULL CHECK (delivery IN ('channel', 'dm')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (show_id, user_id),
    FOREIGN KEY (show_id, guild_id) REFERENCES shows (id, guild_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX subscriptions_by_member ON subscriptions (guild_id, user_id);

CREATE TABLE guild_settings (
    guild_id            INTEGER PRIMARY KEY,
    announce_channel_id INTEGER,
    mention_role_id     INTEGER,
    timezone            TEXT    NOT NULL DEFAULT 'UTC',
    -- Seconds before the premiere, descending, comma-separated: 7d, 1d, 1h and the moment itself.
    reminder_offsets    TEXT    NOT NULL DEFAULT '604800,86400,3600,0'
);
