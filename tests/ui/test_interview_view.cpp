// The interview view on the demo workspace, on the offscreen platform, driven with real key
// presses. What it saves is read back through a second connection to the workspace file.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "InterviewView.h"
#include "QuestionFilterModel.h"
#include "QuestionPanel.h"
#include "QuestionTreeModel.h"
#include "TestSupport.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

struct DemoInterview {
    DemoInterview()
    {
        ws = test::openWorkspace(dir);
        auto built = buildDemo(*ws, library);
        REQUIRE(built.ok());
        REQUIRE(built->size() == 3);
        approved = built->at(0);
        inReview = built->at(1);
        northwind = built->at(2);
        view = std::make_unique<InterviewView>(*ws, library);
        view->resize(1200, 800);
        view->show();
        view->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(view.get()));
    }

    // The shortcuts need the focus inside the view, as a user's would be.
    QTreeView *tree() const
    {
        view->questionTree()->setFocus(Qt::OtherFocusReason);
        return view->questionTree();
    }

    // The answer as a second connection to the same workspace file reads it.
    std::optional<Answer> stored(qint64 engagementId, const QString &questionId) const
    {
        auto other = Workspace::open(ws->path());
        REQUIRE(other.ok());
        auto answers = AnswerStore(**other).answers(engagementId);
        REQUIRE(answers.ok());
        for (const auto &a : *answers) {
            if (a.questionId == questionId)
                return a;
        }
        return std::nullopt;
    }

    qsizetype storedCount(qint64 engagementId) const
    {
        auto other = Workspace::open(ws->path());
        REQUIRE(other.ok());
        auto answers = AnswerStore(**other).answers(engagementId);
        REQUIRE(answers.ok());
        return answers->size();
    }

    // The question ids the tree shows, in order.
    QStringList shownIds() const
    {
        QStringList ids;
        collect(*view->filterModel(), {}, ids);
        return ids;
    }

    static void collect(const QAbstractItemModel &model, const QModelIndex &parent, QStringList &ids)
    {
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            const QString id = index.data(QuestionTreeModel::QuestionIdRole).toString();
            if (!id.isEmpty())
                ids << id;
            collect(model, index, ids);
        }
    }

    QTemporaryDir dir;
    std::unique_ptr<Workspace> ws;
    ContentLibrary library = ContentLibrary::builtIn();
    qint64 approved = 0;
    qint64 inReview = 0;
    qint64 northwind = 0;
    std::unique_ptr<InterviewView> view;
};

const QString kMetadata = QStringLiteral("image.registry.metadata");
const QString kRegistryType = QStringLiteral("image.registry.type");
const QString kSelfRun = QStringLiteral("image.registry.self_run");
const QString kPublicRepos = QStringLiteral("image.registry.public_repos");

int checkedButton(const QuestionPanel &panel)
{
    const auto buttons = panel.answerButtons();
    for (int i = 0; i < buttons.size(); ++i) {
        if (buttons.at(i)->isChecked())
            return i;
    }
    return -1;
}

} // namespace

