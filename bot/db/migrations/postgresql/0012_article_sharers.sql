-- Reason: the hourly limit on the articles a member shares in a server counts their own recent
-- posts (feed posts have no sharer): this finds them without reading the server's whole history.
-- PostgreSQL: the same schema as the SQLite file of this number, in its own words.

CREATE INDEX articles_by_sharer ON articles (guild_id, posted_by, posted_at) WHERE feed_id IS NULL;
