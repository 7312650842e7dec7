-- Members whose direct messages refused the bot (Discord: 403, code 50007).
-- No DM is attempted to them before retry_at, unless they use the bot again
-- after refused_at (members.last_seen): each refused attempt counts toward
-- the invalid requests Discord tolerates (10,000 in 10 minutes), and their
-- setting rarely changes by itself. Keyed by user: one bot, one setting.
CREATE TABLE closed_dms (
    user_id    TEXT PRIMARY KEY,
    refused_at INTEGER NOT NULL,
    retry_at   INTEGER NOT NULL
);

-- Occurrences holding a Discord scheduled event (or on their way to one):
-- counted at each top-up against Discord's 100 per server, among a whole
-- year of events.
CREATE INDEX events_scheduled ON events(guild_id, end_at) WHERE sched_outbox != 0;
