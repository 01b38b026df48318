-- Reason: every episode, not only premieres. A TVmaze-linked show says what its server
-- announces; TVmaze's episodes are kept once per TVmaze show (one request however many servers
-- follow it); an episode post is a reminder of its own kind, so it goes through the same plan
-- and delivery ledger (and nonces) as every other post.
-- sqlite: foreign keys off (the reminders table is rebuilt to widen its kinds)

ALTER TABLE shows ADD COLUMN announce TEXT NOT NULL DEFAULT 'premieres'
    CHECK (announce IN ('premieres', 'finales', 'episodes'));

-- Seconds after an episode airs before it is announced (services that publish late), and
-- whether episode names are wrapped in spoiler tags.
ALTER TABLE guild_settings ADD COLUMN episode_delay_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE guild_settings ADD COLUMN episode_names_hidden INTEGER NOT NULL DEFAULT 0;

-- A subscriber who wants every announced episode (not only premieres) mentioned or sent.
ALTER TABLE subscriptions ADD COLUMN episodes INTEGER NOT NULL DEFAULT 0;

-- TVmaze's regular, dated episodes of the shows some server follows episode by episode.
CREATE TABLE tvmaze_episodes (
    tvmaze_show_id INTEGER NOT NULL,
    episode_id     INTEGER NOT NULL,
    season         INTEGER NOT NULL,
    number         INTEGER NOT NULL,
    name           TEXT    NOT NULL,
    airs_at        INTEGER NOT NULL,  -- TVmaze's airstamp; an untimed one: the day's start
    has_time       INTEGER NOT NULL,
    finale         TEXT CHECK (finale IS NULL OR finale IN ('season', 'series')),
    PRIMARY KEY (tvmaze_show_id, episode_id)
);

CREATE INDEX tvmaze_episodes_by_season ON tvmaze_episodes (tvmaze_show_id, season, airs_at);

-- SQLite cannot widen a CHECK in place: the reminders table is rebuilt with the same rows
-- (foreign keys are off while it is, so the deliveries that point at it stay).
CREATE TABLE reminders_widened (
    id                   INTEGER PRIMARY KEY,
    guild_id             INTEGER NOT NULL,
    show_id              INTEGER NOT NULL,
    kind                 TEXT    NOT NULL CHECK (kind IN ('countdown', 'moved', 'episode')),
    offset_seconds       INTEGER NOT NULL,  -- before the premiere; -1 for a "moved" notice
    premiere_at          INTEGER NOT NULL,  -- the premiere (or episode airstamp) it is for
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

INSERT INTO reminders_widened
    (id, guild_id, show_id, kind, offset_seconds, premiere_at, previous_premiere_at,
     previous_precision, due_at, status, style, outcome, claimed_at, finished_at)
SELECT id, guild_id, show_id, kind, offset_seconds, premiere_at, previous_premiere_at,
       previous_precision, due_at, status, style, outcome, claimed_at, finished_at
FROM reminders;

DROP TABLE reminders;
ALTER TABLE reminders_widened RENAME TO reminders;

CREATE INDEX reminders_due ON reminders (due_at) WHERE status = 'pending';
CREATE INDEX reminders_sending ON reminders (id) WHERE status = 'sending';
CREATE INDEX reminders_by_show ON reminders (show_id, status);
CREATE INDEX reminders_by_guild ON reminders (guild_id, status, due_at);
