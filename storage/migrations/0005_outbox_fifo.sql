-- Per-target order of delivery: find an older pending item to the same target fast.
CREATE INDEX outbox_pending_target ON outbox(target, id) WHERE sent_at IS NULL AND failed_at IS NULL;
