#include "OscalAssessmentResults.h"

#include "EngagementFacts.h"
#include "OscalUuid.h"
#include "ReportText.h"
#include "StoredEngagement.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace bulkhead::oscal {

namespace {

// Drops control characters other than tab and line breaks, U+FFFE / U+FFFF and unpaired
// surrogates, so that the document converts to OSCAL's XML format: XML 1.0 cannot hold most of
// them and discourages the rest.
QString xmlSafe(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                out += c;
                out += text.at(++i);
            }
            continue;
        }
        const char16_t u = c.unicode();
        const bool control = (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || (u >= 0x7F && u <= 0x9F);
        if (control || c.isLowSurrogate() || u == 0xFFFE || u == 0xFFFF)
            continue;
        out += c;
    }
    return out;
}

// Backslash-escapes what Markdown would act on within a line. CommonMark lets any ASCII
// punctuation be escaped; these are the characters that start emphasis, code, links, raw HTML,
// entities, strikethrough and table cells. An underscore inside a word ("storage_access") never
// starts emphasis, so it is left as it is, which keeps identifiers readable.
QString escapeInline(const QString &line)
{
    static const QString special = QStringLiteral("\\`*_[]<>&~|");
    QString out;
    out.reserve(line.size() + 8);
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        const bool inWord = c == QLatin1Char('_') && i > 0 && i + 1 < line.size() && line.at(i - 1).isLetterOrNumber()
            && line.at(i + 1).isLetterOrNumber();
        if (special.contains(c) && !inWord)
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// A line of plain text as a Markdown line: inline escapes, and no heading, quote, list or
// setext underline at its start.
QString escapeLine(const QString &line)
{
    static const QRegularExpression orderedList(QStringLiteral("^(\\d{1,9})([.)])"));
    QString out = escapeInline(line);
    if (out.startsWith(QLatin1Char('#')) || out.startsWith(QLatin1Char('-')) || out.startsWith(QLatin1Char('+'))
        || out.startsWith(QLatin1Char('=')))
        out.prepend(QLatin1Char('\\'));
    else if (const auto m = orderedList.match(out); m.hasMatch())
        out.insert(m.capturedLength(1), QLatin1Char('\\'));
    return out;
}

QJsonArray toArray(const QList<QJsonObject> &objects)
{
    QJsonArray array;
    for (const auto &o : objects)
        array.append(o);
    return array;
}

QString levelValue(Level level)
{
    return levelKey(level).replace(QLatin1Char('_'), QLatin1Char('-')); // "very-high": OSCAL spells tokens with hyphens
}

QJsonObject facet(const QString &name, Level level)
{
    // OSCAL's own naming system; its facet names include likelihood, impact and risk. The values
    // are the five qualitative levels of NIST SP 800-30 rev 1 (Tables G-2, H-3 and I-2).
    return {{QStringLiteral("name"), name},
            {QStringLiteral("system"), QStringLiteral("http://csrc.nist.gov/ns/oscal")},
            {QStringLiteral("value"), levelValue(level)}};
}

QString methodOf(const Answer &a)
{
    const QString m = a.method.trimmed().toUpper();
    return m == QLatin1String("EXAMINE") || m == QLatin1String("INTERVIEW") || m == QLatin1String("TEST") ? m : QStringLiteral("UNKNOWN");
}

QString partyUuid(const ReportInput &in, const QString &who)
{
    return oscalUuid(in.contentHash, QStringLiteral("party/") + who);
}

// A Markdown bullet list of plain-text items.
QString bulletList(const QStringList &items)
{
    QStringList lines;
    for (const auto &item : items)
        lines << QString(QStringLiteral("- ") + markupLine(item));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString dateTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString markupLine(const QString &plain)
{
    QString s = xmlSafe(plain);
    for (auto &c : s) {
        if (c.isSpace())
            c = QLatin1Char(' ');
    }
    return escapeLine(s.simplified());
}

QString markupMultiline(const QString &plain)
{
    QString s = xmlSafe(plain);
    s.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    s.replace(QChar(0x2028), QLatin1Char('\n')).replace(QChar(0x2029), QLatin1Char('\n'));
    QStringList lines;
    for (const auto &line : s.split(QLatin1Char('\n')))
        lines << escapeLine(line.trimmed()); // leading spaces would make a code block, where escapes show
    while (!lines.isEmpty() && lines.first().isEmpty())
        lines.removeFirst();
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.join(QLatin1Char('\n'));
}

QString plainString(const QString &text)
{
    QString s = xmlSafe(text);
    for (auto &c : s) {
        // JavaScript's \s, which OSCAL's pattern ^\S(.*\S)?$ is checked with, also counts U+FEFF.
        if (c.isSpace() || c.unicode() == 0xFEFF)
            c = QLatin1Char(' ');
    }
    return s.simplified();
}

QString controlId(const QString &displayId)
{
    QString id = displayId.trimmed().toLower();
    id.replace(QLatin1Char('('), QLatin1Char('.'));
    id.remove(QLatin1Char(')'));
    return id;
}

QString propertyNamespace()
{
    // Names outside OSCAL's own namespace must carry one. Bulkhead has no web domain of its own,
    // so it names its properties with a URN rather than a URL nobody could resolve.
    return QStringLiteral("urn:bulkhead:oscal");
}

void addProperty(QJsonArray &props, const QString &name, const QString &value)
{
    if (const QString v = plainString(value); !v.isEmpty())
        props.append(
            QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("ns"), propertyNamespace()}, {QStringLiteral("value"), v}});
}

