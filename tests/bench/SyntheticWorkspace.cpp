#include "SyntheticWorkspace.h"

#include "AnswerStore.h"
#include "AuditTrail.h"
#include "EngagementStore.h"
#include "Measure.h"
#include "SyntheticAnswers.h"
#include "Workspace.h"
#include "WorkspaceBackend.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

#include <cstdio>

namespace bulkhead::bench {

namespace {

// Bump when the generator makes different workspaces.
constexpr int kGeneratorVersion = 1;
constexpr int kBatch = 500;

Status exec(Workspace &ws, QSqlQuery &q, const QString &doing)
{
    return q.exec() ? Status {} : Status {ws.sqlError(q, doing)};
}

// Copies one template engagement's rows and audit events to a new engagement.
class EngagementCloner {
public:
    explicit EngagementCloner(Workspace &ws) : m_ws(ws) { }

    Status readHead()
    {
        QSqlQuery q = m_ws.query();
        if (!q.exec(QStringLiteral("SELECT last_id, last_hash FROM audit_head")) || !q.next())
            return m_ws.sqlError(q, QStringLiteral("reading the audit head"));
        m_lastId = q.value(0).toLongLong();
        m_lastHash = q.value(1).toString();
        return {};
    }

    Status writeHead()
    {
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral("UPDATE audit_head SET last_id = ?, last_hash = ? WHERE singleton = 1"));
        q.addBindValue(m_lastId);
        q.addBindValue(m_lastHash);
        return exec(m_ws, q, QStringLiteral("writing the audit head"));
    }

    Result<qint64> clone(qint64 from, const QList<AuditEvent> &events, const QString &client)
    {
        QSqlQuery q = m_ws.query();
        q.prepare(QStringLiteral(
            "INSERT INTO engagement (client, system_name, csp, service_model, architecture, infrastructure, impact, baseline, assessor, "
            "reviewer, status, approved_hash, created_at, updated_at, period_start, period_end, baseline_profile) "
            "SELECT ?, system_name, csp, service_model, architecture, infrastructure, impact, baseline, assessor, reviewer, 'draft', NULL, "
            "created_at, updated_at, period_start, period_end, baseline_profile FROM engagement WHERE id = ? RETURNING id"));
        q.addBindValue(client);
        q.addBindValue(from);
        if (!q.exec() || !q.next())
            return m_ws.sqlError(q, QStringLiteral("copying engagement %1").arg(from));
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        const QStringList copies {
            QStringLiteral("INSERT INTO engagement_questionnaire (engagement_id, questionnaire_key, questionnaire_version_id) "
                           "SELECT ?, questionnaire_key, questionnaire_version_id FROM engagement_questionnaire WHERE engagement_id = ?"),
            QStringLiteral("INSERT INTO engagement_catalogue (engagement_id, position, catalogue_text_id) "
                           "SELECT ?, position, catalogue_text_id FROM engagement_catalogue WHERE engagement_id = ?"),
            QStringLiteral(
                "INSERT INTO answer (engagement_id, question_id, answer_value, implementation_status, note, method, interviewee, "
                "answered_by, answered_at, revision, questionnaire_version_id) SELECT ?, question_id, answer_value, "
                "implementation_status, note, method, interviewee, answered_by, answered_at, revision, questionnaire_version_id "
                "FROM answer WHERE engagement_id = ?"),
            QStringLiteral("INSERT INTO risk_adjustment (engagement_id, risk_id, likelihood, impact, rationale, adjusted_by, adjusted_at) "
                           "SELECT ?, risk_id, likelihood, impact, rationale, adjusted_by, adjusted_at FROM risk_adjustment "
                           "WHERE engagement_id = ?")};
        for (const QString &sql : copies) {
            q.prepare(sql);
            q.addBindValue(id);
            q.addBindValue(from);
            if (auto done = exec(m_ws, q, QStringLiteral("copying the rows of engagement %1").arg(from)); !done)
                return done.error();
        }
        const QString oldEntity = QStringLiteral("engagement:%1").arg(from);
        const QString newEntity = QStringLiteral("engagement:%1").arg(id);
        q.prepare(
            QStringLiteral("INSERT INTO audit_event (id, engagement_id, actor, occurred_at, action, entity, before_state, after_state, "
                           "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (AuditEvent e : events) {
            e.id = ++m_lastId;
            e.engagementId = id;
            if (e.entity == oldEntity || e.entity.startsWith(oldEntity + QLatin1Char('/')))
                e.entity = newEntity + e.entity.mid(oldEntity.size());
            if (e.action == QLatin1String("engagement.create")) {
                QJsonObject after = QJsonDocument::fromJson(e.after.toUtf8()).object();
                after.insert(QStringLiteral("id"), id);
                after.insert(QStringLiteral("client"), client);
                e.after = QString::fromUtf8(QJsonDocument(after).toJson(QJsonDocument::Compact));
            }
            e.prevHash = m_lastHash;
            e.hash = AuditTrail::computeHash(e);
            m_lastHash = e.hash;
            q.addBindValue(e.id);
            q.addBindValue(id);
            q.addBindValue(e.actor);
            q.addBindValue(toStoredTime(e.occurredAt));
            q.addBindValue(e.action);
            q.addBindValue(e.entity);
            q.addBindValue(sqlText(e.before));
            q.addBindValue(sqlText(e.after));
            q.addBindValue(e.prevHash);
            q.addBindValue(e.hash);
            if (auto done = exec(m_ws, q, QStringLiteral("copying the audit trail of engagement %1").arg(from)); !done)
                return done.error();
        }
        return id;
    }

private:
    Workspace &m_ws;
    qint64 m_lastId = 0;
    QString m_lastHash;
};

QString contentKey(const ContentLibrary &library)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto &q : library.questionnaires())
        hash.addData(q.sha256.toLatin1());
    for (const auto &c : library.catalogueTexts())
        hash.addData(c.sha256.toLatin1());
    return QString::fromLatin1(hash.result().toHex().left(10));
}

} // namespace

