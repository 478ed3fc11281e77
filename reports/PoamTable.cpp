#include "PoamTable.h"

#include "SecurityAssessmentReport.h"
#include "StoredEngagement.h"

#include <QHash>
#include <QSet>

namespace bulkhead {

namespace {

QString isoDate(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QString period(const Engagement &e)
{
    if (!e.periodStart.isValid() && !e.periodEnd.isValid())
        return QStringLiteral("period not recorded");
    const auto show = [](const QDate &d) { return d.isValid() ? d.toString(Qt::ISODate) : QStringLiteral("not recorded"); };
    return QStringLiteral("%1 to %2").arg(show(e.periodStart), show(e.periodEnd));
}

// "open" -> "Open", "risk_accepted" -> "Risk accepted": the spelling a reader expects in a cell.
QString statusLabel(const QString &key)
{
    QString label = key;
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!label.isEmpty())
        label[0] = label.at(0).toUpper();
    return label;
}

bool isGap(const Answer &a)
{
    return a.status == ImplementationStatus::Partial || a.status == ImplementationStatus::NotImplemented;
}

class PoamTableBuilder {
public:
    explicit PoamTableBuilder(const ReportInput &input) : m_in(input), m_stored(*input.engagement), m_card(m_stored.card)
    {
        for (const auto &a : m_stored.answers)
            m_answers.insert(a.questionId, &a);
        for (const auto &r : m_card.risks)
            m_risks.insert(r.id, &r);
        for (const auto &c : m_card.controls)
            m_controls.insert(c.id, &c);
    }

    PoamTable build()
    {
        const Engagement &e = m_stored.engagement;
        PoamTable table;
        table.header = {QStringLiteral("POA&M ID"),
                        QStringLiteral("Controls"),
                        QStringLiteral("Weakness Name"),
                        QStringLiteral("Weakness Description"),
                        QStringLiteral("Weakness Source"),
                        QStringLiteral("Asset Identifier"),
                        QStringLiteral("Point of Contact"),
                        QStringLiteral("Original Detection Date"),
                        QStringLiteral("Scheduled Completion Date"),
                        QStringLiteral("Planned Milestones"),
                        QStringLiteral("Status"),
                        QStringLiteral("Original Risk Rating"),
                        QStringLiteral("Adjusted Risk Rating"),
                        QStringLiteral("Comments")};
        table.title = QStringLiteral("Plan of action and milestones: %1 — %2").arg(e.client, e.system);
        table.provenance = QStringLiteral("Scoring rules %1; engagement content SHA-256 %2.").arg(m_card.scoringRules, m_in.contentHash);
        table.generatedAt = m_in.generatedAt;
        const QString source = QStringLiteral("Bulkhead assessment, %1 — %2, %3").arg(e.client, e.system, period(e));
        for (const auto &p : m_card.poam) {
            const Rating rating = p.source == QLatin1String("risk") ? riskItemRating(p) : controlItemRating(p);
            QStringList row(poam_column::Count);
            row[poam_column::Id] = p.id;
            row[poam_column::Controls] = p.controls.join(QStringLiteral(", "));
            row[poam_column::WeaknessName] = p.title;
            row[poam_column::WeaknessDescription] = description(p);
            row[poam_column::WeaknessSource] = source;
            row[poam_column::AssetIdentifier] = e.system;
            row[poam_column::PointOfContact] = p.owner;
            row[poam_column::DetectionDate] = isoDate(p.detected);
            row[poam_column::CompletionDate] = isoDate(p.due);
            row[poam_column::Milestones] = p.milestones.join(QLatin1Char('\n'));
            row[poam_column::Status] = statusLabel(p.status);
            row[poam_column::OriginalRisk] = levelLabel(rating.original);
            row[poam_column::AdjustedRisk] = levelLabel(rating.adjusted);
            row[poam_column::Comments] = rating.comment;
            table.rows.append(std::move(row));
        }
        return table;
    }

private:
    struct Rating {
        Level original = Level::Moderate;
        Level adjusted = Level::Moderate;
        QString comment; // why the two differ, or that an override was reviewed; empty otherwise
    };

