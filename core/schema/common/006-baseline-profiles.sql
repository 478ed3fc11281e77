-- Schema step 6: baselines imported from OSCAL profiles (a firm's or a regulator's tailoring of
-- SP 800-53B), and the engagement's choice of one. An engagement without a profile uses the
-- built-in baseline its FIPS 199 level selects. control_ids is a JSON array of SP 800-53 ids in
-- display form, in the profile's order.
CREATE TABLE baseline_profile (
    name TEXT PRIMARY KEY CHECK (length(name) > 0),
    title TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    control_ids TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL
);

ALTER TABLE engagement ADD COLUMN baseline_profile TEXT REFERENCES baseline_profile (name);
