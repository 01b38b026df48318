-- Reason: every episode, not only premieres. A TVmaze-linked show says what its server
-- announces; TVmaze's episodes are kept once per TVmaze show (one request however many servers
-- follow it); an episode post is a reminder of its own kind, so it goes through the same plan
-- and delivery ledger (and nonces) as every other post.
-- PostgreSQL: the same schema as the SQLite file of this number, in its own words.

ALTER TABLE shows ADD COLUMN announce TEXT NOT NULL DEFAULT 'premieres'
    CHECK (announce IN ('premieres', 'finales', 'episodes'));

ALTER TABLE guild_settings ADD COLUMN episode_delay_seconds BIGINT NOT NULL DEFAULT 0;
ALTER TABLE guild_settings ADD COLUMN episode_names_hidden BIGINT NOT NULL DEFAULT 0;

ALTER TABLE subscriptions ADD COLUMN episodes BIGINT NOT NULL DEFAULT 0;

CREATE TABLE tvmaze_episodes (
    tvmaze_show_id BIGINT NOT NULL,
    episode_id     BIGINT NOT NULL,
    season         BIGINT NOT NULL,
    number         BIGINT NOT NULL,
    name           TEXT   NOT NULL,
    airs_at        BIGINT NOT NULL,
    has_time       BIGINT NOT NULL,
    finale         TEXT CHECK (finale IS NULL OR finale IN ('season', 'series')),
    PRIMARY KEY (tvmaze_show_id, episode_id)
);

CREATE INDEX tvmaze_episodes_by_season ON tvmaze_episodes (tvmaze_show_id, season, airs_at);

ALTER TABLE reminders DROP CONSTRAINT reminders_kind_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_kind_check
    CHECK (kind IN ('countdown', 'moved', 'episode'));
