-- Schema step 11 (PostgreSQL): an approved engagement's evidence is frozen with the rest of it,
-- and stored evidence bytes never change or disappear while anything refers to them.
CREATE TRIGGER evidence_frozen_insert BEFORE INSERT ON evidence
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER evidence_frozen_update BEFORE UPDATE ON evidence
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER evidence_frozen_delete BEFORE DELETE ON evidence
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('evidence is removed one by one, so that the approval freeze can check each');

CREATE TRIGGER evidence_blob_no_update BEFORE UPDATE ON evidence_blob
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('stored evidence cannot be changed');

CREATE TRIGGER evidence_blob_no_truncate BEFORE TRUNCATE ON evidence_blob
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('stored evidence cannot be changed');
