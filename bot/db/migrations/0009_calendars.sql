-- Reason: each server's calendar (an iCal feed and a web page) behind a secret link, and what a
-- calendar app needs to follow a moved date: a sequence number that grows with every move.

CREATE TABLE calendars (
    guild_id      INTEGER PRIMARY KEY,
    secret        TEXT    NOT NULL,         -- in the links; compared in constant time
    secret_digest TEXT    NOT NULL UNIQUE,  -- sha256 of the secret: how a request finds its row
    guild_name    TEXT    NOT NULL,         -- the page's heading, as of the last /calendar link
    created_at    INTEGER NOT NULL
);

ALTER TABLE shows ADD COLUMN premiere_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tvmaze_episodes ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
-- TVmaze's poster for a linked show (its medium image), for the calendar page and embeds.
ALTER TABLE shows ADD COLUMN poster_url TEXT;
