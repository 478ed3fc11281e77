-- Schema step 14: the manager's portfolio, kept between program runs. Each row of
-- portfolio_entry is what the dashboard needs of one scored engagement (PortfolioEntry, encoded
-- by PortfolioStore); portfolio_state says up to which audit event the entries are current and
-- which scoring code and content library made them. Both are derived from the audited tables and
-- are not audited themselves: deleting them costs one slow load, nothing else.
CREATE TABLE portfolio_entry (
    engagement_id INTEGER PRIMARY KEY REFERENCES engagement (id),
    entry {{BLOB}} NOT NULL
);

CREATE TABLE portfolio_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    through_event_id INTEGER NOT NULL,
    through_hash TEXT NOT NULL,
    scorer TEXT NOT NULL
);
