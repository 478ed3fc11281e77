-- Schema step 7 (PostgreSQL): an imported baseline never changes or disappears, so an engagement
-- scored against it, approved or not, keeps the scope it was assessed in. A changed profile is
-- imported under a new name.
CREATE TRIGGER baseline_profile_no_update BEFORE UPDATE ON baseline_profile
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('imported baselines cannot be changed; import the new version under another name');

CREATE TRIGGER baseline_profile_no_delete BEFORE DELETE ON baseline_profile
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('imported baselines cannot be changed; import the new version under another name');

CREATE TRIGGER baseline_profile_no_truncate BEFORE TRUNCATE ON baseline_profile
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('imported baselines cannot be changed; import the new version under another name');
