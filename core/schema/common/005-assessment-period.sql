-- Schema step 5: the assessment period (fieldwork start and end dates, YYYY-MM-DD, or empty when
-- not yet known). Reports print it on the cover, and it tells repeat assessments of one system apart.
ALTER TABLE engagement ADD COLUMN period_start TEXT NOT NULL DEFAULT '';
ALTER TABLE engagement ADD COLUMN period_end TEXT NOT NULL DEFAULT '';
