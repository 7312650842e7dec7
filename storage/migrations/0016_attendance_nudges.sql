-- Held events whose attendance nobody recorded yet, by end: the "who came?"
-- job reads those ended in the last two days, across every network, every
-- few minutes. Partial, so it holds only the few events awaiting attendance.
CREATE INDEX events_unrecorded_end ON events(end_at) WHERE attendance_at IS NULL AND cancelled_at IS NULL;
