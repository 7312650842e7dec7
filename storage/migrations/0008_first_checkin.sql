-- Each member's first check-in (time and space), kept on the member so the
-- digest's "new people" and home space need no search through all check-ins.
ALTER TABLE members ADD COLUMN first_checkin_at INTEGER;
ALTER TABLE members ADD COLUMN first_checkin_space INTEGER;
UPDATE members SET
    first_checkin_at = (SELECT c.at FROM checkins c WHERE c.guild_id = members.guild_id AND c.user_id = members.user_id ORDER BY c.at, c.id LIMIT 1),
    first_checkin_space = (SELECT c.space_id FROM checkins c WHERE c.guild_id = members.guild_id AND c.user_id = members.user_id ORDER BY c.at, c.id LIMIT 1);