void insertArray(QJsonObject &object, const QString &key, const QJsonArray &array)
{
    if (!array.isEmpty())
        object.insert(key, array);
}

QJsonObject metadata(const ReportInput &in, const QString &title)
{
    const Engagement &e = in.engagement->engagement;
    QJsonArray roles, parties, responsible;
    const QString organisation = partyUuid(in, QStringLiteral("organisation"));
    auto add
        = [&](const QString &roleId, const QString &roleTitle, const QString &who, const QString &type, const QString &name, bool member) {
              const QString uuid = partyUuid(in, who);
              QJsonObject party {{QStringLiteral("uuid"), uuid}, {QStringLiteral("type"), type}};
              if (const QString n = plainString(name); !n.isEmpty())
                  party.insert(QStringLiteral("name"), n);
              if (member)
                  party.insert(QStringLiteral("member-of-organizations"), QJsonArray {organisation});
              parties.append(party);
              roles.append(QJsonObject {{QStringLiteral("id"), roleId}, {QStringLiteral("title"), markupLine(roleTitle)}});
              responsible.append(QJsonObject {{QStringLiteral("role-id"), roleId}, {QStringLiteral("party-uuids"), QJsonArray {uuid}}});
          };
    add(QStringLiteral("prepared-by"), QStringLiteral("Assessing organisation"), QStringLiteral("organisation"),
        QStringLiteral("organization"), in.branding.organisation, false);
    if (!plainString(e.assessor).isEmpty())
        add(QStringLiteral("assessor"), QStringLiteral("Security controls assessor"), QStringLiteral("assessor"), QStringLiteral("person"),
            e.assessor, true);
    if (!plainString(e.reviewer).isEmpty())
        add(QStringLiteral("reviewer"), QStringLiteral("Reviewer of the assessment"), QStringLiteral("reviewer"), QStringLiteral("person"),
            e.reviewer, true);
    if (!plainString(e.client).isEmpty())
        add(QStringLiteral("prepared-for"), QStringLiteral("Client: owner of the assessed system"), QStringLiteral("client"),
            QStringLiteral("organization"), e.client, false);
    if (!plainString(e.csp).isEmpty())
        add(QStringLiteral("cloud-service-provider"), QStringLiteral("Cloud service provider"), QStringLiteral("csp"),
            QStringLiteral("organization"), e.csp, false);

    const ScoreCard &card = in.engagement->card;
    QJsonArray props;
    if (const QString marking = plainString(in.branding.classification); !marking.isEmpty())
        props.append(QJsonObject {{QStringLiteral("name"), QStringLiteral("marking")}, {QStringLiteral("value"), marking}});
    if (!in.contentHash.isEmpty()) {
        addProperty(props, QStringLiteral("content-hash"), in.contentHash);
        addProperty(props, QStringLiteral("content-hash-algorithm"), QStringLiteral("SHA-256"));
    }
    addProperty(props, QStringLiteral("scoring-rules"), card.scoringRules);
    addProperty(props, QStringLiteral("engagement-status"), engagementStatusKey(e.status));
    addProperty(props, QStringLiteral("baseline"), card.baseline);

    const QString generated = dateTime(in.generatedAt);
    // The version names the content: the hash changes whenever anything the report rests on does.
    const QString version = QStringLiteral("%1-%2").arg(engagementStatusKey(e.status).replace(QLatin1Char('_'), QLatin1Char('-')),
                                                        in.contentHash.isEmpty() ? QStringLiteral("unhashed") : in.contentHash.left(12));
    return {{QStringLiteral("title"), markupLine(title)},
            {QStringLiteral("published"), generated},
            {QStringLiteral("last-modified"), generated},
            {QStringLiteral("version"), version},
            {QStringLiteral("oscal-version"), QStringLiteral("1.1.2")},
            {QStringLiteral("props"), props},
            {QStringLiteral("roles"), roles},
            {QStringLiteral("parties"), parties},
            {QStringLiteral("responsible-parties"), responsible}};
}

