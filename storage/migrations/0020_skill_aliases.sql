-- Other spellings the coordination gives a skill ("compta" for
-- "Comptabilité"): typing one finds, offers and counts the skill itself.
CREATE TABLE skill_aliases (
    guild_id    TEXT NOT NULL,
    key         TEXT NOT NULL,      -- folded alias, as skills.key
    skill_id    INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, key)
);
CREATE INDEX skill_aliases_skill ON skill_aliases(skill_id);