TEST_CASE("A digit key answers the question and Enter moves to the next visible question")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    // The interview resumes at the first visible question without an answer.
    CHECK(d.view->currentQuestionId() == QStringLiteral("arch.host.resource_limits"));
    QSignalSpy changed(d.view.get(), &InterviewView::engagementChanged);
    REQUIRE(d.view->showQuestion(kMetadata));
    CHECK(d.view->questionPanel()->questionText().startsWith(QStringLiteral("Does every image carry metadata naming its owner")));
    REQUIRE(d.view->questionPanel()->answerButtons().size() == 4); // yes, partly, no, not applicable
    CHECK(d.view->questionModel()->sectionProgress(QStringLiteral("image.registry")) == QStringLiteral("5 of 9"));
    CHECK_FALSE(d.stored(d.northwind, kMetadata).has_value());

    QTest::keyClick(d.tree(), Qt::Key_3);
    const auto saved = d.stored(d.northwind, kMetadata);
    REQUIRE(saved.has_value());
    CHECK(saved->value == QStringLiteral("no"));
    CHECK(saved->status == ImplementationStatus::NotImplemented);
    CHECK(saved->revision == 1);
    CHECK(checkedButton(*d.view->questionPanel()) == 2);
    CHECK(d.view->questionModel()->sectionProgress(QStringLiteral("image.registry")) == QStringLiteral("6 of 9"));
    CHECK(changed.count() == 1);
    CHECK(changed.at(0).at(0).toLongLong() == d.northwind);
    // The store cannot clear an answer, so a first answer is not on the undo stack.
    CHECK_FALSE(d.view->undoStack()->canUndo());

    QTest::keyClick(d.tree(), Qt::Key_Return);
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.promotion"));
    CHECK(d.view->questionTree()->currentIndex().data(QuestionTreeModel::QuestionIdRole).toString()
          == QStringLiteral("image.registry.promotion"));
    QTest::keyClick(d.tree(), Qt::Key_Return, Qt::ControlModifier);
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.immutability"));
    QTest::keyClick(d.tree(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.promotion"));
    QTest::keyClick(d.tree(), Qt::Key_PageUp);
    CHECK(d.view->currentQuestionId() == kMetadata);
    CHECK(checkedButton(*d.view->questionPanel()) == 2);
    QTest::keyClick(d.tree(), Qt::Key_PageUp);
    // image.registry.public_repos and self_run are hidden: Northwind pulls from the provider's registry.
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.transport"));
    CHECK(changed.count() == 1); // moving saves nothing new
}

TEST_CASE("A question hidden by its condition appears and disappears as the fact changes")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    REQUIRE(d.view->showQuestion(kRegistryType));
    CHECK(d.shownIds().contains(kRegistryType));
    CHECK_FALSE(d.shownIds().contains(kSelfRun));
    CHECK_FALSE(d.view->questionModel()->indexOfQuestion(kSelfRun).isValid());
    CHECK_FALSE(d.view->showQuestion(kSelfRun));

    // "1" picks the first option, a private registry, which `image.registry.self_run` asks about.
    QTest::keyClick(d.tree(), Qt::Key_1);
    REQUIRE(d.stored(d.northwind, kRegistryType).has_value());
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("private"));
    CHECK(d.shownIds().contains(kSelfRun));
    CHECK_FALSE(d.shownIds().contains(kPublicRepos));
    const QModelIndex selfRun = d.view->questionModel()->indexOfQuestion(kSelfRun);
    REQUIRE(selfRun.isValid());
    CHECK(selfRun.row() == 1);
    CHECK(selfRun.parent().data().toString() == QStringLiteral("Registry"));
    CHECK(d.view->questionModel()->sectionProgress(QStringLiteral("image.registry")) == QStringLiteral("5 of 10"));
    QTest::keyClick(d.tree(), Qt::Key_Return);
    CHECK(d.view->currentQuestionId() == kSelfRun);

    // Back to the provider's registry: the follow-up question goes away again.
    QTest::keyClick(d.tree(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(d.view->currentQuestionId() == kRegistryType);
    QTest::keyClick(d.tree(), Qt::Key_2);
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("provider"));
    CHECK_FALSE(d.shownIds().contains(kSelfRun));
    CHECK_FALSE(d.view->questionModel()->indexOfQuestion(kSelfRun).isValid());
    CHECK(d.view->questionModel()->sectionProgress(QStringLiteral("image.registry")) == QStringLiteral("5 of 9"));
    QTest::keyClick(d.tree(), Qt::Key_Return);
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.access"));
}

