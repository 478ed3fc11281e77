#include "ScoreJson.h"

#include "Engagement.h"
#include "EngagementJson.h"
#include "ScoreCard.h"

#include <QJsonArray>

#include <cmath>

namespace bulkhead {

namespace {

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QJsonObject scoreCardToJson(const Engagement &engagement, const ScoreCard &card)
{
    QJsonArray controls;
    for (const auto &c : card.controls)
        controls.append(QJsonObject {{QStringLiteral("id"), c.id},
                                     {QStringLiteral("family"), c.family},
                                     {QStringLiteral("title"), c.title},
                                     {QStringLiteral("result"), controlDeterminationKey(c.result)},
                                     {QStringLiteral("questions"), toArray(c.questions)},
                                     {QStringLiteral("reasons"), toArray(c.reasons)}});
    QJsonArray families;
    for (const auto &f : card.families)
        families.append(QJsonObject {{QStringLiteral("id"), f.id},
                                     {QStringLiteral("title"), f.title},
                                     {QStringLiteral("score"), f.score ? QJsonValue(*f.score) : QJsonValue()},
                                     {QStringLiteral("implemented"), f.implemented},
                                     {QStringLiteral("partial"), f.partial},
                                     {QStringLiteral("not_implemented"), f.notImplemented},
                                     {QStringLiteral("controls_in_scope"), f.controlsInScope},
                                     {QStringLiteral("controls_satisfied"), f.controlsSatisfied},
                                     {QStringLiteral("controls_other_than_satisfied"), f.controlsOtherThanSatisfied},
                                     {QStringLiteral("reasons"), toArray(f.reasons)}});
    QJsonArray risks;
    for (const auto &r : card.risks)
        risks.append(QJsonObject {{QStringLiteral("id"), r.id},
                                  {QStringLiteral("title"), r.title},
                                  {QStringLiteral("inherent_likelihood"), levelKey(r.inherentLikelihood)},
                                  {QStringLiteral("inherent_impact"), levelKey(r.inherentImpact)},
                                  {QStringLiteral("inherent_level"), levelKey(r.inherentLevel)},
                                  {QStringLiteral("likelihood"), levelKey(r.likelihood)},
                                  {QStringLiteral("impact"), levelKey(r.impact)},
                                  {QStringLiteral("level"), levelKey(r.level)},
                                  {QStringLiteral("mitigation"), std::round(r.mitigationShare * 1000.0) / 1000.0},
                                  {QStringLiteral("overridden"), r.overridden},
                                  {QStringLiteral("reasons"), toArray(r.reasons)}});
    QJsonArray poam;
    for (const auto &p : card.poam)
        poam.append(QJsonObject {{QStringLiteral("id"), p.id},
                                 {QStringLiteral("source"), p.source},
                                 {QStringLiteral("source_id"), p.sourceId},
                                 {QStringLiteral("title"), p.title},
                                 {QStringLiteral("weakness"), p.weakness},
                                 {QStringLiteral("controls"), toArray(p.controls)},
                                 {QStringLiteral("level"), levelKey(p.level)},
                                 {QStringLiteral("detected"), p.detected.toString(Qt::ISODate)},
                                 {QStringLiteral("due"), p.due.toString(Qt::ISODate)},
                                 {QStringLiteral("owner"), p.owner},
                                 {QStringLiteral("milestones"), toArray(p.milestones)},
                                 {QStringLiteral("status"), p.status}});
    QJsonObject summary;
    for (auto d : {ControlDetermination::Satisfied, ControlDetermination::OtherThanSatisfied, ControlDetermination::NotAssessed,
                   ControlDetermination::NotApplicable})
        summary.insert(controlDeterminationKey(d), card.count(d));
    return {{QStringLiteral("engagement"), toJson(engagement)},
            {QStringLiteral("baseline"), card.baseline},
            {QStringLiteral("scoring_rules"), card.scoringRules},
            {QStringLiteral("progress"),
             QJsonObject {{QStringLiteral("answered"), card.answeredQuestions}, {QStringLiteral("questions"), card.scoredQuestions}}},
            {QStringLiteral("control_summary"), summary},
            {QStringLiteral("controls"), controls},
            {QStringLiteral("families"), families},
            {QStringLiteral("risks"), risks},
            {QStringLiteral("poam"), poam}};
}

} // namespace bulkhead
