-- Events: a series (one event, or a repeating one) and its occurrences, each
-- with its own RSVPs, announcements and Discord scheduled event.
CREATE TABLE event_series (
    id            INTEGER PRIMARY KEY,
    guild_id      TEXT NOT NULL,
    space_id      INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    repeat        TEXT NOT NULL DEFAULT '',   -- '', weekly, every-2-weeks, monthly
    organizer_id  TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    guild_id        TEXT NOT NULL,
    series_id       INTEGER NOT NULL REFERENCES event_series(id) ON DELETE CASCADE,
    space_id        INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    title_key       TEXT NOT NULL,                -- folded, for search
    description     TEXT NOT NULL DEFAULT '',
    organizer_id    TEXT NOT NULL,
    organizer_name  TEXT NOT NULL,
    start_at        INTEGER NOT NULL,
    end_at          INTEGER NOT NULL,
    capacity        INTEGER NOT NULL DEFAULT 0,   -- 0 = no limit
    cancelled_at    INTEGER,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    post_space      INTEGER NOT NULL DEFAULT 0,   -- outbox id of the announcement in the space's channel
    post_network    INTEGER NOT NULL DEFAULT 0,   -- outbox id of the one in the announcements channel
    sched_outbox    INTEGER NOT NULL DEFAULT 0,   -- outbox id of the Discord scheduled event's creation
    walkins         INTEGER NOT NULL DEFAULT 0,
    attendance_at   INTEGER                       -- when an animator confirmed who came
);
CREATE INDEX events_start ON events(guild_id, start_at);
CREATE INDEX events_space_start ON events(space_id, start_at);
CREATE INDEX events_series ON events(series_id);

CREATE TABLE rsvps (
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    guild_id     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    status       TEXT NOT NULL,       -- going, maybe, no, waitlist
    since        INTEGER NOT NULL,    -- when this status was chosen (waitlist order)
    attended     INTEGER,             -- NULL: not confirmed; 1 came; 0 did not
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX rsvps_user ON rsvps(guild_id, user_id);

-- Per-member preferences (reminders; other features add columns).
CREATE TABLE member_settings (
    guild_id       TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    reminders_off  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
);
