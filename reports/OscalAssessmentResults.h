// The scored engagement as an OSCAL 1.1.2 assessment-results document (JSON): one result with the
// reviewed controls, one observation per answered scored question, one finding per assessed
// control and one risk per rating. Validates against the official v1.1.2 JSON schema.
#pragma once

#include "SecurityAssessmentReport.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bulkhead {

struct Answer;
struct ControlResult;
struct RiskRating;

QByteArray renderOscalAssessmentResults(const ReportInput &input);

// Pieces the POA&M export (OscalPoam.cpp) shares with the assessment results, so that both
// documents describe the same observations, findings and risks in the same words and under the
// same UUIDs.
namespace oscal {

// A date-time with a zone, in UTC ("2026-11-13T17:30:00Z"). OSCAL's pattern accepts only some
// offsets (not -02:30, for one), and UTC is always among them.
QString dateTime(const QDateTime &time);

// OSCAL markup-line and markup-multiline fields are Markdown in JSON. These turn plain text into
// Markdown that reads back as the same text: punctuation Markdown would act on is escaped with a
// backslash, and characters XML 1.0 cannot hold (the other OSCAL format) are dropped. A line
// also loses its line breaks.
QString markupLine(const QString &plain);
QString markupMultiline(const QString &plain);
// For OSCAL's StringDatatype (names, property values): one line, no whitespace at either end.
// Empty when nothing printable is left.
QString plainString(const QString &text);

// "AC-2(1)" -> "ac-2.1", the form of control ids in NIST's OSCAL catalogues.
QString controlId(const QString &displayId);

// The namespace of Bulkhead's own property names.
QString propertyNamespace();
// Appends a property in that namespace, unless the value is empty (OSCAL allows no empty value).
void addProperty(QJsonArray &props, const QString &name, const QString &value);
// Inserts the array unless it is empty (OSCAL allows no empty array).
void insertArray(QJsonObject &object, const QString &key, const QJsonArray &array);

// Metadata with the parties and roles of the engagement, and the content hash and scoring rules.
QJsonObject metadata(const ReportInput &input, const QString &title);
// The party that made the observations and ratings: the assessor, or the assessing organisation.
QJsonObject assessorOrigin(const ReportInput &input);

class EngagementEvidence {
public:
    explicit EngagementEvidence(const ReportInput &input);

    // Observations of answered, visible, scored questions, in interview order.
    const QList<QJsonObject> &observations() const { return m_observations; }
    // The observation's UUID, or empty when the question has none.
    QString observationUuid(const QString &questionId) const;

    // One per assessed (satisfied or other than satisfied) control, in the score card's order.
    const QList<QJsonObject> &findings() const { return m_findings; }
    QString findingUuid(const QString &displayControlId) const;

    // One per risk rating, in the score card's order.
    const QList<QJsonObject> &risks() const { return m_risks; }
    QString riskUuid(const QString &riskId) const;

    // The observations of the questions (unknown ones and those without one are skipped), and
    // the risks they mitigate, as OSCAL reference arrays.
    QJsonArray relatedObservations(const QStringList &questionIds) const;
    QJsonArray relatedRisks(const QStringList &questionIds) const;

    // The questions of a control whose answers are partly or not implemented.
    QStringList gapQuestions(const ControlResult &control) const;
    // The visible questions that mitigate a risk, in interview order.
    QStringList mitigatingQuestions(const QString &riskId) const { return m_mitigating.value(riskId); }

private:
    QJsonObject observation(const QString &questionId) const;
    QJsonObject finding(const ControlResult &control) const;
    QJsonObject risk(const RiskRating &rating) const;

    const ReportInput &m_in;
    QHash<QString, const Answer *> m_answers; // visible questions' answers
    QHash<QString, QStringList> m_mitigating; // risk id -> visible questions
    QList<QJsonObject> m_observations;
    QSet<QString> m_observed; // questions with an observation
    QList<QJsonObject> m_findings;
    QSet<QString> m_findingControls;
    QList<QJsonObject> m_risks;
};

} // namespace oscal

} // namespace bulkhead