QJsonObject assessorOrigin(const ReportInput &in)
{
    const bool assessor = !plainString(in.engagement->engagement.assessor).isEmpty();
    const QJsonObject actor {
        {QStringLiteral("type"), QStringLiteral("party")},
        {QStringLiteral("actor-uuid"), partyUuid(in, assessor ? QStringLiteral("assessor") : QStringLiteral("organisation"))},
        {QStringLiteral("role-id"), assessor ? QStringLiteral("assessor") : QStringLiteral("prepared-by")}};
    return {{QStringLiteral("actors"), QJsonArray {actor}}};
}

EngagementEvidence::EngagementEvidence(const ReportInput &input) : m_in(input)
{
    const StoredEngagement &s = *input.engagement;
    QHash<QString, Answer> byQuestion;
    for (const auto &a : s.answers)
        byQuestion.insert(a.questionId, a);
    const EngagementFacts facts = EngagementFacts::resolve(s.content, s.engagement, byQuestion);
    for (const auto &a : s.answers) {
        if (facts.isVisible(a.questionId))
            m_answers.insert(a.questionId, &a);
    }
    for (const Question *q : s.content.allQuestions()) {
        if (!facts.isVisible(q->id))
            continue;
        for (auto it = q->mitigates.cbegin(); it != q->mitigates.cend(); ++it)
            m_mitigating[it.key()].append(q->id);
        if (q->isScored() && m_answers.contains(q->id)) {
            m_observed.insert(q->id);
            m_observations.append(observation(q->id));
        }
    }
    for (const auto &r : s.card.risks)
        m_risks.append(risk(r));
    for (const auto &c : s.card.controls) {
        if (c.result != ControlDetermination::Satisfied && c.result != ControlDetermination::OtherThanSatisfied)
            continue;
        m_findingControls.insert(c.id);
        m_findings.append(finding(c));
    }
}

QString EngagementEvidence::observationUuid(const QString &questionId) const
{
    return m_observed.contains(questionId) ? oscalUuid(m_in.contentHash, QStringLiteral("observation/") + questionId) : QString();
}

