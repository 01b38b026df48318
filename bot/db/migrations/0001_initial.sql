-- Reason: the first schema — the shows each server tracks, and small facts the bot keeps
-- about itself (such as the hash of the last command tree it synced).
-- Instants are INTEGER seconds since the Unix epoch, in UTC.

CREATE TABLE shows (
    id                 INTEGER PRIMARY KEY,
    guild_id           INTEGER NOT NULL,
    title              TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    title_key          TEXT    NOT NULL,  -- casefolded title, for duplicates and search
    season             INTEGER CHECK (season IS NULL OR season >= 0),
    network            TEXT,
    premiere_at        INTEGER NOT NULL,
    premiere_precision TEXT    NOT NULL CHECK (premiere_precision IN ('time', 'day', 'month', 'year')),
    premiere_timezone  TEXT    NOT NULL,
    added_by           INTEGER NOT NULL,
    added_at           INTEGER NOT NULL
);

-- A server tracks a title and season once. NULL seasons must collide too, hence IFNULL.
CREATE UNIQUE INDEX shows_unique_title_season ON shows (guild_id, title_key, IFNULL(season, -1));

CREATE INDEX shows_by_guild_premiere ON shows (guild_id, premiere_at);

CREATE TABLE bot_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
