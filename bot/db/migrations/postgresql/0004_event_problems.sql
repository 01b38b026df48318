-- Reason: a premiere's Discord event is made in the background, so a failure (no Manage Events,
-- PostgreSQL: the same schema as the SQLite file of this number, in its own words.
-- Discord refusing) never reaches the member who ran the command. It is written down here
-- instead, one row per show (the latest), for /status; a later success clears it.

CREATE TABLE event_problems (
    show_id  BIGINT PRIMARY KEY,
    guild_id BIGINT NOT NULL,
    label    TEXT    NOT NULL,  -- the show's name at the time: the show may be gone since
    problem  TEXT    NOT NULL,
    at       BIGINT NOT NULL
);

CREATE INDEX event_problems_by_guild ON event_problems (guild_id, at);
