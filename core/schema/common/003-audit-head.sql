-- Schema step 3: the audit trail's last event is also recorded apart from the chain, so that
-- events removed from the end of the trail are detected (a chain alone cannot tell that it
-- has been cut short).
CREATE TABLE audit_head (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);

INSERT INTO audit_head (singleton, last_id, last_hash)
SELECT 1, id, hash FROM audit_event ORDER BY id DESC LIMIT 1;
