#include "ScoreSummaryText.h"

#include "Engagement.h"
#include "ScoreCard.h"

#include <QTextStream>

namespace bulkhead {

namespace {

// Fits text into a column of `width` characters followed by one space.
QString pad(const QString &text, int width)
{
    return (text.size() > width ? text.left(width - 1) + QChar(0x2026) : text.leftJustified(width)) + QLatin1Char(' ');
}

} // namespace

QString scoreSummaryText(const Engagement &e, const ScoreCard &card)
{
    QString out;
    QTextStream s(&out);
    s << "Engagement " << e.id << ": " << e.client << " / " << e.system << " on " << e.csp << '\n';
    s << "  architecture " << e.architecture << ", infrastructure " << e.infrastructure << ", FIPS 199 " << e.impact << " (baseline "
      << card.baseline << "), status " << engagementStatusKey(e.status) << '\n';
    s << "  controls in baseline: " << card.controls.size() << " (satisfied " << card.count(ControlDetermination::Satisfied)
      << ", other than satisfied " << card.count(ControlDetermination::OtherThanSatisfied) << ", not assessed "
      << card.count(ControlDetermination::NotAssessed) << ", not applicable " << card.count(ControlDetermination::NotApplicable) << ")\n";
    s << "\n  Family scores\n";
    for (const auto &f : card.families) {
        if (f.controlsInScope == 0)
            continue;
        const QString score = f.score ? QStringLiteral("%1%").arg(*f.score, 0, 'f', 1) : QStringLiteral("not assessed");
        s << "    " << pad(f.id + QStringLiteral(" ") + f.title, 48) << score.rightJustified(12) << '\n';
    }
    s << "\n  Risks (residual)\n";
    for (const auto &r : card.risks)
        s << "    " << pad(r.title, 48) << pad(levelLabel(r.level), 10) << "likelihood " << pad(levelLabel(r.likelihood), 10) << "impact "
          << levelLabel(r.impact) << (r.overridden ? QStringLiteral(" (overridden)") : QString()) << '\n';
    s << "\n  POA&M items: " << card.poam.size() << '\n';
    for (const auto &p : card.poam)
        s << "    " << p.id << "  due " << p.due.toString(Qt::ISODate) << "  " << pad(levelLabel(p.level), 9) << p.title << '\n';
    return out;
}

} // namespace bulkhead
