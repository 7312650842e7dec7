-- Skills offered and sought across the network, profiles, introductions.
CREATE TABLE skills (
    id          INTEGER PRIMARY KEY,
    guild_id    TEXT NOT NULL,
    key         TEXT NOT NULL,      -- folded name
    display     TEXT NOT NULL,      -- first spelling
    created_at  INTEGER NOT NULL,
    UNIQUE (guild_id, key)
);

CREATE TABLE member_skills (
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    skill_id    INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,      -- offer, seek
    level       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, skill_id, kind)
);
CREATE INDEX member_skills_skill ON member_skills(skill_id, kind);

CREATE TABLE member_profiles (
    guild_id        TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    home_space_id   INTEGER REFERENCES spaces(id) ON DELETE SET NULL,
    bio             TEXT NOT NULL DEFAULT '',
    intros_off      INTEGER NOT NULL DEFAULT 0,
    weekly_matches  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE intros (
    id            INTEGER PRIMARY KEY,
    guild_id      TEXT NOT NULL,
    asker_id      TEXT NOT NULL,
    offerer_id    TEXT NOT NULL,
    skill_id      INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    note          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,    -- pending, accepted, declined
    created_at    INTEGER NOT NULL,
    answered_at   INTEGER,
    met_asker     INTEGER,          -- NULL unanswered, 1 yes, 0 not yet
    met_offerer   INTEGER
);
CREATE INDEX intros_asker ON intros(guild_id, asker_id, created_at);
CREATE INDEX intros_answered ON intros(status, answered_at);
