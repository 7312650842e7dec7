-- The period report reads a national year of presences in the register
-- (400,000) and of answers to events (480,000). Through indexes that held
-- only their keys, each row cost a seek into its table: 7 µs a presence,
-- three of the report's seconds. These hold what the report reads, so it
-- reads them alone, in order. register_attendance_at is the new index's
-- beginning.
CREATE INDEX register_attendance_period ON register_attendance(guild_id, at, entry_id, event_id, space_id);
DROP INDEX register_attendance_at;
CREATE INDEX rsvps_event_answers ON rsvps(event_id, status, attended, user_id);
