-- Reason: work that belongs to no server (the TVmaze refresh) runs in one process of the bot at
-- a time; that process holds a lease here, renews it while it lives, and another takes it over
-- once it lapses.
-- PostgreSQL: the same schema as the SQLite file of this number, in its own words.

CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT   NOT NULL,  -- the process: its host, its pid and a random part
    expires_at BIGINT NOT NULL   -- epoch seconds; from then on any process may take the lease
);