QString EngagementEvidence::findingUuid(const QString &displayControlId) const
{
    return m_findingControls.contains(displayControlId) ? oscalUuid(m_in.contentHash, QStringLiteral("finding/") + displayControlId)
                                                        : QString();
}

QString EngagementEvidence::riskUuid(const QString &riskId) const
{
    const auto &risks = m_in.engagement->card.risks;
    const bool rated = std::any_of(risks.cbegin(), risks.cend(), [&riskId](const RiskRating &r) { return r.id == riskId; });
    return rated ? oscalUuid(m_in.contentHash, QStringLiteral("risk/") + riskId) : QString();
}

QJsonArray EngagementEvidence::relatedObservations(const QStringList &questionIds) const
{
    QJsonArray related;
    QSet<QString> seen;
    for (const auto &id : questionIds) {
        const QString uuid = observationUuid(id);
        if (uuid.isEmpty() || seen.contains(uuid))
            continue;
        seen.insert(uuid);
        related.append(QJsonObject {{QStringLiteral("observation-uuid"), uuid}});
    }
    return related;
}

QJsonArray EngagementEvidence::relatedRisks(const QStringList &questionIds) const
{
    QSet<QString> mitigated;
    for (const auto &id : questionIds) {
        if (const Question *q = m_in.engagement->content.question(id))
            for (auto it = q->mitigates.cbegin(); it != q->mitigates.cend(); ++it)
                mitigated.insert(it.key());
    }
    QJsonArray related;
    for (const auto &r : m_in.engagement->card.risks) { // the card's order, not the set's
        if (mitigated.contains(r.id))
            related.append(QJsonObject {{QStringLiteral("risk-uuid"), riskUuid(r.id)}});
    }
    return related;
}

QStringList EngagementEvidence::gapQuestions(const ControlResult &control) const
{
    QStringList gaps;
    for (const auto &id : control.questions) {
        const Answer *a = m_answers.value(id);
        if (a && (a->status == ImplementationStatus::Partial || a->status == ImplementationStatus::NotImplemented))
            gaps << id;
    }
    return gaps;
}

QJsonObject EngagementEvidence::observation(const QString &questionId) const
{
    const Question &q = *m_in.engagement->content.question(questionId);
    const Answer &a = *m_answers.value(questionId);
    QString description = QStringLiteral("Question %1: %2\n\nAnswer: %3").arg(q.id, q.text, answerText(q, a));
    if (a.status != ImplementationStatus::Informational)
        description += QStringLiteral(" (%1)").arg(implementationStatusKey(a.status).replace(QLatin1Char('_'), QLatin1Char(' ')));
    QJsonArray props;
    addProperty(props, QStringLiteral("question-id"), q.id);
    addProperty(props, QStringLiteral("implementation-status"), implementationStatusKey(a.status));
    addProperty(props, QStringLiteral("questionnaire"), QStringLiteral("%1 v%2").arg(a.questionnaireKey).arg(a.questionnaireVersion));
    for (const auto &c : q.controls)
        addProperty(props, QStringLiteral("control-id"), controlId(c));
    QJsonObject o {{QStringLiteral("uuid"), observationUuid(questionId)},
                   {QStringLiteral("title"), markupLine(QStringLiteral("%1 %2").arg(q.id, q.text))},
                   {QStringLiteral("description"), markupMultiline(description)},
                   {QStringLiteral("methods"), QJsonArray {methodOf(a)}},
                   {QStringLiteral("types"), QJsonArray {QStringLiteral("control-objective")}},
                   {QStringLiteral("collected"), dateTime(a.answeredAt.isValid() ? a.answeredAt : m_in.generatedAt)}};
    insertArray(o, QStringLiteral("props"), props);
    if (const QString note = markupMultiline(a.note); !note.isEmpty())
        o.insert(QStringLiteral("relevant-evidence"), QJsonArray {QJsonObject {{QStringLiteral("description"), note}}});
    QStringList remarks;
    if (!plainString(a.interviewee).isEmpty())
        remarks << QStringLiteral("Interviewee: %1").arg(a.interviewee);
    if (!plainString(a.answeredBy).isEmpty())
        remarks << QStringLiteral("Recorded by %1 (revision %2).").arg(a.answeredBy, QString::number(a.revision));
    if (!remarks.isEmpty())
        o.insert(QStringLiteral("remarks"), markupMultiline(remarks.join(QStringLiteral("\n\n"))));
    return o;
}

