-- A version per network, bumped by every change to what its public calendar
-- feeds show (events, spaces; a network's language, which only names the
-- network feed, shows within feedFreshFor): the bot keeps each
-- rendered feed in memory and checks this one row instead of rebuilding
-- thousands of events on every request. Triggers, so no write path (a
-- command, retention, forgetting someone) can forget to bump it.
CREATE TABLE feed_versions (
    guild_id TEXT PRIMARY KEY,
    version  INTEGER NOT NULL
);
CREATE TRIGGER events_feed_insert AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO feed_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE feed_versions SET version = version + 1 WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER events_feed_update AFTER UPDATE ON events BEGIN
    INSERT OR IGNORE INTO feed_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE feed_versions SET version = version + 1 WHERE guild_id IN (OLD.guild_id, NEW.guild_id);
END;
CREATE TRIGGER events_feed_delete AFTER DELETE ON events BEGIN
    UPDATE feed_versions SET version = version + 1 WHERE guild_id = OLD.guild_id;
END;
CREATE TRIGGER spaces_feed_insert AFTER INSERT ON spaces BEGIN
    INSERT OR IGNORE INTO feed_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE feed_versions SET version = version + 1 WHERE guild_id = NEW.guild_id;
END;
CREATE TRIGGER spaces_feed_update AFTER UPDATE ON spaces BEGIN
    INSERT OR IGNORE INTO feed_versions(guild_id, version) VALUES (NEW.guild_id, 0);
    UPDATE feed_versions SET version = version + 1 WHERE guild_id IN (OLD.guild_id, NEW.guild_id);
END;
CREATE TRIGGER spaces_feed_delete AFTER DELETE ON spaces BEGIN
    UPDATE feed_versions SET version = version + 1 WHERE guild_id = OLD.guild_id;
END;
