-- Projects: from an idea to a prototype. A project has a holder, a home
-- space, sought skills, people around it (members, accompanying
-- animators, followers) and a dated history of stages.
CREATE TABLE projects (
    id             INTEGER PRIMARY KEY,
    guild_id       TEXT NOT NULL,
    space_id       INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    holder_id      TEXT NOT NULL,                -- '' once archived without a holder
    title          TEXT NOT NULL,
    title_key      TEXT NOT NULL,                -- folded, for search
    pitch          TEXT NOT NULL DEFAULT '',
    needs          TEXT NOT NULL DEFAULT '',     -- what is needed, as typed
    stage          TEXT NOT NULL,                -- idea, prototype, launched, finished, paused, dropped
    stage_at       INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    archived_at    INTEGER,                      -- its holder was forgotten and nobody took it on
    post_space     INTEGER NOT NULL DEFAULT 0,   -- outbox id of the card in the space's channel
    post_network   INTEGER NOT NULL DEFAULT 0,   -- outbox id of the card in the announcements channel
    thread_outbox  INTEGER NOT NULL DEFAULT 0    -- outbox id of the thread started on the card
);
CREATE INDEX projects_guild ON projects(guild_id, created_at);

CREATE TABLE project_skills (
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX project_skills_skill ON project_skills(skill_id);

-- role: member (accepted help), animator (accompanies it), follower.
CREATE TABLE project_people (
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    role        TEXT NOT NULL,
    since       INTEGER NOT NULL,
    PRIMARY KEY (project_id, role, user_id)
) WITHOUT ROWID;
CREATE INDEX project_people_user ON project_people(guild_id, user_id);

-- Every stage a project reached, dated (its first, idea, included).
CREATE TABLE project_stages (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    stage       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    by_id       TEXT NOT NULL
);
CREATE INDEX project_stages_at ON project_stages(guild_id, at);

-- "I can help": asked of the holder, who accepts or declines.
CREATE TABLE project_offers (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    guild_id     TEXT NOT NULL,
    helper_id    TEXT NOT NULL,
    status       TEXT NOT NULL,                  -- pending, accepted, declined, closed
    created_at   INTEGER NOT NULL,
    answered_at  INTEGER
);
CREATE INDEX project_offers_helper ON project_offers(guild_id, helper_id);

-- The holder's news, posted in the card's thread.
CREATE TABLE project_updates (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    author_id   TEXT NOT NULL,
    body        TEXT NOT NULL,
    image_url   TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
CREATE INDEX project_updates_project ON project_updates(project_id, at);

-- What an accompanying animator did: a line and a day.
CREATE TABLE project_notes (
    id           INTEGER PRIMARY KEY,
    project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    guild_id     TEXT NOT NULL,
    animator_id  TEXT NOT NULL,
    note         TEXT NOT NULL,
    day          INTEGER NOT NULL,               -- noon of the day, Unix seconds
    created_at   INTEGER NOT NULL
);
CREATE INDEX project_notes_day ON project_notes(guild_id, day);

-- An event can belong to a project (a hackathon for it, a build session).
ALTER TABLE events ADD COLUMN project_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_project ON events(project_id) WHERE project_id != 0;