    // A risk item: the rating before mitigation, and the residual one after mitigation and any
    // assessor override.
    Rating riskItemRating(const PoamItem &p) const
    {
        const RiskRating *r = m_risks.value(p.sourceId);
        if (!r)
            return {p.level, p.level, {}};
        Rating rating {r->inherentLevel, r->level, {}};
        if (rating.original != rating.adjusted)
            rating.comment = QStringLiteral("Adjusted from %1 to %2: %3.")
                                 .arg(levelLabel(rating.original), levelLabel(rating.adjusted), r->reasons.join(QStringLiteral("; ")));
        else if (r->overridden)
            rating.comment = QStringLiteral("Kept at %1 after an assessor override: %2.")
                                 .arg(levelLabel(rating.adjusted), r->reasons.join(QStringLiteral("; ")));
        return rating;
    }

    // A control item takes the highest residual level of the risks its gaps leave open, so it is
    // adjusted only when the assessor overrode one of those risks.
    Rating controlItemRating(const PoamItem &p)
    {
        QList<const RiskRating *> overridden;
        if (const ControlResult *c = m_controls.value(p.sourceId)) {
            for (const auto &qid : gapQuestions(*c)) {
                const Question *q = m_stored.content.question(qid);
                for (auto it = q->mitigates.cbegin(); it != q->mitigates.cend(); ++it) {
                    const RiskRating *r = m_risks.value(it.key());
                    if (r && r->overridden && !overridden.contains(r))
                        overridden << r;
                }
            }
        }
        if (overridden.isEmpty())
            return {p.level, p.level, {}};
        Rating rating {unadjustedLevel(p), p.level, {}};
        QStringList because;
        for (const auto *r : std::as_const(overridden))
            because << QStringLiteral("%1 (%2): %3").arg(r->id, r->title, r->reasons.join(QStringLiteral("; ")));
        rating.comment = rating.original != rating.adjusted
            ? QStringLiteral("Adjusted from %1 to %2 by an assessor override of the risk(s) it leaves open. %3.")
                  .arg(levelLabel(rating.original), levelLabel(rating.adjusted), because.join(QStringLiteral(". ")))
            : QStringLiteral("Kept at %1 after an assessor override of the risk(s) it leaves open. %2.")
                  .arg(levelLabel(rating.adjusted), because.join(QStringLiteral(". ")));
        return rating;
    }

    // The control item's level as scoring gives it from the answers alone, without overrides:
    // scored again by the same pure function rather than re-deriving its rules here.
    Level unadjustedLevel(const PoamItem &p)
    {
        if (!m_unadjusted) {
            ScoringInput input;
            input.content = &m_stored.content;
            input.engagement = m_stored.engagement;
            input.answers = m_stored.answers;
            // The card lists exactly the controls in scope, so the scope is the same as before.
            for (const auto &c : m_card.controls)
                input.profileControls.insert(c.id);
            m_unadjusted = scoreEngagement(input);
        }
        for (const auto &other : std::as_const(m_unadjusted->poam)) {
            if (other.source == p.source && other.sourceId == p.sourceId)
                return other.level;
        }
        return p.level;
    }

    // The control's visible questions answered partly or not implemented: the gaps behind the item.
    QStringList gapQuestions(const ControlResult &c) const
    {
        QStringList gaps;
        for (const auto &qid : c.questions) {
            const Answer *a = m_answers.value(qid);
            if (a && isGap(*a) && m_stored.content.question(qid))
                gaps << qid;
        }
        return gaps;
    }

    // The scored weakness, and for a control gap the assessor's own notes on the failing answers.
    QString description(const PoamItem &p) const
    {
        QString text = p.weakness;
        const ControlResult *c = p.source == QLatin1String("control") ? m_controls.value(p.sourceId) : nullptr;
        if (!c)
            return text;
        for (const auto &qid : gapQuestions(*c)) {
            const Answer *a = m_answers.value(qid);
            if (!a->note.isEmpty())
                text += QStringLiteral("\nAssessor note on %1: %2").arg(qid, a->note);
        }
        return text;
    }

    const ReportInput &m_in;
    const StoredEngagement &m_stored;
    const ScoreCard &m_card;
    QHash<QString, const Answer *> m_answers;
    QHash<QString, const RiskRating *> m_risks;
    QHash<QString, const ControlResult *> m_controls;
    std::optional<ScoreCard> m_unadjusted;
};

} // namespace

PoamTable buildPoamTable(const ReportInput &input)
{
    return PoamTableBuilder(input).build();
}

} // namespace bulkhead
