-- Event autocomplete looks for a typed word in the titles of every
-- occurrence from 60 days back on: 11,000 of a national network's 40,000.
-- With the title, the start and the end in one index, the search reads the
-- index alone and fetches only the ten occurrences it shows (15 ms read
-- every row of the window before).
CREATE INDEX events_title_search ON events(guild_id, start_at, title_key, end_at);
