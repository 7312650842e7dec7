-- The router's role check asks "does this member's role animate a space?" on
-- every animator command: an index keeps it one probe at national scale.
CREATE INDEX IF NOT EXISTS spaces_animator_role ON spaces(guild_id, animator_role) WHERE animator_role != '';
