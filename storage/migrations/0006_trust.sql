-- Retention: check-in details older than this many months are anonymized nightly.
ALTER TABLE guilds ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 24;
-- The digest and the retention job read a network's check-ins by time.
CREATE INDEX checkins_guild_at ON checkins(guild_id, at);
CREATE INDEX intros_guild_created ON intros(guild_id, created_at);
CREATE INDEX events_guild_end ON events(guild_id, end_at);

-- Public calendar feeds: opt-in per space (space_id > 0) or for the whole
-- network (space_id = 0); the token is the only key, deleting it revokes.
CREATE TABLE calendar_feeds (
    token       TEXT PRIMARY KEY,
    guild_id    TEXT NOT NULL,
    space_id    INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (guild_id, space_id)
);
