-- Schema step 13 (SQLite): an approved engagement's observations and answer proposals are frozen
-- with the rest of it (as its evidence is, step 11), and an observation, being what a scanner
-- reported, is never edited afterwards.
CREATE TRIGGER observation_frozen_insert BEFORE INSERT ON observation
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER observation_frozen_delete BEFORE DELETE ON observation
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER observation_no_update BEFORE UPDATE ON observation
BEGIN
    SELECT RAISE(ABORT, 'imported observations cannot be changed');
END;

CREATE TRIGGER answer_proposal_frozen_insert BEFORE INSERT ON answer_proposal
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER answer_proposal_frozen_update BEFORE UPDATE ON answer_proposal
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
  OR (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER answer_proposal_frozen_delete BEFORE DELETE ON answer_proposal
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;
