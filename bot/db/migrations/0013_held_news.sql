-- Reason: quiet hours hold every direct message, feed news too: a story due to be sent to a
-- member in their quiet hours is kept here, as the message it would have been, until they end.

CREATE TABLE held_news (
    id         INTEGER PRIMARY KEY,  -- the first of a batch names its nonce
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    embed      TEXT    NOT NULL,     -- the DM's embed, in Discord's JSON
    held_until INTEGER NOT NULL,
    UNIQUE (guild_id, user_id, article_id)
);

CREATE INDEX held_news_due ON held_news (held_until);