TEST_CASE("A digit toggles an option of a multiple-choice question, and an empty choice is refused")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    const QString apiStyle = QStringLiteral("data.inventory.api_style");
    const QString soapVersion = QStringLiteral("data.transit.soap_version");
    REQUIRE(d.view->showQuestion(apiStyle));
    REQUIRE(d.view->questionPanel()->answerButtons().size() == 5);
    CHECK(d.stored(d.northwind, apiStyle)->value == QStringLiteral("rest"));
    CHECK_FALSE(d.shownIds().contains(soapVersion));

    QTest::keyClick(d.tree(), Qt::Key_2); // SOAP web services, as well as REST
    CHECK(d.stored(d.northwind, apiStyle)->value == QStringLiteral("rest,soap"));
    CHECK(d.shownIds().contains(soapVersion));
    CHECK(d.shownIds().contains(QStringLiteral("data.transit.soap_wss")));
    QTest::keyClick(d.tree(), Qt::Key_2);
    CHECK(d.stored(d.northwind, apiStyle)->value == QStringLiteral("rest"));
    CHECK_FALSE(d.shownIds().contains(soapVersion));

    QTest::keyClick(d.tree(), Qt::Key_1); // nothing left chosen
    CHECK(d.stored(d.northwind, apiStyle)->value == QStringLiteral("rest"));
    CHECK(d.view->errorLabel()->isVisibleTo(d.view.get()));
    CHECK(d.view->errorLabel()->text()
          == QStringLiteral("The answer to data.inventory.api_style was not saved: question 'data.inventory.api_style': a multiple-choice "
                            "answer needs at least one option (rest, soap, graphql, grpc, none)"));
    CHECK_FALSE(d.view->isReadOnly());
    QTest::keyClick(d.tree(), Qt::Key_4);
    CHECK(d.stored(d.northwind, apiStyle)->value == QStringLiteral("grpc"));
    CHECK_FALSE(d.view->errorLabel()->isVisibleTo(d.view.get()));
}

TEST_CASE("Undo puts the previous answer back in the workspace and redo applies the change again")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    const auto demo = d.stored(d.northwind, kRegistryType);
    REQUIRE(demo.has_value());
    REQUIRE(demo->value == QStringLiteral("provider"));
    REQUIRE(demo->note.startsWith(QStringLiteral("GKE workloads pull from Google Artifact Registry")));
    REQUIRE(d.view->showQuestion(kRegistryType));

    QTest::keyClick(d.tree(), Qt::Key_3); // a public registry
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("public"));
    CHECK(d.shownIds().contains(kPublicRepos));
    REQUIRE(d.view->undoStack()->count() == 1);
    CHECK(d.view->undoStack()->undoText() == QStringLiteral("answer to image.registry.type"));

    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    auto restored = d.stored(d.northwind, kRegistryType);
    REQUIRE(restored.has_value());
    CHECK(restored->value == QStringLiteral("provider"));
    CHECK(restored->note == demo->note);
    CHECK(restored->method == demo->method);
    CHECK(restored->revision == demo->revision + 2);
    CHECK(checkedButton(*d.view->questionPanel()) == 1);
    CHECK_FALSE(d.shownIds().contains(kPublicRepos));

    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("public"));
    CHECK(checkedButton(*d.view->questionPanel()) == 2);
    CHECK(d.shownIds().contains(kPublicRepos));

    // The main window's Edit menu drives the same stack.
    d.view->undoStack()->undo();
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("provider"));
    CHECK(d.view->undoStack()->canRedo());
}

