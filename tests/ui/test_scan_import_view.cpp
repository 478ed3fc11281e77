// Scanner results in the GUI: the import dialog on the real files in ../shared/testdata (the
// tool guessed from the file, the counts shown, a refused file named with nothing stored), and
// the proposal bar in the interview, whose Accept saves the answer and Reject leaves it.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "InterviewView.h"
#include "ProposalBar.h"
#include "QuestionPanel.h"
#include "ScanImport.h"
#include "ScanImportDialog.h"
#include "TestSupport.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

constexpr qint64 kDraft = 3; // demo: Northwind Clinics, a draft

struct Demo {
    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    ContentLibrary library = ContentLibrary::builtIn();

    Demo()
    {
        ws = test::openWorkspace(dir);
        auto ids = buildDemo(*ws, library);
        REQUIRE(ids.ok());
        REQUIRE(*ids == QList<qint64> {1, 2, 3});
    }

    int count(const QString &sql)
    {
        QSqlQuery q = ws->query();
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        return q.value(0).toInt();
    }

    std::optional<Answer> answer(const QString &questionId)
    {
        auto all = AnswerStore(*ws).answers(kDraft);
        REQUIRE(all.ok());
        for (const auto &a : *all)
            if (a.questionId == questionId)
                return a;
        return std::nullopt;
    }
};

} // namespace

TEST_CASE("The scan import dialog guesses the tool, imports and shows the counts, and refuses a second import",
          "[ui][scan-import]")
{
    Demo demo;
    ScanImportDialog dialog(*demo.ws, demo.library, kDraft);
    dialog.toolBox()->setCurrentIndex(dialog.toolBox()->findData(int(ScanTool::Sarif)));
    CHECK_FALSE(dialog.importButton()->isEnabled());
    dialog.setFile(test::sharedTestData(QStringLiteral("kube-bench/result.json")));
    CHECK(dialog.toolBox()->currentData().toInt() == int(ScanTool::KubeBench));
    REQUIRE(dialog.importButton()->isEnabled());

    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    INFO(dialog.errorText().toStdString());
    CHECK(dialog.errorText().isEmpty());
    CHECK(dialog.summary().startsWith(QStringLiteral("Imported 3 observation(s) from result.json (kube-bench")));
    CHECK(dialog.summary().contains(QStringLiteral(": 2 pass, 1 review.\n")));
    CHECK(dialog.summary().endsWith(QStringLiteral("1 answer(s) proposed: accept or reject each in the interview.")));
    CHECK(dialog.proposalsMade() == 1);
    CHECK(demo.count(QStringLiteral("SELECT count(*) FROM observation WHERE engagement_id = 3")) == 3);

    // The same file again: refused, said in the dialog, nothing more stored.
    REQUIRE_FALSE(dialog.import());
    CHECK(dialog.errorText().contains(QStringLiteral("this file was imported into engagement 3 before")));
    CHECK(dialog.errorText().contains(QStringLiteral("result.json")));
    CHECK(demo.count(QStringLiteral("SELECT count(*) FROM observation WHERE engagement_id = 3")) == 3);
}

TEST_CASE("A broken docker-bench log is named in the dialog with its position and nothing is stored", "[ui][scan-import]")
{
    Demo demo;
    QByteArray log = test::readBytes(test::sharedTestData(QStringLiteral("docker-bench/docker-bench-report-many-vulns.json")));
    log.truncate(log.size() / 2);
    const QString path = demo.dir.filePath(QStringLiteral("docker-bench.log.json"));
    test::writeBytes(path, log);
    const int evidenceBefore = demo.count(QStringLiteral("SELECT count(*) FROM evidence"));

    ScanImportDialog dialog(*demo.ws, demo.library, kDraft);
    dialog.setFile(path);
    CHECK(dialog.toolBox()->currentData().toInt() == int(ScanTool::DockerBench));
    REQUIRE_FALSE(dialog.import());
    INFO(dialog.errorText().toStdString());
    // path:line:column: what is wrong
    CHECK(QRegularExpression(QStringLiteral("^%1:\\d+:\\d+: not valid JSON: the file ends inside an array")
                                 .arg(QRegularExpression::escape(path)))
              .match(dialog.errorText())
              .hasMatch());
    CHECK(dialog.summary().isEmpty());
    CHECK(demo.count(QStringLiteral("SELECT count(*) FROM evidence")) == evidenceBefore);
    CHECK(demo.count(QStringLiteral("SELECT count(*) FROM observation")) == 0);
}

