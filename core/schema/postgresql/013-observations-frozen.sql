-- Schema step 13 (PostgreSQL): an approved engagement's observations and answer proposals are
-- frozen with the rest of it (as its evidence is, step 11), and an observation, being what a
-- scanner reported, is never edited afterwards.
CREATE TRIGGER observation_frozen_insert BEFORE INSERT ON observation
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER observation_frozen_delete BEFORE DELETE ON observation
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER observation_no_update BEFORE UPDATE ON observation
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('imported observations cannot be changed');

CREATE TRIGGER observation_no_truncate BEFORE TRUNCATE ON observation
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('observations are removed one by one, so that the approval freeze can check each');

CREATE TRIGGER answer_proposal_frozen_insert BEFORE INSERT ON answer_proposal
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER answer_proposal_frozen_update BEFORE UPDATE ON answer_proposal
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER answer_proposal_frozen_delete BEFORE DELETE ON answer_proposal
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER answer_proposal_no_truncate BEFORE TRUNCATE ON answer_proposal
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('answer proposals are removed one by one, so that the approval freeze can check each');