TEST_CASE("An approved engagement is shown read-only and key presses store nothing")
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    DemoInterview d;
    d.view->showEngagement(d.approved);
    CHECK(d.view->isReadOnly());
    CHECK(d.view->bannerLabel()->isVisibleTo(d.view.get()));
    // Approved by the demo's reviewer at 10:00 UTC on 19 November 2025.
    CHECK(d.view->bannerLabel()->text() == QStringLiteral("Approved on 19 Nov 2025 — reopen it to make changes."));
    const QString question = d.view->currentQuestionId();
    REQUIRE_FALSE(question.isEmpty());
    const auto before = d.stored(d.approved, question);
    REQUIRE(before.has_value());
    const qsizetype count = d.storedCount(d.approved);

    QuestionPanel *panel = d.view->questionPanel();
    REQUIRE(panel->answerButtons().size() >= 2);
    for (auto *button : panel->answerButtons())
        CHECK_FALSE(button->isEnabled());
    CHECK(panel->noteEdit()->isReadOnly());
    CHECK_FALSE(panel->methodBox()->isEnabled());
    CHECK(panel->intervieweeEdit()->isReadOnly());

    const int checked = checkedButton(*panel);
    for (const auto key : {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4})
        QTest::keyClick(d.tree(), key);
    CHECK(checkedButton(*panel) == checked);
    CHECK(d.stored(d.approved, question)->value == before->value);
    CHECK(d.stored(d.approved, question)->revision == before->revision);
    CHECK(d.storedCount(d.approved) == count);
    CHECK(d.view->undoStack()->count() == 0);
    CHECK_FALSE(d.view->errorLabel()->isVisibleTo(d.view.get()));

    // The store takes changes to an engagement in review, so the view does too, and says so.
    d.view->showEngagement(d.inReview);
    CHECK_FALSE(d.view->isReadOnly());
    CHECK(d.view->bannerLabel()->text().startsWith(QStringLiteral("In review")));
    REQUIRE_FALSE(d.view->questionPanel()->answerButtons().isEmpty());
    CHECK(d.view->questionPanel()->answerButtons().constFirst()->isEnabled());
    CHECK_FALSE(d.view->questionPanel()->noteEdit()->isReadOnly());
}

TEST_CASE("A refused save is shown with the question's id and the choice stays on screen")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    REQUIRE(d.view->showQuestion(kMetadata));
    {
        // Someone approves the engagement behind the view's back.
        auto other = Workspace::open(d.ws->path());
        REQUIRE(other.ok());
        REQUIRE(EngagementStore(**other).submit(d.northwind).ok());
        REQUIRE(EngagementStore(**other).approve(d.northwind).ok());
    }
    QTest::keyClick(d.tree(), Qt::Key_1);
    CHECK(d.view->errorLabel()->isVisibleTo(d.view.get()));
    CHECK(d.view->errorLabel()->text().startsWith(QStringLiteral("The answer to image.registry.metadata was not saved: ")));
    CHECK(d.view->errorLabel()->text().contains(QStringLiteral("approved")));
    CHECK(checkedButton(*d.view->questionPanel()) == 0);
    CHECK_FALSE(d.stored(d.northwind, kMetadata).has_value());
    // The view learns from the refusal and stops taking edits.
    CHECK(d.view->isReadOnly());
    CHECK(d.view->bannerLabel()->text().startsWith(QStringLiteral("Approved on ")));
    CHECK_FALSE(d.view->questionPanel()->answerButtons().constFirst()->isEnabled());
    CHECK(d.view->undoStack()->count() == 0);
}

TEST_CASE("An undo the store refuses is reported and the answer stays as stored")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    REQUIRE(d.view->showQuestion(kRegistryType));
    QTest::keyClick(d.tree(), Qt::Key_3);
    REQUIRE(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("public"));
    REQUIRE(d.view->undoStack()->count() == 1);
    {
        auto other = Workspace::open(d.ws->path());
        REQUIRE(other.ok());
        REQUIRE(EngagementStore(**other).submit(d.northwind).ok());
        REQUIRE(EngagementStore(**other).approve(d.northwind).ok());
    }
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("public"));
    CHECK(d.view->errorLabel()->text().startsWith(QStringLiteral("The answer to image.registry.type was not saved: ")));
    CHECK(d.view->isReadOnly());
    QCoreApplication::processEvents();
    CHECK(d.view->undoStack()->count() == 0);
    QTest::keyClick(d.tree(), Qt::Key_2);
    CHECK(d.stored(d.northwind, kRegistryType)->value == QStringLiteral("public"));
}

