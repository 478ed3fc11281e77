-- Schema step 2 (SQLite): the database itself refuses changes to an approved engagement, and
-- keeps the audit trail append-only, so that a bug or another tool cannot bypass the rules
-- the application enforces. Statements end with ';' at the end of a line; trigger bodies run
-- from BEGIN to END;.
CREATE TRIGGER answer_frozen_insert BEFORE INSERT ON answer
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER answer_frozen_update BEFORE UPDATE ON answer
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER answer_frozen_delete BEFORE DELETE ON answer
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER risk_adjustment_frozen_insert BEFORE INSERT ON risk_adjustment
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER risk_adjustment_frozen_update BEFORE UPDATE ON risk_adjustment
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER risk_adjustment_frozen_delete BEFORE DELETE ON risk_adjustment
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER engagement_questionnaire_frozen_insert BEFORE INSERT ON engagement_questionnaire
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER engagement_questionnaire_frozen_update BEFORE UPDATE ON engagement_questionnaire
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

-- Leaving 'approved' (reopening) is the only change an approved engagement accepts.
CREATE TRIGGER engagement_frozen_update BEFORE UPDATE ON engagement
WHEN OLD.status = 'approved' AND NEW.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER engagement_frozen_delete BEFORE DELETE ON engagement
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