QJsonObject EngagementEvidence::finding(const ControlResult &c) const
{
    const bool satisfied = c.result == ControlDetermination::Satisfied;
    const QString id = controlId(c.id);
    const QJsonObject target {
        {QStringLiteral("type"), QStringLiteral("objective-id")},
        // The assessment objective of the control as NIST's rev5 catalogue names it.
        {QStringLiteral("target-id"), QString(id + QStringLiteral("_obj"))},
        {QStringLiteral("title"), markupLine(QStringLiteral("%1 %2").arg(c.id, c.title))},
        {QStringLiteral("status"),
         QJsonObject {{QStringLiteral("state"), satisfied ? QStringLiteral("satisfied") : QStringLiteral("not-satisfied")},
                      {QStringLiteral("reason"), satisfied ? QStringLiteral("pass") : QStringLiteral("fail")}}}};
    QJsonObject f {{QStringLiteral("uuid"), oscalUuid(m_in.contentHash, QStringLiteral("finding/") + c.id)},
                   {QStringLiteral("title"),
                    markupLine(QStringLiteral("%1 %2: %3")
                                   .arg(c.id, c.title, satisfied ? QStringLiteral("satisfied") : QStringLiteral("other than satisfied")))},
                   {QStringLiteral("description"),
                    QString(markupMultiline(QStringLiteral("NIST SP 800-53A determination from the answers:")) + QStringLiteral("\n\n")
                            + bulletList(c.reasons))},
                   {QStringLiteral("origins"), QJsonArray {assessorOrigin(m_in)}},
                   {QStringLiteral("target"), target}};
    QJsonArray props;
    addProperty(props, QStringLiteral("control-id"), id);
    insertArray(f, QStringLiteral("props"), props);
    insertArray(f, QStringLiteral("related-observations"), relatedObservations(c.questions));
    if (!satisfied)
        insertArray(f, QStringLiteral("related-risks"), relatedRisks(gapQuestions(c)));
    return f;
}

QJsonObject EngagementEvidence::risk(const RiskRating &r) const
{
    const RiskDefinition *definition = m_in.engagement->content.risks().risk(r.id);
    const QString description = definition && !definition->description.trimmed().isEmpty() ? definition->description : r.title;
    const QString statement
        = markupMultiline(QStringLiteral("Residual risk %1 (likelihood %2, impact %3); inherent risk %4 (likelihood %5, impact %6). "
                                         "Mitigation in place: %7%.")
                              .arg(levelLabel(r.level), levelLabel(r.likelihood), levelLabel(r.impact), levelLabel(r.inherentLevel),
                                   levelLabel(r.inherentLikelihood), levelLabel(r.inherentImpact))
                              .arg(std::round(r.mitigationShare * 100.0)))
        + QStringLiteral("\n\n") + markupMultiline(QStringLiteral("How the rating was reached:")) + QStringLiteral("\n\n")
        + bulletList(r.reasons);
    const QJsonObject characterization {{QStringLiteral("origin"), assessorOrigin(m_in)},
                                        {QStringLiteral("facets"),
                                         QJsonArray {facet(QStringLiteral("likelihood"), r.likelihood),
                                                     facet(QStringLiteral("impact"), r.impact), facet(QStringLiteral("risk"), r.level)}}};
    QJsonArray props;
    addProperty(props, QStringLiteral("risk-id"), r.id);
    addProperty(props, QStringLiteral("inherent-likelihood"), levelValue(r.inherentLikelihood));
    addProperty(props, QStringLiteral("inherent-impact"), levelValue(r.inherentImpact));
    addProperty(props, QStringLiteral("inherent-risk"), levelValue(r.inherentLevel));
    addProperty(props, QStringLiteral("overridden"), r.overridden ? QStringLiteral("true") : QStringLiteral("false"));
    QJsonObject o {{QStringLiteral("uuid"), riskUuid(r.id)},
                   {QStringLiteral("title"), markupLine(r.title)},
                   {QStringLiteral("description"), markupMultiline(description)},
                   {QStringLiteral("statement"), statement},
                   {QStringLiteral("status"), QStringLiteral("open")},
                   {QStringLiteral("characterizations"), QJsonArray {characterization}}};
    insertArray(o, QStringLiteral("props"), props);
    insertArray(o, QStringLiteral("related-observations"), relatedObservations(mitigatingQuestions(r.id)));
    return o;
}

} // namespace bulkhead::oscal

