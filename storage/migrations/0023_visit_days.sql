-- The weekly digest read every visit of the week (385,000 at national
-- scale) and built two temporary B-trees for its distinct people: 1.1 s.
-- visit_days sums the visits of each space and local day (its own zone's
-- midnight to midnight); visit_people holds each day's visitors, a user id
-- per visit (each preceded by char(31)), in chunks of at most about 128 so a
-- busy day's check-in rewrites a small row. Distinct people over a week
-- cannot be summed from daily counts: the digest takes the union of the
-- days' sets. Triggers on checkins keep both exact on every path that
-- writes a visit (check-in, check-out, correction, closing time, /privacy
-- forget, retention, a space deleted).
-- tiersbot_local_day(at, zone) is the Unix second of the local midnight
-- that starts at's day in zone (a Go function, storage/visitdays.go).
CREATE TABLE visit_days (
    space_id     INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    day          INTEGER NOT NULL,
    checkins     INTEGER NOT NULL DEFAULT 0,
    first_ever   INTEGER NOT NULL DEFAULT 0,
    cross_visits INTEGER NOT NULL DEFAULT 0,  -- by members whose home is another space
    stay_secs    INTEGER NOT NULL DEFAULT 0,  -- visits checked out, not at closing time
    stays        INTEGER NOT NULL DEFAULT 0,
    auto_outs    INTEGER NOT NULL DEFAULT 0,  -- checked out at closing time
    PRIMARY KEY (space_id, day)
) WITHOUT ROWID;
CREATE TABLE visit_people (
    space_id INTEGER NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    day      INTEGER NOT NULL,
    chunk    INTEGER NOT NULL,
    people   TEXT NOT NULL,
    PRIMARY KEY (space_id, day, chunk)
) WITHOUT ROWID;

INSERT INTO visit_days(space_id, day, checkins, first_ever, cross_visits, stay_secs, stays, auto_outs)
SELECT c.space_id, tiersbot_local_day(c.at, s.timezone) AS d, count(*), sum(c.first_ever),
    sum(c.home_space <> 0 AND c.home_space <> c.space_id), coalesce(sum(CASE WHEN c.out_reason <> 'closing' THEN c.out_at - c.at END), 0),
    count(CASE WHEN c.out_reason <> 'closing' THEN c.out_at END), count(CASE WHEN c.out_reason = 'closing' THEN 1 END)
FROM checkins c JOIN spaces s ON s.id = c.space_id
GROUP BY c.space_id, d;
INSERT INTO visit_people(space_id, day, chunk, people)
SELECT c.space_id, tiersbot_local_day(c.at, s.timezone) AS d, 0, group_concat(char(31) || c.user_id, '')
FROM checkins c JOIN spaces s ON s.id = c.space_id
GROUP BY c.space_id, d;

-- A visit counted in its day; its person goes to the chunk of the day's
-- visits before it / 128.
CREATE TRIGGER checkins_visit_days_insert AFTER INSERT ON checkins BEGIN
    INSERT INTO visit_days(space_id, day, checkins, first_ever, cross_visits, stay_secs, stays, auto_outs)
    VALUES (NEW.space_id, tiersbot_local_day(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)), 1, NEW.first_ever,
        NEW.home_space <> 0 AND NEW.home_space <> NEW.space_id,
        CASE WHEN NEW.out_reason <> 'closing' THEN coalesce(NEW.out_at - NEW.at, 0) ELSE 0 END,
        NEW.out_reason <> 'closing' AND NEW.out_at IS NOT NULL, NEW.out_reason = 'closing')
    ON CONFLICT(space_id, day) DO UPDATE SET checkins = checkins + 1, first_ever = first_ever + excluded.first_ever,
        cross_visits = cross_visits + excluded.cross_visits, stay_secs = stay_secs + excluded.stay_secs, stays = stays + excluded.stays,
        auto_outs = auto_outs + excluded.auto_outs;
    INSERT INTO visit_people(space_id, day, chunk, people)
    SELECT space_id, day, (checkins - 1) / 128, char(31) || NEW.user_id FROM visit_days
    WHERE space_id = NEW.space_id AND day = tiersbot_local_day(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id))
    ON CONFLICT(space_id, day, chunk) DO UPDATE SET people = people || excluded.people;
