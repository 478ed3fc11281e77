-- Schema step 4 (SQLite): closes ways around the approval freeze that step 2 left open. A row
-- may not be moved into an approved engagement (the UPDATE triggers now look at the new
-- engagement too), an approved engagement's questionnaire pins cannot be removed, stored
-- questionnaire texts are append-only, and the recorded end of the audit trail cannot be
-- deleted.
DROP TRIGGER answer_frozen_update;
CREATE TRIGGER answer_frozen_update BEFORE UPDATE ON answer
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
  OR (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

DROP TRIGGER risk_adjustment_frozen_update;
CREATE TRIGGER risk_adjustment_frozen_update BEFORE UPDATE ON risk_adjustment
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
  OR (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

DROP TRIGGER engagement_questionnaire_frozen_update;
CREATE TRIGGER engagement_questionnaire_frozen_update BEFORE UPDATE ON engagement_questionnaire
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
  OR (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER engagement_questionnaire_frozen_delete BEFORE DELETE ON engagement_questionnaire
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER questionnaire_version_no_update BEFORE UPDATE ON questionnaire_version
BEGIN
    SELECT RAISE(ABORT, 'stored questionnaire versions cannot be changed');
END;

CREATE TRIGGER questionnaire_version_no_delete BEFORE DELETE ON questionnaire_version
BEGIN
    SELECT RAISE(ABORT, 'stored questionnaire versions cannot be changed');
END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