namespace bulkhead {

namespace {

// No OSCAL assessment plan exists for a Bulkhead engagement: the plan is the pinned
// questionnaires and the scoring rules. import-ap must still name one, so it points at a
// back-matter resource of this document that says exactly that, rather than at a file that
// does not exist.
QJsonObject planResource(const ReportInput &in, const QString &uuid)
{
    const StoredEngagement &s = *in.engagement;
    QStringList versions;
    QJsonArray props;
    for (const auto &q : s.content.questionnaires()) {
        versions << QStringLiteral("%1 version %2 (SHA-256 %3)").arg(q.key).arg(q.version).arg(q.sha256);
        oscal::addProperty(props, QStringLiteral("questionnaire"),
                           QStringLiteral("%1 v%2 sha256:%3").arg(q.key).arg(q.version).arg(q.sha256));
    }
    oscal::addProperty(props, QStringLiteral("scoring-rules"), s.card.scoringRules);
    QJsonObject resource {
        {QStringLiteral("uuid"), uuid},
        {QStringLiteral("title"), oscal::markupLine(QStringLiteral("Assessment plan: the engagement's pinned questionnaires"))},
        {QStringLiteral("description"),
         QString(oscal::markupMultiline(QStringLiteral("No separate OSCAL assessment plan was produced. The assessment followed the "
                                                       "questionnaires pinned to the engagement and scoring rules %1:")
                                            .arg(s.card.scoringRules))
                 + QStringLiteral("\n\n") + oscal::bulletList(versions))}};
    oscal::insertArray(resource, QStringLiteral("props"), props);
    return resource;
}

QString periodStart(const ReportInput &in)
{
    const StoredEngagement &s = *in.engagement;
    if (s.engagement.periodStart.isValid())
        return oscal::dateTime(s.engagement.periodStart.startOfDay(Qt::UTC));
    QDateTime earliest;
    for (const auto &a : s.answers) {
        if (a.answeredAt.isValid() && (!earliest.isValid() || a.answeredAt < earliest))
            earliest = a.answeredAt;
    }
    if (!earliest.isValid())
        earliest = s.engagement.createdAt.isValid() ? s.engagement.createdAt : in.generatedAt;
    return oscal::dateTime(earliest);
}

QString periodEnd(const ReportInput &in)
{
    const StoredEngagement &s = *in.engagement;
    if (s.engagement.periodEnd.isValid())
        return oscal::dateTime(s.engagement.periodEnd.endOfDay(Qt::UTC)); // 23:59:59, milliseconds are not printed
    if (s.engagement.periodStart.isValid())
        return {};
    QDateTime latest;
    for (const auto &a : s.answers) {
        if (a.answeredAt.isValid() && (!latest.isValid() || a.answeredAt > latest))
            latest = a.answeredAt;
    }
    return latest.isValid() ? oscal::dateTime(latest) : QString();
}

} // namespace

QByteArray renderOscalAssessmentResults(const ReportInput &input)
{
    const StoredEngagement &s = *input.engagement;
    const Engagement &e = s.engagement;
    const ScoreCard &card = s.card;
    const oscal::EngagementEvidence evidence(input);

    QJsonArray controls;
    for (const auto &c : card.controls)
        controls.append(QJsonObject {{QStringLiteral("control-id"), oscal::controlId(c.id)}});
    QJsonObject selection {
        {QStringLiteral("description"), oscal::markupMultiline(QStringLiteral("The controls of the %1 baseline.").arg(card.baseline))}};
    if (!controls.isEmpty())
        selection.insert(QStringLiteral("include-controls"), controls);

    // Numbers first and the user's text last, in one pass, so that a "%1" typed into a name is
    // never taken for a placeholder.
    const QString description
        = QStringLiteral("Assessment of %9, operated for %10 on %11, against the %12 baseline. Of %1 controls in scope, %2 were found "
                         "satisfied and %3 other than satisfied; %4 were not assessed and %5 not applicable (OSCAL has no finding state "
                         "for these, so they have no finding). %6 of %7 scored questions were answered; %8 risks were rated.")
              .arg(card.controls.size())
              .arg(card.count(ControlDetermination::Satisfied))
              .arg(card.count(ControlDetermination::OtherThanSatisfied))
              .arg(card.count(ControlDetermination::NotAssessed))
              .arg(card.count(ControlDetermination::NotApplicable))
              .arg(card.answeredQuestions)
              .arg(card.scoredQuestions)
              .arg(card.risks.size())
              .arg(e.system, e.client, e.csp, card.baseline);
    QJsonObject result {
        {QStringLiteral("uuid"), oscalUuid(input.contentHash, QStringLiteral("result"))},
        {QStringLiteral("title"), oscal::markupLine(QStringLiteral("Assessment of %1 for %2").arg(e.system, e.client))},
        {QStringLiteral("description"), oscal::markupMultiline(description)},
        {QStringLiteral("start"), periodStart(input)},
        {QStringLiteral("reviewed-controls"), QJsonObject {{QStringLiteral("control-selections"), QJsonArray {selection}}}}};
    QJsonArray props;
    oscal::addProperty(props, QStringLiteral("baseline"), card.baseline);
    oscal::insertArray(result, QStringLiteral("props"), props);
    if (const QString end = periodEnd(input); !end.isEmpty())
        result.insert(QStringLiteral("end"), end);
    oscal::insertArray(result, QStringLiteral("observations"), oscal::toArray(evidence.observations()));
    oscal::insertArray(result, QStringLiteral("risks"), oscal::toArray(evidence.risks()));
    oscal::insertArray(result, QStringLiteral("findings"), oscal::toArray(evidence.findings()));

    const QString planUuid = oscalUuid(input.contentHash, QStringLiteral("back-matter/assessment-plan"));
    const QJsonObject document {
        {QStringLiteral("uuid"), oscalUuid(input.contentHash, QStringLiteral("assessment-results"))},
        {QStringLiteral("metadata"),
         oscal::metadata(input, QStringLiteral("Security assessment results: %1 for %2").arg(e.system, e.client))},
        {QStringLiteral("import-ap"),
         QJsonObject {
             {QStringLiteral("href"), QString(QLatin1Char('#') + planUuid)},
             {QStringLiteral("remarks"), oscal::markupMultiline(QStringLiteral("The plan is described in this document's back matter."))}}},
        {QStringLiteral("results"), QJsonArray {result}},
        {QStringLiteral("back-matter"), QJsonObject {{QStringLiteral("resources"), QJsonArray {planResource(input, planUuid)}}}}};
    return QJsonDocument(QJsonObject {{QStringLiteral("assessment-results"), document}}).toJson(QJsonDocument::Indented);
}

} // namespace bulkhead
