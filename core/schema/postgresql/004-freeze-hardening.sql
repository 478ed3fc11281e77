-- Schema step 4 (PostgreSQL): closes ways around the approval freeze that step 2 left open, as
-- the SQLite step does. A row may not be moved into an approved engagement (an update now checks
-- the new engagement too: the shared function changes for every table that uses it), an
-- approved engagement's questionnaire pins cannot be removed, stored questionnaire texts are
-- append-only, and the recorded end of the audit trail cannot be deleted.
CREATE OR REPLACE FUNCTION workspace_refuse_if_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (SELECT 1 FROM engagement WHERE id = NEW.engagement_id AND status = 'approved') THEN
            RAISE EXCEPTION 'engagement is approved and cannot be changed';
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF EXISTS (SELECT 1 FROM engagement WHERE id = OLD.engagement_id AND status = 'approved') THEN
            RAISE EXCEPTION 'engagement is approved and cannot be changed';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER engagement_questionnaire_frozen_delete BEFORE DELETE ON engagement_questionnaire
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER engagement_questionnaire_no_truncate BEFORE TRUNCATE ON engagement_questionnaire
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('questionnaire pins are removed one by one, so that the approval freeze can check each');

CREATE TRIGGER questionnaire_version_no_update BEFORE UPDATE ON questionnaire_version
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('stored questionnaire versions cannot be changed');

CREATE TRIGGER questionnaire_version_no_delete BEFORE DELETE ON questionnaire_version
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('stored questionnaire versions cannot be changed');

CREATE TRIGGER questionnaire_version_no_truncate BEFORE TRUNCATE ON questionnaire_version
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('stored questionnaire versions cannot be changed');

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('the audit trail is append-only');

CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('the audit trail is append-only');
