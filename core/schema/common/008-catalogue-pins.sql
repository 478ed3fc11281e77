-- Schema step 8: the risk, control and criteria catalogues an engagement is scored with are
-- pinned to it, as its questionnaires are (step 1), so an approved engagement scores and
-- reports the same after the built-in catalogues have moved on. Each text is stored once per
-- workspace; `position` keeps the load order (a user's risk file adds to the built-in one).
CREATE TABLE catalogue_text (
    id {{AUTO_ID}},
    kind TEXT NOT NULL CHECK (kind IN ('risks', 'controls', 'criteria')),
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    yaml_text TEXT NOT NULL,
    UNIQUE (kind, sha256)
);

CREATE TABLE engagement_catalogue (
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    catalogue_text_id INTEGER NOT NULL REFERENCES catalogue_text (id),
    PRIMARY KEY (engagement_id, position)
);
