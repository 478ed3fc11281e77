-- Schema step 2 (PostgreSQL): the database itself refuses changes to an approved engagement, and
-- keeps the audit trail append-only, as the SQLite triggers of this step do. The checks are
-- plpgsql functions shared by the triggers; a function body runs from $$ to $$. TRUNCATE skips
-- row triggers, so each guarded table also refuses TRUNCATE (SQLite has no TRUNCATE).
-- Keep the word for the text type in lower case in these files: SqlDialect::expand() gives
-- every upper-case one a collation, which a function signature would not accept.
CREATE FUNCTION workspace_refuse_if_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF EXISTS (SELECT 1 FROM engagement WHERE id = NEW.engagement_id AND status = 'approved') THEN
            RAISE EXCEPTION 'engagement is approved and cannot be changed';
        END IF;
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM engagement WHERE id = OLD.engagement_id AND status = 'approved') THEN
        RAISE EXCEPTION 'engagement is approved and cannot be changed';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- Leaving 'approved' (reopening) is the only change an approved engagement accepts.
CREATE FUNCTION workspace_engagement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'approved' THEN
            RAISE EXCEPTION 'engagement is approved and cannot be changed';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'approved' AND NEW.status = 'approved' THEN
        RAISE EXCEPTION 'engagement is approved and cannot be changed';
    END IF;
    RETURN NEW;
END;
$$;

-- Refuses the change outright, with the trigger's first argument as the message.
CREATE FUNCTION workspace_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TRIGGER answer_frozen_insert BEFORE INSERT ON answer
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER answer_frozen_update BEFORE UPDATE ON answer
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER answer_frozen_delete BEFORE DELETE ON answer
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER answer_no_truncate BEFORE TRUNCATE ON answer
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('answers are removed one by one, so that the approval freeze can check each');

CREATE TRIGGER risk_adjustment_frozen_insert BEFORE INSERT ON risk_adjustment
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER risk_adjustment_frozen_update BEFORE UPDATE ON risk_adjustment
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER risk_adjustment_frozen_delete BEFORE DELETE ON risk_adjustment
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER risk_adjustment_no_truncate BEFORE TRUNCATE ON risk_adjustment
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('risk overrides are removed one by one, so that the approval freeze can check each');

CREATE TRIGGER engagement_questionnaire_frozen_insert BEFORE INSERT ON engagement_questionnaire
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER engagement_questionnaire_frozen_update BEFORE UPDATE ON engagement_questionnaire
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_if_approved();

CREATE TRIGGER engagement_frozen_update BEFORE UPDATE ON engagement
FOR EACH ROW EXECUTE FUNCTION workspace_engagement_frozen();

CREATE TRIGGER engagement_frozen_delete BEFORE DELETE ON engagement
FOR EACH ROW EXECUTE FUNCTION workspace_engagement_frozen();

CREATE TRIGGER engagement_no_truncate BEFORE TRUNCATE ON engagement
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('engagements are removed one by one, so that the approval freeze can check each');

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('the audit trail is append-only');

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
FOR EACH ROW EXECUTE FUNCTION workspace_refuse_change('the audit trail is append-only');

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
FOR EACH STATEMENT EXECUTE FUNCTION workspace_refuse_change('the audit trail is append-only');
