-- What the digest needs to know about each visit, fixed when it happens:
-- whether it was the member's first in the network, and their home space
-- then (their profile's, else where they first checked in). The weekly
-- figures then read one index instead of joining members and profiles for
-- each of a national week's 385,000 visits, and they survive /privacy forget
-- and retention unchanged.
ALTER TABLE checkins ADD COLUMN first_ever INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checkins ADD COLUMN home_space INTEGER NOT NULL DEFAULT 0;
UPDATE checkins SET first_ever = 1 WHERE id IN (
    SELECT (SELECT c.id FROM checkins c WHERE c.guild_id = m.guild_id AND c.user_id = m.user_id ORDER BY c.at, c.id LIMIT 1)
    FROM members m
    UNION ALL
    SELECT (SELECT c.id FROM checkins c WHERE c.guild_id = f.guild_id AND c.user_id = f.user_id ORDER BY c.at, c.id LIMIT 1)
    FROM (SELECT DISTINCT guild_id, user_id FROM checkins WHERE user_id LIKE 'forgotten-%') f
);
UPDATE checkins SET home_space = coalesce(
    (SELECT p.home_space_id FROM member_profiles p WHERE p.guild_id = checkins.guild_id AND p.user_id = checkins.user_id),
    (SELECT m.first_checkin_space FROM members m WHERE m.guild_id = checkins.guild_id AND m.user_id = checkins.user_id),
    (SELECT f.space_id FROM checkins f WHERE f.guild_id = checkins.guild_id AND f.user_id = checkins.user_id ORDER BY f.at, f.id LIMIT 1),
    0)
WHERE user_id NOT LIKE 'anon-%';
-- Covers every column the weekly and monthly figures read, per space and
-- time: no table lookups. It replaces checkins_space_at, its prefix.
CREATE INDEX checkins_space_visits ON checkins(space_id, at, user_id, out_at, first_ever, home_space);
DROP INDEX checkins_space_at;
-- The week's new offers and needs.
CREATE INDEX member_skills_guild_created ON member_skills(guild_id, created_at);
