-- Schema step 1: the tables of a workspace. Portable SQL; {{AUTO_ID}} and {{APPLICATION_ID}}
-- are filled in by the SQL dialect (core/SqlDialect.cpp).
CREATE TABLE schema_version (
    version INTEGER NOT NULL
);

CREATE TABLE workspace_setting (
    setting_key TEXT PRIMARY KEY,
    setting_value TEXT NOT NULL
);

CREATE TABLE engagement (
    id {{AUTO_ID}},
    client TEXT NOT NULL CHECK (length(client) > 0),
    system_name TEXT NOT NULL CHECK (length(system_name) > 0),
    csp TEXT NOT NULL CHECK (length(csp) > 0),
    service_model TEXT NOT NULL CHECK (service_model IN ('iaas', 'paas', 'saas', 'caas')),
    architecture TEXT NOT NULL CHECK (architecture IN ('typical', 'hybrid')),
    infrastructure TEXT NOT NULL CHECK (infrastructure IN ('traditional', 'converged', 'hyperconverged')),
    impact TEXT NOT NULL CHECK (impact IN ('low', 'moderate', 'high')),
    baseline TEXT NOT NULL CHECK (baseline IN ('low', 'moderate', 'high')),
    assessor TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'approved')),
    approved_hash TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE questionnaire_version (
    id {{AUTO_ID}},
    questionnaire_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    yaml_text TEXT NOT NULL,
    UNIQUE (questionnaire_key, version, sha256)
);

CREATE TABLE engagement_questionnaire (
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    questionnaire_key TEXT NOT NULL,
    questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_version (id),
    PRIMARY KEY (engagement_id, questionnaire_key)
);

CREATE TABLE answer (
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    question_id TEXT NOT NULL,
    answer_value TEXT NOT NULL,
    implementation_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL DEFAULT '' CHECK (method IN ('', 'examine', 'interview', 'test')),
    interviewee TEXT NOT NULL DEFAULT '',
    answered_by TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision > 0),
    questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_version (id),
    PRIMARY KEY (engagement_id, question_id)
);

CREATE TABLE risk_adjustment (
    engagement_id INTEGER NOT NULL REFERENCES engagement (id),
    risk_id TEXT NOT NULL,
    likelihood TEXT CHECK (likelihood IN ('very_low', 'low', 'moderate', 'high', 'very_high')),
    impact TEXT CHECK (impact IN ('very_low', 'low', 'moderate', 'high', 'very_high')),
    rationale TEXT NOT NULL CHECK (length(rationale) > 0),
    adjusted_by TEXT NOT NULL,
    adjusted_at TEXT NOT NULL,
    PRIMARY KEY (engagement_id, risk_id)
);

-- The audit trail is a hash chain: ids are assigned by the writer, in order, so that each
-- event can hash its own id and its predecessor's hash.
CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    engagement_id INTEGER,
    actor TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    before_state TEXT,
    after_state TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE INDEX audit_event_by_engagement ON audit_event (engagement_id);
