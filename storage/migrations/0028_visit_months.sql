-- The period report counted a national year's visitors from the daily
-- lists of visit_people: 20 million ids, each a person looked up, five
-- seconds. A month's people at a space are far fewer than its visits (a
-- member comes back most days), so they are kept too: visit_months counts
-- each space's distinct visitors per local month (its own zone's 1st at
-- midnight to the next 1st, as tiersbot_local_month and
-- tiersbot_next_month give them, storage/visitdays.go), and
-- visit_month_people lists them, each once, in chunks of at most about 32
-- like visit_people. A visit adds its person if they had no other visit
-- at that space that month, and taking a visit away removes them if it was
-- their last. Triggers keep both exact on every path that changes a visit,
-- as for visit_days.
CREATE TABLE visit_months (
    space_id INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    month    INTEGER NOT NULL,
    people   INTEGER NOT NULL,
    PRIMARY KEY (space_id, month)
) WITHOUT ROWID;
CREATE TABLE visit_month_people (
    space_id INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    month    INTEGER NOT NULL,
    chunk    INTEGER NOT NULL,
    people   TEXT NOT NULL,
    PRIMARY KEY (space_id, month, chunk)
) WITHOUT ROWID;

INSERT INTO visit_month_people(space_id, month, chunk, people)
SELECT space_id, m, 0, group_concat(char(31) || user_id, '') FROM (
    SELECT DISTINCT c.space_id, tiersbot_local_month(c.at, s.timezone) AS m, c.user_id FROM checkins c JOIN spaces s ON s.id = c.space_id)
GROUP BY space_id, m;
INSERT INTO visit_months(space_id, month, people) SELECT space_id, month, length(people) - length(replace(people, char(31), '')) FROM visit_month_people;

-- A visit brings its person into the month if it is their only one there.
CREATE TRIGGER checkins_visit_months_insert AFTER INSERT ON checkins
WHEN NOT EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = NEW.guild_id AND c.user_id = NEW.user_id AND c.space_id = NEW.space_id AND c.id <> NEW.id
        AND c.at >= tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)) AND c.at < tiersbot_next_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id))) BEGIN
    INSERT INTO visit_months(space_id, month, people) SELECT NEW.space_id, tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)), 1 WHERE true
    ON CONFLICT(space_id, month) DO UPDATE SET people = people + 1;
    INSERT INTO visit_month_people(space_id, month, chunk, people)
    SELECT space_id, month, (people - 1) / 32, char(31) || NEW.user_id FROM visit_months
    WHERE space_id = NEW.space_id AND month = tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id))
    ON CONFLICT(space_id, month, chunk) DO UPDATE SET people = people || excluded.people;
END;

-- A visit taken away takes its person out of the month if it was their last there.
CREATE TRIGGER checkins_visit_months_delete AFTER DELETE ON checkins
WHEN NOT EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = OLD.guild_id AND c.user_id = OLD.user_id AND c.space_id = OLD.space_id
        AND c.at >= tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND c.at < tiersbot_next_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id))) BEGIN
    UPDATE visit_months SET people = people - 1 WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id));
    DELETE FROM visit_months WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND people = 0;
    UPDATE visit_month_people SET people = substr(people, 1, instr(people || char(31), char(31) || OLD.user_id || char(31)) - 1) || substr(people, instr(people || char(31), char(31) || OLD.user_id || char(31)) + 1 + length(OLD.user_id))
    WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND chunk = (SELECT chunk FROM visit_month_people
        WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND instr(people || char(31), char(31) || OLD.user_id || char(31)) > 0 LIMIT 1);
    DELETE FROM visit_month_people WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND people = '';
END;

-- A visit moved to another space, person or month: out of the old month if
-- it was the person's last there, into the new one if it is their only one.
CREATE TRIGGER checkins_visit_months_move AFTER UPDATE OF guild_id, space_id, user_id, at ON checkins
WHEN OLD.space_id IS NOT NEW.space_id OR OLD.user_id IS NOT NEW.user_id OR OLD.guild_id IS NOT NEW.guild_id
    OR tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) IS NOT tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)) BEGIN
    UPDATE visit_months SET people = people - 1 WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = OLD.guild_id AND c.user_id = OLD.user_id AND c.space_id = OLD.space_id
        AND c.at >= tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND c.at < tiersbot_next_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)));
    DELETE FROM visit_months WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND people = 0;
    UPDATE visit_month_people SET people = substr(people, 1, instr(people || char(31), char(31) || OLD.user_id || char(31)) - 1) || substr(people, instr(people || char(31), char(31) || OLD.user_id || char(31)) + 1 + length(OLD.user_id))
    WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND chunk = (SELECT chunk FROM visit_month_people
        WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND instr(people || char(31), char(31) || OLD.user_id || char(31)) > 0 LIMIT 1) AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = OLD.guild_id AND c.user_id = OLD.user_id AND c.space_id = OLD.space_id
        AND c.at >= tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND c.at < tiersbot_next_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)));
    DELETE FROM visit_month_people WHERE space_id = OLD.space_id AND month = tiersbot_local_month(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND people = '';
    INSERT INTO visit_months(space_id, month, people) SELECT NEW.space_id, tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)), 1 WHERE true AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = NEW.guild_id AND c.user_id = NEW.user_id AND c.space_id = NEW.space_id AND c.id <> NEW.id
        AND c.at >= tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)) AND c.at < tiersbot_next_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)))
    ON CONFLICT(space_id, month) DO UPDATE SET people = people + 1;
    INSERT INTO visit_month_people(space_id, month, chunk, people)
    SELECT space_id, month, (people - 1) / 32, char(31) || NEW.user_id FROM visit_months
    WHERE space_id = NEW.space_id AND month = tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)) AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.guild_id = NEW.guild_id AND c.user_id = NEW.user_id AND c.space_id = NEW.space_id AND c.id <> NEW.id
        AND c.at >= tiersbot_local_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)) AND c.at < tiersbot_next_month(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)))
    ON CONFLICT(space_id, month, chunk) DO UPDATE SET people = people || excluded.people;
END;

-- A space moved to another zone: its months are counted again in the new one.
CREATE TRIGGER spaces_visit_months_zone AFTER UPDATE OF timezone ON spaces WHEN OLD.timezone IS NOT NEW.timezone BEGIN
    DELETE FROM visit_months WHERE space_id = NEW.id;
    DELETE FROM visit_month_people WHERE space_id = NEW.id;
    INSERT INTO visit_month_people(space_id, month, chunk, people)
    SELECT space_id, m, 0, group_concat(char(31) || user_id, '') FROM (
        SELECT DISTINCT c.space_id, tiersbot_local_month(c.at, NEW.timezone) AS m, c.user_id FROM checkins c WHERE c.space_id = NEW.id)
    GROUP BY space_id, m;
    INSERT INTO visit_months(space_id, month, people) SELECT space_id, month, length(people) - length(replace(people, char(31), '')) FROM visit_month_people WHERE space_id = NEW.id;
END;
