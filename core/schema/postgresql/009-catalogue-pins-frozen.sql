-- Schema step 9 (PostgreSQL): an approved engagement's catalogue pins are frozen like its
-- questionnaire pins (steps 2 and 4), and stored catalogue texts are append-only.
CREATE TRIGGER engagement_catalogue_frozen_insert BEFORE INSERT ON engagement_catalogue
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER engagement_catalogue_frozen_update BEFORE UPDATE ON engagement_catalogue
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER engagement_catalogue_frozen_delete BEFORE DELETE ON engagement_catalogue
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER engagement_catalogue_no_truncate BEFORE TRUNCATE ON engagement_catalogue
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('catalogue pins are removed one by one, so that the approval freeze can check each');

CREATE TRIGGER catalogue_text_no_update BEFORE UPDATE ON catalogue_text
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('stored catalogue texts cannot be changed');

CREATE TRIGGER catalogue_text_no_delete BEFORE DELETE ON catalogue_text
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('stored catalogue texts cannot be changed');

CREATE TRIGGER catalogue_text_no_truncate BEFORE TRUNCATE ON catalogue_text
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('stored catalogue texts cannot be changed');
