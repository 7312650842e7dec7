-- Offer and need counts kept on each skill by triggers, so autocomplete and
-- /skill find read 5,000 skills instead of grouping 300,000 member entries.
ALTER TABLE skills ADD COLUMN offers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE skills ADD COLUMN seeks INTEGER NOT NULL DEFAULT 0;
UPDATE skills SET
    offers = (SELECT count(*) FROM member_skills ms WHERE ms.skill_id = skills.id AND ms.kind = 'offer'),
    seeks  = (SELECT count(*) FROM member_skills ms WHERE ms.skill_id = skills.id AND ms.kind = 'seek');
CREATE TRIGGER member_skills_counts_insert AFTER INSERT ON member_skills BEGIN
    UPDATE skills SET offers = offers + (NEW.kind = 'offer'), seeks = seeks + (NEW.kind = 'seek') WHERE id = NEW.skill_id;
END;
CREATE TRIGGER member_skills_counts_delete AFTER DELETE ON member_skills BEGIN
    UPDATE skills SET offers = offers - (OLD.kind = 'offer'), seeks = seeks - (OLD.kind = 'seek') WHERE id = OLD.skill_id;
END;
CREATE TRIGGER member_skills_counts_update AFTER UPDATE OF skill_id, kind ON member_skills BEGIN
    UPDATE skills SET offers = offers - (OLD.kind = 'offer'), seeks = seeks - (OLD.kind = 'seek') WHERE id = OLD.skill_id;
    UPDATE skills SET offers = offers + (NEW.kind = 'offer'), seeks = seeks + (NEW.kind = 'seek') WHERE id = NEW.skill_id;
END;
CREATE INDEX skills_guild ON skills(guild_id, key);
