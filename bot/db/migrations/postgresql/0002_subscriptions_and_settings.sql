-- Reason: members subscribe to shows, and each server configures where and how the bot speaks.
-- PostgreSQL: the same schema as the SQLite file of this number, in its own words.

-- Lets subscriptions reference (show, server) together, so a subscription can only ever name a
-- show of its own server.
CREATE UNIQUE INDEX shows_id_guild ON shows (id, guild_id);

CREATE TABLE subscriptions (
    show_id    BIGINT NOT NULL,
    guild_id   BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    delivery   TEXT    NOT NULL CHECK (delivery IN ('channel', 'dm')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (show_id, user_id),
    FOREIGN KEY (show_id, guild_id) REFERENCES shows (id, guild_id) ON DELETE CASCADE
);

CREATE INDEX subscriptions_by_member ON subscriptions (guild_id, user_id);

CREATE TABLE guild_settings (
    guild_id            BIGINT PRIMARY KEY,
    announce_channel_id BIGINT,
    mention_role_id     BIGINT,
    timezone            TEXT    NOT NULL DEFAULT 'UTC',
    -- Seconds before the premiere, descending, comma-separated: 7d, 1d, 1h and the moment itself.
    reminder_offsets    TEXT    NOT NULL DEFAULT '604800,86400,3600,0'
);
