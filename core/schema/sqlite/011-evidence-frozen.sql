-- Schema step 11 (SQLite): an approved engagement's evidence is frozen with the rest of it, and
-- stored evidence bytes never change or disappear while anything refers to them.
CREATE TRIGGER evidence_frozen_insert BEFORE INSERT ON evidence
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER evidence_frozen_update BEFORE UPDATE ON evidence
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
  OR (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER evidence_frozen_delete BEFORE DELETE ON evidence
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER evidence_blob_no_update BEFORE UPDATE ON evidence_blob
BEGIN
    SELECT RAISE(ABORT, 'stored evidence cannot be changed');
END;
