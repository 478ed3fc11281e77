#include "ReportText.h"

#include "StoredEngagement.h"

#include <QHash>

namespace bulkhead {

namespace {

QString statusLabel(EngagementStatus status)
{
    switch (status) {
    case EngagementStatus::Draft: return QStringLiteral("Draft");
    case EngagementStatus::InReview: return QStringLiteral("In review");
    case EngagementStatus::Approved: return QStringLiteral("Approved");
    }
    return {};
}

QString orNotRecorded(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("not recorded") : text;
}

} // namespace

QString printableText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                const QChar low = text.at(i + 1);
                ++i;
                if (!QChar::isNonCharacter(QChar::surrogateToUcs4(c, low))) {
                    out += c;
                    out += low;
                }
            }
            continue;
        }
        const char16_t u = c.unicode();
        if (u == u'\r') {
            if (i + 1 >= text.size() || text.at(i + 1) != u'\n')
                out += QLatin1Char('\n');
            continue;
        }
        if ((u < 0x20 && u != u'\t' && u != u'\n') || (u >= 0x7f && u <= 0x9f) || c.isLowSurrogate() || QChar::isNonCharacter(u))
            continue;
        out += c;
    }
    return out;
}

QString markupEscaped(QStringView text)
{
    const QString clean = printableText(text);
    QString out;
    out.reserve(clean.size() + clean.size() / 8);
    for (const QChar c : clean) {
        switch (c.unicode()) {
        case u'&': out += QLatin1String("&amp;"); break;
        case u'<': out += QLatin1String("&lt;"); break;
        case u'>': out += QLatin1String("&gt;"); break;
        case u'"': out += QLatin1String("&quot;"); break;
        case u'\'': out += QLatin1String("&#39;"); break;
        default: out += c;
        }
    }
    return out;
}

QString answerText(const Question &q, const Answer &a)
{
    if (q.type == QuestionType::YesNo) {
        static const QHash<QString, QString> labels = {{QStringLiteral("yes"), QStringLiteral("Yes")},
                                                       {QStringLiteral("partial"), QStringLiteral("Partly")},
                                                       {QStringLiteral("no"), QStringLiteral("No")},
                                                       {QStringLiteral("na"), QStringLiteral("Not applicable")}};
        return labels.value(a.value, a.value);
    }
    if (q.type == QuestionType::Choice || q.type == QuestionType::Multi) {
        QStringList labels;
        for (const auto &value : q.answerValues(a.value)) {
            const AnswerOption *o = q.option(value);
            labels << (o ? o->label : value);
        }
        return labels.join(QStringLiteral("; "));
    }
    return a.value;
}

QString reportDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QStringLiteral("not recorded");
}

QString assessmentPeriod(const Engagement &e)
{
    if (!e.periodStart.isValid() && !e.periodEnd.isValid())
        return QStringLiteral("not recorded");
    return QStringLiteral("%1 to %2").arg(reportDate(e.periodStart), reportDate(e.periodEnd));
}

void fillCover(ReportDocument &document, const StoredEngagement &stored, const QString &contentHash)
{
    const Engagement &e = stored.engagement;
    document.subtitle = QStringLiteral("%1 — %2").arg(e.client, e.system);
    document.coverFacts = {
        {QStringLiteral("Client"), e.client},
        {QStringLiteral("System"), e.system},
        {QStringLiteral("Cloud service provider"), e.csp},
        {QStringLiteral("Service model"), e.serviceModel.toUpper()},
        {QStringLiteral("Architecture"), QStringLiteral("%1, %2 infrastructure").arg(e.architecture, e.infrastructure)},
        {QStringLiteral("FIPS 199 impact level"), e.impact},
        {QStringLiteral("Control baseline"), stored.card.baseline},
        {QStringLiteral("Assessment period"), assessmentPeriod(e)},
        {QStringLiteral("Assessor"), orNotRecorded(e.assessor)},
        {QStringLiteral("Reviewer"), orNotRecorded(e.reviewer)},
        {QStringLiteral("Status"), statusLabel(e.status)},
    };
    QStringList versions;
    for (const auto &q : stored.content.questionnaires())
        versions << QStringLiteral("%1 v%2").arg(q.key).arg(q.version);
    document.provenance = QStringLiteral("Built from questionnaires %1; scoring rules %2; engagement content SHA-256 %3.")
                              .arg(versions.join(QStringLiteral(", ")), stored.card.scoringRules, contentHash);
}

} // namespace bulkhead
