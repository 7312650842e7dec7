-- A version per network, bumped by every change to its skills (names,
-- counts): the bot keeps each network's skill list in memory for
-- autocomplete and checks this one row instead of reading 5,000 skills on
-- every keystroke.
CREATE TABLE skill_versions (
    guild_id TEXT PRIMARY KEY,
    version  INTEGER NOT NULL
);
CREATE TRIGGER skills_version_insert AFTER INSERT ON skills BEGIN
    INSERT OR IGNORE INTO skill_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE skill_versions SET version = version + 1 WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER skills_version_update AFTER UPDATE ON skills BEGIN
    INSERT OR IGNORE INTO skill_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE skill_versions SET version = version + 1 WHERE guild_id IN (OLD.guild_id, NEW.guild_id);
END;
CREATE TRIGGER skills_version_delete AFTER DELETE ON skills BEGIN
    UPDATE skill_versions SET version = version + 1 WHERE guild_id = OLD.guild_id;
END;