SyntheticWorkspaces::SyntheticWorkspaces(const WorkspaceBackend &backend, const ContentLibrary &library)
    : m_backend(backend), m_library(library), m_contentKey(contentKey(library))
{
}

Result<SyntheticWorkspace> SyntheticWorkspaces::portfolio(int engagements)
{
    const QString name = QStringLiteral("portfolio-%1-g%2-%3").arg(engagements).arg(kGeneratorVersion).arg(m_contentKey);
    if (!m_backend.exists(name)) {
        const QString partial = name + QStringLiteral(".partial");
        std::fprintf(stderr, "bulkhead-bench: generating %s (%d engagements), cached for later runs\n",
                     qPrintable(m_backend.location(name)), engagements);
        const Stopwatch watch;
        if (auto made = generate(partial, engagements); !made) {
            m_backend.remove(partial);
            return made.error();
        }
        if (auto published = m_backend.publish(partial, name); !published)
            return published.error();
        std::fprintf(stderr, "bulkhead-bench: generated in %.1f s\n", watch.elapsedMs() / 1000);
    }
    auto ws = m_backend.open(name);
    if (!ws)
        return ws.error();
    SyntheticWorkspace made;
    made.name = name;
    QSqlQuery q = (*ws)->query();
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM engagement), (SELECT count(*) FROM answer)")) || !q.next())
        return (*ws)->sqlError(q, QStringLiteral("counting the generated engagements"));
    made.engagements = q.value(0).toInt();
    made.answers = q.value(1).toLongLong();
    made.latencyEngagement = 1;
    if (made.engagements != engagements)
        return Error {QStringLiteral("the cached workspace has %1 engagements, not %2; delete it to generate it again")
                          .arg(made.engagements)
                          .arg(engagements),
                      m_backend.location(name)};
    return made;
}

