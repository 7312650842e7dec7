-- Networks (one per Discord guild) and their settings.
CREATE TABLE guilds (
    guild_id          TEXT PRIMARY KEY,
    coordinator_role  TEXT NOT NULL DEFAULT '',
    digest_channel    TEXT NOT NULL DEFAULT '',
    announce_channel  TEXT NOT NULL DEFAULT '',
    lang              TEXT NOT NULL DEFAULT 'fr',
    timezone          TEXT NOT NULL DEFAULT 'Europe/Paris',
    funding_mention   TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL
);

CREATE TABLE spaces (
    id                 INTEGER PRIMARY KEY,
    guild_id           TEXT NOT NULL,
    name               TEXT NOT NULL,
    name_key           TEXT NOT NULL,
    town               TEXT NOT NULL,
    channel_id         TEXT NOT NULL DEFAULT '',
    animator_role      TEXT NOT NULL DEFAULT '',
    timezone           TEXT NOT NULL DEFAULT 'Europe/Paris',
    capacity           INTEGER NOT NULL DEFAULT 0,
    closes_at          INTEGER NOT NULL DEFAULT 0, -- minutes after local midnight; 0 = midnight
    announce_arrivals  INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    UNIQUE (guild_id, name_key)
);
CREATE INDEX spaces_channel ON spaces(guild_id, channel_id);

CREATE TABLE members (
    guild_id       TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    locale         TEXT NOT NULL DEFAULT '',
    last_space_id  INTEGER REFERENCES spaces(id) ON DELETE SET NULL,
    first_seen     INTEGER NOT NULL,
    last_seen      INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    guild_id    TEXT NOT NULL,
    space_id    INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    out_at      INTEGER,
    out_reason  TEXT NOT NULL DEFAULT ''  -- manual, moved, closing
);
-- A member is in at most one space of a network at a time.
CREATE UNIQUE INDEX checkins_open_member ON checkins(guild_id, user_id) WHERE out_at IS NULL;
CREATE INDEX checkins_open_space ON checkins(space_id) WHERE out_at IS NULL;
CREATE INDEX checkins_member_at ON checkins(guild_id, user_id, at);
CREATE INDEX checkins_space_at ON checkins(space_id, at);

-- Messages the bot posts on its own, written in the same transaction as the
-- change that causes them and delivered by a worker.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    guild_id         TEXT NOT NULL,
    kind             TEXT NOT NULL,          -- channel, dm, edit, ...
    target           TEXT NOT NULL,          -- channel id, user id, or ref
    payload          TEXT NOT NULL,          -- JSON, defined by the commands package
    dedup_key        TEXT UNIQUE,            -- optional: the same effect is queued once
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    sent_at          INTEGER,
    failed_at        INTEGER,
    result_id        TEXT NOT NULL DEFAULT ''  -- e.g. the posted message id
);
CREATE INDEX outbox_pending ON outbox(next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- Interactions already handled, so a replayed one is not applied twice.
CREATE TABLE interactions_seen (
    id  TEXT PRIMARY KEY,
    at  INTEGER NOT NULL
);

-- Small bits of state: command definition hashes, last job runs.
CREATE TABLE kv (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
