-- Reason: what servers do around a premiere. Discussion threads on premiere and episode posts
-- (each made once: the ledger row that posted the message remembers its thread), a weekly
-- digest, who may make the bot post articles, and members' quiet hours for direct messages.

ALTER TABLE guild_settings ADD COLUMN threads_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE guild_settings ADD COLUMN thread_archive_minutes INTEGER NOT NULL DEFAULT 1440;
ALTER TABLE guild_settings ADD COLUMN digest_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE guild_settings ADD COLUMN digest_weekday INTEGER NOT NULL DEFAULT 0;  -- Monday
ALTER TABLE guild_settings ADD COLUMN digest_minute INTEGER NOT NULL DEFAULT 600;  -- 10:00
ALTER TABLE guild_settings ADD COLUMN articles_who TEXT NOT NULL DEFAULT 'everyone'
    CHECK (articles_who IN ('everyone', 'managers'));

-- A channel post that opens a discussion thread: its name, and the thread once made.
ALTER TABLE deliveries ADD COLUMN thread_name TEXT;
ALTER TABLE deliveries ADD COLUMN thread_id INTEGER;
CREATE INDEX deliveries_thread_due ON deliveries (id)
    WHERE thread_name IS NOT NULL AND thread_id IS NULL AND status = 'sent';

-- A DM due inside a member's quiet hours waits for their end (held_until), then goes out with
-- the others held for that member as one message.
ALTER TABLE deliveries ADD COLUMN held_until INTEGER;
CREATE INDEX deliveries_held ON deliveries (held_until) WHERE held_until IS NOT NULL;

CREATE TABLE quiet_hours (
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1439),
    timezone     TEXT    NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
