-- Reason: news feeds a server follows, members who want news as well as reminders, and shows
-- linked to TVmaze so their premiere dates stay current.

-- A subscriber who also wants premiere news about the show (posts from feeds) mentioned.
ALTER TABLE subscriptions ADD COLUMN news INTEGER NOT NULL DEFAULT 0;

CREATE TABLE feeds (
    id               INTEGER PRIMARY KEY,
    guild_id         INTEGER NOT NULL,
    url              TEXT    NOT NULL,  -- what is fetched: as added, or where it redirected for good
    url_key          TEXT    NOT NULL,  -- normalised: one feed per server however it is spelled
    title            TEXT    NOT NULL,
    channel_id       INTEGER NOT NULL,
    only_tracked     INTEGER NOT NULL DEFAULT 0,
    added_by         INTEGER NOT NULL,
    added_at         INTEGER NOT NULL,
    interval_seconds INTEGER NOT NULL,
    next_poll_at     INTEGER NOT NULL,
    etag             TEXT,
    last_modified    TEXT,
    last_polled_at   INTEGER,
    last_posted_at   INTEGER,
    failures         INTEGER NOT NULL DEFAULT 0,  -- in a row; reset by a good poll
    last_error       TEXT,
    paused_at        INTEGER,  -- set after repeated failures; /feed add again resumes
    UNIQUE (guild_id, url_key)
);

CREATE UNIQUE INDEX feeds_id_guild ON feeds (id, guild_id);
CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE paused_at IS NULL;

-- Every identity of every entry a feed has shown (its id, its link, its title and date), so an
-- entry is new only when none of them was seen: a feed that changes its ids or moves to https
-- does not post its old news again. Refreshed while the entry is in the feed; pruned after.
CREATE TABLE feed_entries (
    feed_id   INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    entry_key TEXT    NOT NULL,
    seen_at   INTEGER NOT NULL,
    PRIMARY KEY (feed_id, entry_key)
) WITHOUT ROWID;

-- Articles posted from a feed, and a headline key so the same story from several feeds (under
-- different links) is posted once per server.
ALTER TABLE articles ADD COLUMN feed_id INTEGER;
ALTER TABLE articles ADD COLUMN headline_key TEXT;
CREATE INDEX articles_by_headline ON articles (guild_id, headline_key, posted_at)
    WHERE headline_key IS NOT NULL;

-- A show looked up on TVmaze keeps its id there, so a refresh can notice a moved premiere.
ALTER TABLE shows ADD COLUMN tvmaze_id INTEGER;
ALTER TABLE shows ADD COLUMN tvmaze_checked_at INTEGER;
CREATE INDEX shows_by_tvmaze ON shows (tvmaze_id) WHERE tvmaze_id IS NOT NULL;

-- A next season TVmaze announced for a tracked show, offered to the server once.
CREATE TABLE season_offers (
    id                 INTEGER PRIMARY KEY,
    guild_id           INTEGER NOT NULL,
    show_id            INTEGER NOT NULL,
    season             INTEGER NOT NULL,
    premiere_at        INTEGER NOT NULL,
    premiere_precision TEXT    NOT NULL CHECK (premiere_precision IN ('time', 'day')),
    premiere_timezone  TEXT    NOT NULL,
    network            TEXT,
    offered_at         INTEGER NOT NULL,
    channel_id         INTEGER,
    message_id         INTEGER,
    accepted_show_id   INTEGER,
    UNIQUE (show_id, season),
    FOREIGN KEY (show_id, guild_id) REFERENCES shows (id, guild_id) ON DELETE CASCADE
);
