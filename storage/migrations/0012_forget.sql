-- Who each outbox message is about, so forgetting a member finds every
-- message that names them without reading payloads: 'to' a DM sent to
-- them, 'names' a message that names them (their name, note or mention),
-- 'notice' a message that would warn them if Discord refused it.
CREATE TABLE outbox_about (
    guild_id   TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    outbox_id  INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    how        TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id, outbox_id)
) WITHOUT ROWID;
CREATE INDEX outbox_about_outbox ON outbox_about(outbox_id);
-- Retention scrubs each network's old outbox rows by age.
CREATE INDEX outbox_guild_created ON outbox(guild_id, created_at);
-- Events no longer keep their organiser's name: they show the space's team.
UPDATE events SET organizer_name = '';
