-- Schema step 9 (SQLite): an approved engagement's catalogue pins are frozen like its
-- questionnaire pins (steps 2 and 4), and stored catalogue texts are append-only.
CREATE TRIGGER engagement_catalogue_frozen_insert BEFORE INSERT ON engagement_catalogue
WHEN (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER engagement_catalogue_frozen_update BEFORE UPDATE ON engagement_catalogue
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
  OR (SELECT status FROM engagement WHERE id = NEW.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER engagement_catalogue_frozen_delete BEFORE DELETE ON engagement_catalogue
WHEN (SELECT status FROM engagement WHERE id = OLD.engagement_id) = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'engagement is approved and cannot be changed');
END;

CREATE TRIGGER catalogue_text_no_update BEFORE UPDATE ON catalogue_text
BEGIN
    SELECT RAISE(ABORT, 'stored catalogue texts cannot be changed');
END;

CREATE TRIGGER catalogue_text_no_delete BEFORE DELETE ON catalogue_text
BEGIN
    SELECT RAISE(ABORT, 'stored catalogue texts cannot be changed');
END;