Status SyntheticWorkspaces::generate(const QString &name, int engagements)
{
    m_backend.remove(name);
    Status result;
    {
        auto opened = m_backend.open(name, WorkspaceOptions {QStringLiteral("Dana Whitfield"), {}, 0});
        if (!opened)
            return opened.error();
        Workspace &ws = **opened;
        Random random(20251128);
        const int templates = std::min(engagements, kTemplates);
        QList<double> completeness;
        EngagementStore store(ws);
        AnswerStore answers(ws);
        // Templates, through the real stores, answer by answer, dated through fieldwork.
        result = ws.write([&]() -> Status {
            for (int t = 0; t < templates; ++t) {
                Engagement e = syntheticEngagement(t, random);
                if (t == 0)
                    e.architecture = QStringLiteral("hybrid"); // hybrid platforms have more to ask about
                const QDateTime start(e.periodStart, QTime(9, 0), Qt::UTC);
                ws.attributeTo(e.assessor, [start, n = qint64(0)]() mutable { return start.addSecs(97 * n++); });
                auto id = store.create(e, m_library);
                if (!id)
                    return id.error();
                e.id = *id;
                // The first is the answer-latency engagement: a draft, every visible question answered.
                const double share = t == 0 || t % 3 == 0 ? 1.0 : std::uniform_real_distribution<double>(0.4, 0.95)(random);
                completeness.append(share);
                QList<AnswerInput> inputs = syntheticAnswers(m_library, e, share, random);
                // The latency engagement is one of the largest an interview produces: of several
                // draws, the one whose answers show the most questions.
                for (int draw = 0; t == 0 && draw < 40; ++draw) {
                    auto other = syntheticAnswers(m_library, e, share, random);
                    if (other.size() > inputs.size())
                        inputs = other;
                }
                for (const auto &input : std::as_const(inputs)) {
                    if (auto saved = answers.save(*id, input, m_library); !saved)
                        return saved.error();
                }
                if (t % 5 == 2) {
                    RiskOverride o;
                    o.engagementId = *id;
                    o.riskId = m_library.risks().risks.value(t % m_library.risks().risks.size()).id;
                    o.likelihood = Level::Low;
                    o.rationale = QStringLiteral("Compensating control seen in operation: a managed WAF in blocking mode in front of every "
                                                 "ingress, verified with the provider's configuration export.");
                    if (auto done = answers.setRiskOverride(o, m_library); !done)
                        return done;
                }
            }
            return {};
        });
        ws.attributeTo({}, {});
        // Copies of the templates, a batch per transaction.
        QList<QList<AuditEvent>> templateEvents;
        for (int t = 0; t < templates && result; ++t) {
            auto events = AuditTrail(ws).events(t + 1);
            if (!events)
                result = events.error();
            else
                templateEvents.append(*events);
        }
        EngagementCloner cloner(ws);
        for (int first = templates; first < engagements && result; first += kBatch) {
            result = ws.write([&]() -> Status {
                if (auto head = cloner.readHead(); !head)
                    return head;
                for (int i = first; i < std::min(engagements, first + kBatch); ++i) {
                    const int t = i % templates;
                    Random names(static_cast<unsigned>(i));
                    auto id = cloner.clone(t + 1, templateEvents.at(t), syntheticEngagement(i, names).client);
                    if (!id)
                        return id.error();
                }
                return cloner.writeHead();
            });
            std::fprintf(stderr, "\r  %d of %d engagements", std::min(engagements, first + kBatch), engagements);
        }
        if (engagements > templates)
            std::fprintf(stderr, "\n");
        // The workflow: drafts, engagements in review and approved ones.
        for (int first = 0; first < engagements && result; first += kBatch) {
            result = ws.write([&]() -> Status {
                for (int i = std::max(first, 1); i < std::min(engagements, first + kBatch); ++i) {
                    if (completeness.at(i % templates) < 1.0)
                        continue;
                    const int stage = i % 10;
                    if (stage < 3)
                        continue;
                    if (auto submitted = store.submit(i + 1); !submitted)
                        return submitted;
                    if (stage >= 6) {
                        if (auto approved = store.approve(i + 1); !approved)
                            return approved;
                    }
                }
                return {};
            });
        }
        if (result && ws.dialect().engine() == SqlDialect::Engine::Sqlite) {
            QSqlQuery q = ws.query();
            if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
                result = ws.sqlError(q, QStringLiteral("checkpointing the generated workspace"));
        }
    }
    return result;
}

} // namespace bulkhead::bench
