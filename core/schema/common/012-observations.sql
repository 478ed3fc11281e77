-- Schema step 12: scanner imports. Each imported file is kept as evidence; every result in it
-- becomes one observation row, with the controls and questions the scanner mapping ties it to
-- (JSON arrays of ids). Answers proposed from observations wait in answer_proposal until the
-- assessor accepts or rejects them; at most one proposal per question is pending.
CREATE TABLE observation (
    id {{AUTO_ID}},
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    tool TEXT NOT NULL,
    tool_version TEXT NOT NULL DEFAULT '',
    check_id TEXT NOT NULL,
    normalised_check_id TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'review', 'info', 'not_applicable')),
    tool_status TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    remediation TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    collected_on TEXT NOT NULL,
    expires_on TEXT,
    controls TEXT NOT NULL DEFAULT '[]',
    questions TEXT NOT NULL DEFAULT '[]'
);

CREATE INDEX observation_by_engagement ON observation (engagement_id, evidence_id);

CREATE TABLE answer_proposal (
    id {{AUTO_ID}},
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    question_id TEXT NOT NULL,
    proposed_value TEXT NOT NULL,
    reason TEXT NOT NULL,
    observation_ids TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL DEFAULT ''
);

CREATE UNIQUE INDEX answer_proposal_one_pending ON answer_proposal (engagement_id, question_id) WHERE state = 'pending';
