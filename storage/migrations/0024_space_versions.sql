-- A version per network, bumped by every change to its spaces: the bot
-- keeps each network's space list in memory (autocomplete, names in
-- answers) and checks this one row instead of reading 3,500 spaces on each
-- request, which was most of a national skill find (20 ms). Triggers, so
-- no write path can forget to bump it.
CREATE TABLE space_versions (
    guild_id TEXT PRIMARY KEY,
    version  INTEGER NOT NULL
);
CREATE TRIGGER spaces_version_insert AFTER INSERT ON spaces BEGIN
    INSERT OR IGNORE INTO space_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE space_versions SET version = version + 1 WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER spaces_version_update AFTER UPDATE ON spaces BEGIN
    INSERT OR IGNORE INTO space_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE space_versions SET version = version + 1 WHERE guild_id IN (OLD.guild_id, NEW.guild_id);
END;
CREATE TRIGGER spaces_version_delete AFTER DELETE ON spaces BEGIN
    UPDATE space_versions SET version = version + 1 WHERE guild_id = OLD.guild_id;
END;
