-- The participant register (issue 14, item 2): people who came without being
-- on Discord (job seekers, seniors at a "Matinée"), typed by an animator. One
-- entry per person, many attendances. user_id links an entry to the Discord
-- member it turned out to be ('' until then). An erased entry keeps its row
-- (erased_at set, every personal column emptied) so the figures it was part
-- of stay right, as a forgotten member's visits do.
CREATE TABLE register_entries (
    id          INTEGER PRIMARY KEY,
    guild_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,              -- folded, for search and reuse
    town        TEXT NOT NULL DEFAULT '',   -- town or postcode, optional
    contact     TEXT NOT NULL DEFAULT '',   -- phone or e-mail, optional
    user_id     TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',   -- the animator (cleared by forgetting them)
    created_at  INTEGER NOT NULL,
    erased_at   INTEGER
);
CREATE INDEX register_entries_key ON register_entries(guild_id, name_key);
CREATE INDEX register_entries_user ON register_entries(guild_id, user_id) WHERE user_id <> '';

-- Who came: to an event (event_id) or to a space's day (event_id 0). day is
-- the local date, YYYY-MM-DD; at the instant the figures count it at (the
-- event's start, or noon that day). entry_id is NULL once retention has cut
-- the link to the person (each such row then counts as its own person).
CREATE TABLE register_attendance (
    id        INTEGER PRIMARY KEY,
    guild_id  TEXT NOT NULL,
    entry_id  INTEGER REFERENCES register_entries(id) ON DELETE CASCADE,
    event_id  INTEGER NOT NULL DEFAULT 0,
    space_id  INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    at        INTEGER NOT NULL,
    added_by  TEXT NOT NULL DEFAULT '',
    added_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX register_attendance_once ON register_attendance(entry_id, event_id, space_id, day);
CREATE INDEX register_attendance_at ON register_attendance(guild_id, at);
CREATE INDEX register_attendance_event ON register_attendance(event_id) WHERE event_id <> 0;

-- Optional fields the coordination defines for a funded action ("job seeker:
-- yes/no", an age band). purpose is shown to the person before they answer.
-- choices: allowed answers separated by '|' ('' = free text, kept short).
-- A removed field keeps its answers out of every figure and export.
CREATE TABLE register_fields (
    id          INTEGER PRIMARY KEY,
    guild_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    choices     TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    removed_at  INTEGER
);
CREATE UNIQUE INDEX register_fields_key ON register_fields(guild_id, name_key) WHERE removed_at IS NULL;

CREATE TABLE register_values (
    entry_id  INTEGER NOT NULL REFERENCES register_entries(id) ON DELETE CASCADE,
    field_id  INTEGER NOT NULL REFERENCES register_fields(id) ON DELETE CASCADE,
    value     TEXT NOT NULL,
    PRIMARY KEY (entry_id, field_id)
) WITHOUT ROWID;

-- A member's claim of a register entry: a short code they give an animator,
-- who confirms it with /register link. Expires; one per member.
CREATE TABLE register_claims (
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    code        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
CREATE UNIQUE INDEX register_claims_code ON register_claims(guild_id, code);

-- Event types (issue 14, item 4): the network's list, edited by the
-- coordination. A network without rows uses the defaults built into the bot;
-- its first change writes them here.
CREATE TABLE event_types (
    guild_id    TEXT NOT NULL,
    key         TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    name_fr     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    removed     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, key)
) WITHOUT ROWID;

-- The type of each occurrence (none: counted as "not set"). Kept beside
-- events rather than as a column so the events table stays another
-- helper's to change.
CREATE TABLE event_type_of (
    event_id  INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    type_key  TEXT NOT NULL
);

-- Co-organisers of a shared event, besides its own space and organiser: a
-- space (user_id '') or an animator (space_id 0). A shared event counts once
-- for the network and once for each co-organising space.
CREATE TABLE event_hosts (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    guild_id  TEXT NOT NULL,
    space_id  INTEGER NOT NULL DEFAULT 0,
    user_id   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, space_id, user_id)
) WITHOUT ROWID;
CREATE INDEX event_hosts_space ON event_hosts(space_id) WHERE space_id <> 0;
CREATE INDEX event_hosts_user ON event_hosts(guild_id, user_id) WHERE user_id <> '';