END;

-- A visit leaving its day (deleted, or moved to another space, time or
-- person): taken out of the day it was counted in, one occurrence of its
-- person with it.
CREATE TRIGGER checkins_visit_days_delete AFTER DELETE ON checkins BEGIN
    UPDATE visit_days SET checkins = checkins - 1, first_ever = first_ever - OLD.first_ever,
        cross_visits = cross_visits - (OLD.home_space <> 0 AND OLD.home_space <> OLD.space_id),
        stay_secs = stay_secs - CASE WHEN OLD.out_reason <> 'closing' THEN coalesce(OLD.out_at - OLD.at, 0) ELSE 0 END,
        stays = stays - (OLD.out_reason <> 'closing' AND OLD.out_at IS NOT NULL), auto_outs = auto_outs - (OLD.out_reason = 'closing')
    WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id));
    DELETE FROM visit_days WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND checkins = 0;
    UPDATE visit_people SET people = substr(people, 1, instr(people || char(31), char(31) || OLD.user_id || char(31)) - 1) || substr(people, instr(people || char(31), char(31) || OLD.user_id || char(31)) + 1 + length(OLD.user_id))
    WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND chunk = (SELECT chunk FROM visit_people
        WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND instr(people || char(31), char(31) || OLD.user_id || char(31)) > 0 LIMIT 1);
    DELETE FROM visit_people WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND people = '';
END;

CREATE TRIGGER checkins_visit_days_move AFTER UPDATE OF guild_id, space_id, user_id, at, first_ever, home_space ON checkins
WHEN OLD.space_id IS NOT NEW.space_id OR OLD.user_id IS NOT NEW.user_id OR OLD.at IS NOT NEW.at
    OR OLD.first_ever IS NOT NEW.first_ever OR OLD.home_space IS NOT NEW.home_space BEGIN
    UPDATE visit_days SET checkins = checkins - 1, first_ever = first_ever - OLD.first_ever,
        cross_visits = cross_visits - (OLD.home_space <> 0 AND OLD.home_space <> OLD.space_id),
        stay_secs = stay_secs - CASE WHEN OLD.out_reason <> 'closing' THEN coalesce(OLD.out_at - OLD.at, 0) ELSE 0 END,
        stays = stays - (OLD.out_reason <> 'closing' AND OLD.out_at IS NOT NULL), auto_outs = auto_outs - (OLD.out_reason = 'closing')
    WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id));
    DELETE FROM visit_days WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND checkins = 0;
    UPDATE visit_people SET people = substr(people, 1, instr(people || char(31), char(31) || OLD.user_id || char(31)) - 1) || substr(people, instr(people || char(31), char(31) || OLD.user_id || char(31)) + 1 + length(OLD.user_id))
    WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND chunk = (SELECT chunk FROM visit_people
        WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND instr(people || char(31), char(31) || OLD.user_id || char(31)) > 0 LIMIT 1);
    DELETE FROM visit_people WHERE space_id = OLD.space_id AND day = tiersbot_local_day(OLD.at, (SELECT timezone FROM spaces WHERE id = OLD.space_id)) AND people = '';
    INSERT INTO visit_days(space_id, day, checkins, first_ever, cross_visits, stay_secs, stays, auto_outs)
    VALUES (NEW.space_id, tiersbot_local_day(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id)), 1, NEW.first_ever,
        NEW.home_space <> 0 AND NEW.home_space <> NEW.space_id,
        CASE WHEN NEW.out_reason <> 'closing' THEN coalesce(NEW.out_at - NEW.at, 0) ELSE 0 END,
        NEW.out_reason <> 'closing' AND NEW.out_at IS NOT NULL, NEW.out_reason = 'closing')
    ON CONFLICT(space_id, day) DO UPDATE SET checkins = checkins + 1, first_ever = first_ever + excluded.first_ever,
        cross_visits = cross_visits + excluded.cross_visits, stay_secs = stay_secs + excluded.stay_secs, stays = stays + excluded.stays,
        auto_outs = auto_outs + excluded.auto_outs;
    INSERT INTO visit_people(space_id, day, chunk, people)
    SELECT space_id, day, (checkins - 1) / 128, char(31) || NEW.user_id FROM visit_days
    WHERE space_id = NEW.space_id AND day = tiersbot_local_day(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id))
    ON CONFLICT(space_id, day, chunk) DO UPDATE SET people = people || excluded.people;
