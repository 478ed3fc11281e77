#include "DemoWorkspace.h"

#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoData.h"
#include "DemoScript.h"
#include "EngagementStore.h"
#include "Workspace.h"

namespace bulkhead {

namespace {

bool sameEngagement(const Engagement &a, const Engagement &b)
{
    return a.client == b.client && a.system == b.system && a.periodStart == b.periodStart;
}

// When the i-th of n answers was given: spread evenly over the working hours (09:00-17:00 UTC)
// of the assessment period, in order.
QDateTime answerTime(const Engagement &e, qsizetype i, qsizetype n)
{
    constexpr qint64 workingMinutes = 8 * 60;
    const qint64 total = (e.periodStart.daysTo(e.periodEnd) + 1) * workingMinutes;
    const qint64 offset = n > 0 ? i * total / n : 0;
    return QDateTime(e.periodStart.addDays(offset / workingMinutes), QTime(9, 0), Qt::UTC).addSecs(offset % workingMinutes * 60);
}

// Restores the workspace's own actor and clock however the replay ends.
struct ReplayGuard {
    Workspace &workspace;
    ~ReplayGuard() { workspace.attributeTo({}, {}); }
};

// Demo records are made by the people named on the engagement at times inside its assessment
// period (approval a few days after it), so POA&M dates and the audit trail read as they
// would for a real assessment.
Status addDemoEngagement(Workspace &workspace, const ContentLibrary &library, const DemoEngagement &demo, qint64 &id)
{
    const Engagement &e = demo.record;
    QDateTime at(e.periodStart, QTime(8, 30), Qt::UTC);
    ReplayGuard guard {workspace};
    workspace.attributeTo(e.assessor, [&at] { return at; });

    EngagementStore engagements(workspace);
    auto created = engagements.create(demo.record, library);
    if (!created)
        return created.error();
    id = *created;
    AnswerStore answers(workspace);
    for (qsizetype i = 0; i < demo.answers.size(); ++i) {
        const DemoAnswer &a = demo.answers.at(i);
        at = answerTime(e, i, demo.answers.size());
        const AnswerInput input {a.question, a.value, a.note, a.method, a.interviewee.isEmpty() ? demo.interviewee : a.interviewee};
        if (auto saved = answers.save(id, input, library); !saved) {
            Error e = saved.error();
            e.message = QStringLiteral("demo engagement '%1': %2").arg(demo.key, e.message);
            return e;
        }
    }
    if (demo.finalStatus != EngagementStatus::Draft) {
        at = QDateTime(e.periodEnd, QTime(17, 30), Qt::UTC);
        if (auto submitted = engagements.submit(id); !submitted)
            return submitted;
    }
    if (demo.finalStatus == EngagementStatus::Approved) {
        workspace.attributeTo(e.reviewer, [&at] { return at; });
        at = QDateTime(e.periodEnd.addDays(5), QTime(10, 0), Qt::UTC);
        if (auto approved = engagements.approve(id); !approved)
            return approved;
    }
    return {};
}

} // namespace

Result<QList<qint64>> buildDemo(Workspace &workspace, const ContentLibrary &library)
{
    auto script = readDemoScript(demoEngagementsFile(), demoAnswerFiles());
    if (!script)
        return script.error();
    EngagementStore engagements(workspace);
    auto existing = engagements.list();
    if (!existing)
        return existing.error();
    QList<qint64> ids;
    for (const auto &demo : *script) {
        const auto found
            = std::find_if(existing->cbegin(), existing->cend(), [&](const Engagement &e) { return sameEngagement(e, demo.record); });
        if (found != existing->cend()) {
            ids << found->id;
            continue;
        }
        qint64 id = 0;
        if (Status built = workspace.write([&] { return addDemoEngagement(workspace, library, demo, id); }); !built)
            return built.error();
        ids << id;
    }
    return ids;
}

} // namespace bulkhead
