-- Closing times per weekday (issue: one closing time for the whole week, and
-- a space that set none closed at midnight). hours holds seven numbers, Sunday
-- first: minutes after local midnight, 1440 for midnight, -1 for a closed day;
-- '' means not set, and the bot then uses an evening default rather than
-- midnight. A closes_at of 0 meant both "midnight" and "not set"; it becomes
-- "not set". closes_at itself is no longer read.
ALTER TABLE spaces ADD COLUMN hours TEXT NOT NULL DEFAULT '';
UPDATE spaces SET hours = printf('%d,%d,%d,%d,%d,%d,%d', closes_at, closes_at, closes_at, closes_at, closes_at, closes_at, closes_at)
WHERE closes_at > 0;
-- Automatic check-outs at closing time are kept out of average stays (they
-- inflate them): the covering index of the weekly figures gains out_reason.
CREATE INDEX checkins_space_visits_reason ON checkins(space_id, at, user_id, out_at, first_ever, home_space, out_reason);
DROP INDEX checkins_space_visits;