END;

-- A check-out, a closing-time check-out or its correction: only the stays
-- change (the visit stays in its day; a move at the same time is the
-- trigger above's, which counts the whole visit again). visit_people, where
-- a busy day's rows are larger, is not rewritten.
CREATE TRIGGER checkins_visit_days_out AFTER UPDATE OF out_at, out_reason ON checkins
WHEN (OLD.out_at IS NOT NEW.out_at OR OLD.out_reason IS NOT NEW.out_reason)
    AND OLD.space_id IS NEW.space_id AND OLD.user_id IS NEW.user_id AND OLD.at IS NEW.at
    AND OLD.first_ever IS NEW.first_ever AND OLD.home_space IS NEW.home_space BEGIN
    UPDATE visit_days SET
        stay_secs = stay_secs - CASE WHEN OLD.out_reason <> 'closing' THEN coalesce(OLD.out_at - OLD.at, 0) ELSE 0 END
            + CASE WHEN NEW.out_reason <> 'closing' THEN coalesce(NEW.out_at - NEW.at, 0) ELSE 0 END,
        stays = stays - (OLD.out_reason <> 'closing' AND OLD.out_at IS NOT NULL) + (NEW.out_reason <> 'closing' AND NEW.out_at IS NOT NULL),
        auto_outs = auto_outs - (OLD.out_reason = 'closing') + (NEW.out_reason = 'closing')
    WHERE space_id = NEW.space_id AND day = tiersbot_local_day(NEW.at, (SELECT timezone FROM spaces WHERE id = NEW.space_id));
END;

-- A space moved to another zone: its days are counted again in the new one.
CREATE TRIGGER spaces_visit_days_zone AFTER UPDATE OF timezone ON spaces WHEN OLD.timezone IS NOT NEW.timezone BEGIN
    DELETE FROM visit_days WHERE space_id = NEW.id;
    DELETE FROM visit_people WHERE space_id = NEW.id;
    INSERT INTO visit_days(space_id, day, checkins, first_ever, cross_visits, stay_secs, stays, auto_outs)
    SELECT c.space_id, tiersbot_local_day(c.at, NEW.timezone) AS d, count(*), sum(c.first_ever),
        sum(c.home_space <> 0 AND c.home_space <> c.space_id), coalesce(sum(CASE WHEN c.out_reason <> 'closing' THEN c.out_at - c.at END), 0),
        count(CASE WHEN c.out_reason <> 'closing' THEN c.out_at END), count(CASE WHEN c.out_reason = 'closing' THEN 1 END)
    FROM checkins c WHERE c.space_id = NEW.id
    GROUP BY c.space_id, d;
    INSERT INTO visit_people(space_id, day, chunk, people)
    SELECT c.space_id, tiersbot_local_day(c.at, NEW.timezone) AS d, 0, group_concat(char(31) || c.user_id, '')
    FROM checkins c WHERE c.space_id = NEW.id
    GROUP BY c.space_id, d;
END;

-- The week's new offers and needs counted from the index alone (it read
-- each entry's row for its kind: a quarter of the digest's time).
CREATE INDEX member_skills_guild_created_kind ON member_skills(guild_id, created_at, kind);
DROP INDEX member_skills_guild_created;
