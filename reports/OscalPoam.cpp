#include "OscalPoam.h"

#include "OscalAssessmentResults.h"
#include "OscalUuid.h"
#include "StoredEngagement.h"

#include <QJsonDocument>
#include <QSet>

namespace bulkhead {

namespace {

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

const ControlResult *controlOf(const ScoreCard &card, const QString &id)
{
    for (const auto &c : card.controls) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

// The objects of `all` whose uuid one of the items refers to, in their own order.
QJsonArray referenced(const QList<QJsonObject> &all, const QSet<QString> &uuids)
{
    QJsonArray picked;
    for (const auto &o : all) {
        if (uuids.contains(o.value(QStringLiteral("uuid")).toString()))
            picked.append(o);
    }
    return picked;
}

void collect(const QJsonArray &references, const QString &key, QSet<QString> &into)
{
    for (const auto &r : references)
        into.insert(r.toObject().value(key).toString());
}

class PoamBuilder {
public:
    explicit PoamBuilder(const ReportInput &input) : m_in(input), m_card(input.engagement->card), m_evidence(input) { }

    QByteArray build()
    {
        if (m_card.poam.isEmpty())
            return {};
        QJsonArray items;
        for (const auto &p : m_card.poam)
            items.append(item(p));

        const Engagement &e = m_in.engagement->engagement;
        // The system keeps its identity from one assessment round to the next, so its id comes
        // from its names, not from the content hash of this engagement.
        const QJsonObject systemId {{QStringLiteral("identifier-type"), QStringLiteral("https://ietf.org/rfc/rfc4122")},
                                    {QStringLiteral("id"), oscalUuid(QString(), QStringLiteral("system/%1\n%2").arg(e.client, e.system))}};
        QJsonObject poam {{QStringLiteral("uuid"), oscalUuid(m_in.contentHash, QStringLiteral("plan-of-action-and-milestones"))},
                          {QStringLiteral("metadata"),
                           oscal::metadata(m_in, QStringLiteral("Plan of action and milestones: %1 for %2").arg(e.system, e.client))},
                          {QStringLiteral("system-id"), systemId},
                          {QStringLiteral("poam-items"), items}};
        // Findings and risks come with what they refer to, so that every reference in the
        // document resolves within it.
        const QJsonArray findings = referenced(m_evidence.findings(), m_findings);
        for (const auto &f : findings) {
            collect(f.toObject().value(QStringLiteral("related-risks")).toArray(), QStringLiteral("risk-uuid"), m_risks);
            collect(f.toObject().value(QStringLiteral("related-observations")).toArray(), QStringLiteral("observation-uuid"),
                    m_observations);
        }
        const QJsonArray risks = referenced(m_evidence.risks(), m_risks);
        for (const auto &r : risks)
            collect(r.toObject().value(QStringLiteral("related-observations")).toArray(), QStringLiteral("observation-uuid"),
                    m_observations);
        oscal::insertArray(poam, QStringLiteral("observations"), referenced(m_evidence.observations(), m_observations));
        oscal::insertArray(poam, QStringLiteral("risks"), risks);
        oscal::insertArray(poam, QStringLiteral("findings"), findings);
        return QJsonDocument(QJsonObject {{QStringLiteral("plan-of-action-and-milestones"), poam}}).toJson(QJsonDocument::Indented);
    }

private:
    QJsonObject item(const PoamItem &p)
    {
        QJsonArray observations, risks, findings;
        if (p.source == QLatin1String("control")) {
            const ControlResult *control = controlOf(m_card, p.sourceId);
            const QStringList gaps = control ? m_evidence.gapQuestions(*control) : QStringList();
            observations = m_evidence.relatedObservations(gaps);
            risks = m_evidence.relatedRisks(gaps);
            if (const QString f = m_evidence.findingUuid(p.sourceId); !f.isEmpty())
                findings.append(QJsonObject {{QStringLiteral("finding-uuid"), f}});
        } else {
            observations = m_evidence.relatedObservations(m_evidence.mitigatingQuestions(p.sourceId));
            if (const QString r = m_evidence.riskUuid(p.sourceId); !r.isEmpty())
                risks.append(QJsonObject {{QStringLiteral("risk-uuid"), r}});
        }
        collect(observations, QStringLiteral("observation-uuid"), m_observations);
        collect(risks, QStringLiteral("risk-uuid"), m_risks);
        collect(findings, QStringLiteral("finding-uuid"), m_findings);

        QJsonArray props;
        oscal::addProperty(props, QStringLiteral("poam-id"), p.id);
        oscal::addProperty(props, QStringLiteral("source"), p.source);
        oscal::addProperty(props, QStringLiteral("source-id"), p.sourceId);
        oscal::addProperty(props, QStringLiteral("level"), levelKey(p.level).replace(QLatin1Char('_'), QLatin1Char('-')));
        oscal::addProperty(props, QStringLiteral("status"), p.status);
        oscal::addProperty(props, QStringLiteral("detected-date"), isoDate(p.detected));
        oscal::addProperty(props, QStringLiteral("due-date"), isoDate(p.due));
        oscal::addProperty(props, QStringLiteral("owner"), p.owner);
        for (const auto &c : p.controls)
            oscal::addProperty(props, QStringLiteral("control-id"), oscal::controlId(c));

        QStringList facts {QStringLiteral("Level: %1.").arg(levelLabel(p.level))};
        if (!p.controls.isEmpty())
            facts << QStringLiteral("Controls: %1.").arg(p.controls.join(QStringLiteral(", ")));
        facts << QStringLiteral("Detected %1; due %2.")
                     .arg(p.detected.isValid() ? isoDate(p.detected) : QStringLiteral("not recorded"),
                          p.due.isValid() ? isoDate(p.due) : QStringLiteral("not set"));
        if (!p.owner.isEmpty())
            facts << QStringLiteral("Owner: %1.").arg(p.owner);
        QJsonObject o {
            {QStringLiteral("uuid"), oscalUuid(m_in.contentHash, QStringLiteral("poam-item/%1/%2").arg(p.source, p.sourceId))},
            {QStringLiteral("title"), oscal::markupLine(p.title)},
            {QStringLiteral("description"),
             QString(oscal::markupMultiline(p.weakness) + QStringLiteral("\n\n") + oscal::markupMultiline(facts.join(QLatin1Char(' '))))},
            {QStringLiteral("origins"), QJsonArray {oscal::assessorOrigin(m_in)}}};
        if (!p.milestones.isEmpty()) {
            QStringList lines {oscal::markupLine(QStringLiteral("Milestones:")), QString()};
            for (const auto &m : p.milestones)
                lines << QString(QStringLiteral("- ") + oscal::markupLine(m));
            o.insert(QStringLiteral("remarks"), lines.join(QLatin1Char('\n')));
        }
        oscal::insertArray(o, QStringLiteral("props"), props);
        oscal::insertArray(o, QStringLiteral("related-findings"), findings);
        oscal::insertArray(o, QStringLiteral("related-observations"), observations);
        oscal::insertArray(o, QStringLiteral("related-risks"), risks);
        return o;
    }

    const ReportInput &m_in;
    const ScoreCard &m_card;
    const oscal::EngagementEvidence m_evidence;
    QSet<QString> m_observations, m_risks, m_findings;
};

} // namespace

QByteArray renderOscalPoam(const ReportInput &input)
{
    return PoamBuilder(input).build();
}

} // namespace bulkhead