TEST_CASE("The search box narrows the tree to the questions whose id or text matches")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    const qsizetype visible = d.view->questionModel()->visibleQuestionIds().size();
    CHECK(d.shownIds().size() == visible);

    QTest::keyClick(d.tree(), Qt::Key_F, Qt::ControlModifier);
    REQUIRE(QApplication::focusWidget() == d.view->searchBox());
    CHECK(d.view->searchBox()->placeholderText() == QStringLiteral("Find a question"));

    QTest::keyClicks(d.view->searchBox(), QStringLiteral("image.registry."));
    CHECK(d.shownIds()
          == QStringList({QStringLiteral("image.registry.type"), QStringLiteral("image.registry.access"),
                          QStringLiteral("image.registry.transport"), QStringLiteral("image.registry.metadata"),
                          QStringLiteral("image.registry.promotion"), QStringLiteral("image.registry.immutability"),
                          QStringLiteral("image.registry.retention"), QStringLiteral("image.registry.rescan"),
                          QStringLiteral("image.registry.audit")}));
    // Headings stay only above matches: one questionnaire, one section.
    REQUIRE(d.view->filterModel()->rowCount() == 1);
    CHECK(d.view->filterModel()->index(0, 0).data().toString() == QStringLiteral("Images, registry and content"));
    CHECK(d.view->filterModel()->rowCount(d.view->filterModel()->index(0, 0)) == 1);

    // Enter in the search box moves through the matches only.
    REQUIRE(d.view->showQuestion(QStringLiteral("image.registry.audit")));
    d.view->searchBox()->setFocus();
    QTest::keyClick(d.view->searchBox(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.rescan"));

    d.view->searchBox()->clear();
    QTest::keyClicks(d.view->searchBox(), QStringLiteral("WS-SECURITY"));
    CHECK(d.shownIds().isEmpty()); // only asked when the platform has SOAP interfaces, which Northwind's has not

    d.view->searchBox()->clear();
    QTest::keyClicks(d.view->searchBox(), QStringLiteral("encrypt"));
    // 11 questions mention encryption in their id or text; data.transit.soap_wss is hidden (no SOAP).
    CHECK(d.shownIds().size() == 10);
    CHECK(d.shownIds().contains(QStringLiteral("infra.orchestration.secrets_encryption")));
    CHECK_FALSE(d.shownIds().contains(QStringLiteral("data.transit.soap_wss")));

    QTest::keyClick(d.view->searchBox(), Qt::Key_Escape);
    CHECK(d.view->searchBox()->text().isEmpty());
    CHECK(d.shownIds().size() == visible);
}

TEST_CASE("The question models pass QAbstractItemModelTester while answers change what is visible")
{
    static QStringList problems;
    problems.clear();
    const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        if (type != QtDebugMsg && QLatin1String(context.category) == QLatin1String("qt.modeltest"))
            problems << message;
    });

    DemoInterview d;
    QAbstractItemModelTester treeTester(d.view->questionModel(), QAbstractItemModelTester::FailureReportingMode::Warning);
    QAbstractItemModelTester filterTester(d.view->filterModel(), QAbstractItemModelTester::FailureReportingMode::Warning);
    d.view->showEngagement(d.northwind);
    QuestionTreeModel *model = d.view->questionModel();
    CHECK(model->rowCount() == 7);
    CHECK(model->columnCount() == 2);
    CHECK(model->headerData(QuestionTreeModel::ProgressColumn, Qt::Horizontal).toString() == QStringLiteral("Answered"));
    const QModelIndex type = model->indexOfQuestion(kRegistryType);
    REQUIRE(type.isValid());
    CHECK(type.data().toString() == kRegistryType);
    CHECK(model->index(type.row(), QuestionTreeModel::ProgressColumn, type.parent()).data().toString()
          == QStringLiteral("The cloud provider's managed registry (e.g. Amazon ECR, Google Artifact Registry)"));
    CHECK(model->index(type.parent().row(), QuestionTreeModel::ProgressColumn, type.parent().parent()).data().toString()
          == QStringLiteral("5 of 9"));

    REQUIRE(d.view->showQuestion(kRegistryType));
    for (const auto key : {Qt::Key_1, Qt::Key_3, Qt::Key_2})
        QTest::keyClick(d.tree(), key);
    d.view->searchBox()->setText(QStringLiteral("registry"));
    d.view->searchBox()->clear();
    d.view->showEngagement(d.approved);

    qInstallMessageHandler(previous);
    CHECK(problems.isEmpty());
    CHECK(problems.join(QLatin1Char('\n')) == QString());
}

