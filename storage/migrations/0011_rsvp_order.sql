-- Arrival order of answers. `since` is in whole seconds, so clicks within
-- the same second tied and the waitlist order (who gets the freed seat,
-- which position each is told) was undefined. seq is a per-event counter
-- taken when an answer's status changes: strictly increasing, never tied.
ALTER TABLE rsvps ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE rsvps SET seq = o.n FROM (
    SELECT rowid AS rid, row_number() OVER (PARTITION BY event_id ORDER BY since, rowid) AS n FROM rsvps
) AS o WHERE rsvps.rowid = o.rid;