TEST_CASE("The interview shows a proposed answer, and Accept saves it while Reject leaves the answer", "[ui][scan-import]")
{
    Demo demo;
    auto imported = importScan(*demo.ws, demo.library, kDraft, ScanTool::KubeBench,
                               test::sharedTestData(QStringLiteral("kube-bench/result.json")));
    REQUIRE(imported.ok());
    REQUIRE(imported->proposals.size() == 1);
    const QString proposed = imported->proposals.first().questionId;
    REQUIRE(proposed == QStringLiteral("infra.orchestration.node_join"));
    REQUIRE_FALSE(demo.answer(proposed));

    InterviewView view(*demo.ws, demo.library);
    view.resize(1200, 800);
    view.show();
    view.showEngagement(kDraft);
    ProposalBar *bar = view.proposalBar();
    QStringList changes;
    QObject::connect(&view, &InterviewView::engagementChanged, [&changes](qint64 id) { changes << QString::number(id); });

    SECTION("accept")
    {
        REQUIRE(view.showQuestion(proposed));
        CHECK(bar->isVisible());
        CHECK(bar->text()
              == QStringLiteral("Scanner results propose “Yes”. %1.").arg(imported->proposals.first().reason));
        QTest::mouseClick(bar->acceptButton(), Qt::LeftButton);
        CHECK_FALSE(bar->isVisible());
        const auto saved = demo.answer(proposed);
        REQUIRE(saved);
        CHECK(saved->value == QStringLiteral("yes"));
        CHECK(saved->note.startsWith(QStringLiteral("From scanner observations ")));
        CHECK(view.questionPanel()->input().value == QStringLiteral("yes"));
        CHECK(changes == QStringList {QStringLiteral("3")});
        CHECK(demo.count(QStringLiteral("SELECT count(*) FROM answer_proposal WHERE state = 'accepted'")) == 1);
    }
    SECTION("reject")
    {
        REQUIRE(view.showQuestion(proposed));
        QTest::mouseClick(bar->rejectButton(), Qt::LeftButton);
        CHECK_FALSE(bar->isVisible());
        CHECK_FALSE(demo.answer(proposed));
        CHECK(changes == QStringList {QStringLiteral("3")});
        CHECK(demo.count(QStringLiteral("SELECT count(*) FROM answer_proposal WHERE state = 'rejected'")) == 1);
        // Nothing is proposed again from the same observations.
        view.showEngagement(kDraft);
        REQUIRE(view.showQuestion(proposed));
        CHECK_FALSE(bar->isVisible());
    }
    SECTION("accepting does not replace an answer a colleague saved after the bar was shown")
    {
        REQUIRE(view.showQuestion(proposed));
        REQUIRE(bar->isVisible());
        WorkspaceOptions options;
        options.actor = QStringLiteral("j.park");
        auto colleague = Workspace::open(demo.ws->path(), options);
        REQUIRE(colleague.ok());
        auto theirs = AnswerStore(**colleague).save(kDraft, {proposed, QStringLiteral("no"), QStringLiteral("Checked by hand."), {}, {}},
                                                    demo.library);
        REQUIRE(theirs.ok());
        QTest::mouseClick(bar->acceptButton(), Qt::LeftButton);
        const auto stored = demo.answer(proposed);
        REQUIRE(stored);
        CHECK(stored->value == QStringLiteral("no"));
        CHECK(stored->answeredBy == QStringLiteral("j.park"));
        CHECK(stored->revision == 1);
        CHECK(changes.isEmpty());
        CHECK(view.errorLabel()->text().startsWith(QStringLiteral("The proposal for infra.orchestration.node_join was not accepted: ")));
        CHECK(view.errorLabel()->text().contains(QStringLiteral("j.park")));
        // Still pending, beside their answer now, for the assessor to decide again.
        CHECK(demo.count(QStringLiteral("SELECT count(*) FROM answer_proposal WHERE state = 'pending'")) == 1);
        CHECK(bar->isVisible());
        QTest::mouseClick(bar->acceptButton(), Qt::LeftButton);
        const auto accepted = demo.answer(proposed);
        REQUIRE(accepted);
        CHECK(accepted->value == QStringLiteral("yes"));
        CHECK(accepted->revision == 2);
        CHECK(accepted->note.contains(QStringLiteral("Replaces the answer 'no' (revision 1 by j.park")));
        CHECK(changes == QStringList {QStringLiteral("3")});
    }
    SECTION("a question without a proposal shows no bar")
    {
        REQUIRE(view.showQuestion(QStringLiteral("arch.host.hardening")));
        CHECK_FALSE(bar->isVisible());
        CHECK(bar->text().isEmpty());
    }
}
