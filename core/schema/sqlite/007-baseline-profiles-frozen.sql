-- Schema step 7 (SQLite): an imported baseline never changes or disappears, so an engagement
-- scored against it, approved or not, keeps the scope it was assessed in. A changed profile is
-- imported under a new name.
CREATE TRIGGER baseline_profile_no_update BEFORE UPDATE ON baseline_profile
BEGIN
    SELECT RAISE(ABORT, 'imported baselines cannot be changed; import the new version under another name');
END;

CREATE TRIGGER baseline_profile_no_delete BEFORE DELETE ON baseline_profile
BEGIN
    SELECT RAISE(ABORT, 'imported baselines cannot be changed; import the new version under another name');
END;
