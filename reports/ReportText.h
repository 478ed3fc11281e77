// Wording shared by the report builders: how answers, dates and the engagement's particulars
// read in a report, so that the SAR and the SOC 2 readiness report say them the same way.
#pragma once

#include "ReportDocument.h"

#include <QDate>
#include <QString>
#include <QStringView>

namespace bulkhead {

struct Answer;
struct Engagement;
struct Question;
struct StoredEngagement;

// User text as every report format can carry it: what XML 1.0 forbids is dropped (controls other
// than tab and newline, lone surrogates, U+FFFE and U+FFFF), with DEL, the C1 controls and the
// other noncharacters, which readers show as boxes or treat as errors; CR or CRLF becomes LF.
QString printableText(QStringView text);
// printableText, escaped for XML and HTML element content and quoted attributes: the one place
// where user text becomes markup.
QString markupEscaped(QStringView text);

// What an answer says in the words the assessor saw: option labels rather than stored values.
QString answerText(const Question &question, const Answer &answer);
QString reportDate(const QDate &date); // ISO date, or "not recorded"
QString assessmentPeriod(const Engagement &engagement); // "2025-11-03 to 2025-11-14"
// The cover facts (client, system, provider, models, baseline, period, people, status) and the
// provenance line (questionnaire versions, scoring rules, content hash) of a report.
void fillCover(ReportDocument &document, const StoredEngagement &stored, const QString &contentHash);

} // namespace bulkhead
