-- Schema step 10: evidence files attached to engagements, questions or controls. The bytes are
-- stored once per workspace under their SHA-256 (the same file attached twice is kept once);
-- each attachment records who added it, when it was collected and when it expires.
CREATE TABLE evidence_blob (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size >= 0),
    content {{BLOB}} NOT NULL
);

CREATE TABLE evidence (
    id {{AUTO_ID}},
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    sha256 TEXT NOT NULL REFERENCES evidence_blob (sha256),
    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    question_id TEXT NOT NULL DEFAULT '',
    control_id TEXT NOT NULL DEFAULT '',
    collected_on TEXT NOT NULL,
    expires_on TEXT,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (engagement_id, sha256, question_id, control_id)
);
