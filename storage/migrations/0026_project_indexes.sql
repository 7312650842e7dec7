-- A project's stage history and offers by project: the weekly digest asks
-- each stage change whether it is the project's first stage (min(id) per
-- project), and deleting a project cascades to both tables. Without these,
-- each of those read the whole table: with 12,000 projects in a national
-- network the digest took 7 s, 94 % of it there.
CREATE INDEX project_stages_project ON project_stages(project_id);
CREATE INDEX project_offers_project ON project_offers(project_id);