TEST_CASE("Note, method and interviewee are saved with the answer")
{
    DemoInterview d;
    d.view->showEngagement(d.northwind);
    QuestionPanel *panel = d.view->questionPanel();
    const QString access = QStringLiteral("image.registry.access");
    REQUIRE(d.view->showQuestion(access));
    REQUIRE(panel->methodBox()->currentData().toString() == QStringLiteral("examine"));

    panel->noteEdit()->setFocus();
    QTest::keyClick(panel->noteEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(panel->noteEdit(), QStringLiteral("Checked the IAM bindings"));
    QTest::keyClick(panel->noteEdit(), Qt::Key_Return); // a new line in the note, not the next question
    QTest::keyClicks(panel->noteEdit(), QStringLiteral("on the registry."));
    CHECK(d.view->currentQuestionId() == access);
    CHECK(d.stored(d.northwind, access)->note.startsWith(QStringLiteral("Artifact Registry writer role"))); // not every keystroke

    panel->intervieweeEdit()->setFocus(); // leaving the note saves it
    CHECK(d.stored(d.northwind, access)->note == QStringLiteral("Checked the IAM bindings\non the registry."));
    REQUIRE(panel->intervieweeEdit()->text() == QStringLiteral("S. Achebe, head of infrastructure"));
    QTest::keyClick(panel->intervieweeEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(panel->intervieweeEdit(), QStringLiteral("J. Park, SRE lead"));
    panel->methodBox()->setFocus(); // leaving the interviewee saves it
    CHECK(d.stored(d.northwind, access)->interviewee == QStringLiteral("J. Park, SRE lead"));
    QTest::keyClick(panel->methodBox(), Qt::Key_Down); // examine -> interview
    const auto saved = d.stored(d.northwind, access);
    REQUIRE(saved.has_value());
    CHECK(saved->method == QStringLiteral("interview"));
    CHECK(saved->value == QStringLiteral("yes"));
    CHECK(saved->note == QStringLiteral("Checked the IAM bindings\non the registry."));
    CHECK(saved->interviewee == QStringLiteral("J. Park, SRE lead"));
    CHECK(d.view->undoStack()->count() == 3);

    // On a question without an answer the note waits for one, and is not lost meanwhile.
    REQUIRE(d.view->showQuestion(kMetadata));
    panel->noteEdit()->setFocus();
    QTest::keyClicks(panel->noteEdit(), QStringLiteral("Labels seen on 3 of 8 images"));
    d.tree();
    CHECK_FALSE(d.stored(d.northwind, kMetadata).has_value());
    QTest::keyClick(d.tree(), Qt::Key_Return);
    QTest::keyClick(d.tree(), Qt::Key_PageUp);
    REQUIRE(d.view->currentQuestionId() == kMetadata);
    CHECK(panel->noteEdit()->toPlainText() == QStringLiteral("Labels seen on 3 of 8 images"));
    QTest::keyClick(d.tree(), Qt::Key_2);
    const auto metadata = d.stored(d.northwind, kMetadata);
    REQUIRE(metadata.has_value());
    CHECK(metadata->value == QStringLiteral("partial"));
    CHECK(metadata->note == QStringLiteral("Labels seen on 3 of 8 images"));
    CHECK(metadata->method.isEmpty());
}
