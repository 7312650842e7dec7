-- The weekly digest: each network's schedule, and each (network, week) posted once.
ALTER TABLE guilds ADD COLUMN digest_schedule TEXT NOT NULL DEFAULT '';
CREATE TABLE digests (
    guild_id    TEXT NOT NULL,
    week_start  TEXT NOT NULL,     -- Monday, YYYY-MM-DD, in the network's zone
    posted_at   INTEGER NOT NULL,
    late        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, week_start)
);
-- Also by DM to a coordinator, and a short summary in each space's channel where asked.
ALTER TABLE guilds ADD COLUMN digest_dm TEXT NOT NULL DEFAULT '';
ALTER TABLE spaces ADD COLUMN weekly_summary INTEGER NOT NULL DEFAULT 0;
