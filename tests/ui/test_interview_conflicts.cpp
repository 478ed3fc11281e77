// Two assessors answering the same engagement at once: the interview view on the demo workspace
// file, and a colleague saving through a second workspace opened on the same file as another
// actor. The view's saves and undos expect the revision it last saw, so the colleague's answer
// is never overwritten unseen; the conflict bar offers to keep it or to save over it.
#include "AnswerConflictBar.h"
#include "AnswerStore.h"
#include "AuditTrail.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "InterviewView.h"
#include "QuestionPanel.h"
#include "QuestionTreeModel.h"
#include "TestSupport.h"

#include <QAbstractButton>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace bulkhead;

namespace {

const QString kMe = QStringLiteral("a.moreau");
const QString kColleague = QStringLiteral("j.park");
const QString kAccess = QStringLiteral("image.registry.access"); // yes/no; the demo answers "yes"
const QString kMetadata = QStringLiteral("image.registry.metadata"); // unanswered in the demo
const QString kRegistryType = QStringLiteral("image.registry.type"); // the demo answers "provider"
const QString kSelfRun = QStringLiteral("image.registry.self_run"); // asked only of a private registry

struct SharedInterview {
    SharedInterview()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        WorkspaceOptions mine;
        mine.actor = kMe;
        ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), mine);
        auto built = buildDemo(*ws, library);
        REQUIRE(built.ok());
        REQUIRE(built->size() == 3);
        northwind = built->at(2);

        // The colleague's clock reads 09:00 local time on 20 November 2025, a second more at each save.
        WorkspaceOptions theirs;
        theirs.actor = kColleague;
        theirs.clock = test::steppingClock(QDateTime(QDate(2025, 11, 20), QTime(9, 0), Qt::LocalTime).toUTC());
        auto opened = Workspace::open(ws->path(), theirs);
        REQUIRE(opened.ok());
        colleague = std::move(*opened);

        view = std::make_unique<InterviewView>(*ws, library);
        view->resize(1200, 800);
        view->show();
        view->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(view.get()));
        view->showEngagement(northwind);
    }

    // The shortcuts need the focus inside the view, as a user's would be.
    QTreeView *tree() const
    {
        view->questionTree()->setFocus(Qt::OtherFocusReason);
        return view->questionTree();
    }

    // The answer as the colleague's connection reads it now.
    Answer stored(const QString &questionId) const
    {
        auto answer = AnswerStore(*colleague).answer(northwind, questionId);
        REQUIRE(answer.ok());
        REQUIRE(answer->has_value());
        return **answer;
    }

    // The colleague saves an answer, overwriting whatever is there as the CLI without
    // --expect-revision would.
    Answer colleagueSaves(const QString &questionId, const QString &value, const QString &note = {})
    {
        auto saved = AnswerStore(*colleague).save(northwind, {questionId, value, note, QStringLiteral("examine"), {}}, library);
        REQUIRE(saved.ok());
        return *saved;
    }

    qsizetype answerSaves() const
    {
        auto events = AuditTrail(*colleague).events(northwind);
        REQUIRE(events.ok());
        return std::count_if(events->cbegin(), events->cend(),
                             [](const AuditEvent &e) { return e.action == QStringLiteral("answer.save"); });
    }

    int checkedButton() const
    {
        const auto buttons = view->questionPanel()->answerButtons();
        for (int i = 0; i < buttons.size(); ++i) {
            if (buttons.at(i)->isChecked())
                return i;
        }
        return -1;
    }

    // The answer the question tree shows beside the question.
    QString treeAnswer(const QString &questionId) const
    {
        const QModelIndex question = view->questionModel()->indexOfQuestion(questionId);
        REQUIRE(question.isValid());
        return view->questionModel()->index(question.row(), QuestionTreeModel::ProgressColumn, question.parent()).data().toString();
    }

    AnswerConflictBar *bar() const { return view->conflictBar(); }
    bool barShown() const { return bar()->isVisibleTo(view.get()); }

    QTemporaryDir dir;
    ContentLibrary library = ContentLibrary::builtIn();
    std::unique_ptr<Workspace> ws;
    std::unique_ptr<Workspace> colleague;
    qint64 northwind = 0;
    std::unique_ptr<InterviewView> view;
};

} // namespace

TEST_CASE("An edit with no one else saving meanwhile is saved at the next revision, with no conflict bar")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kAccess));
    const Answer demo = d.stored(kAccess);
    REQUIRE(demo.value == QStringLiteral("yes"));
    const qsizetype saves = d.answerSaves();
    CHECK_FALSE(d.barShown());

    QTest::keyClick(d.tree(), Qt::Key_3); // no
    Answer saved = d.stored(kAccess);
    CHECK(saved.value == QStringLiteral("no"));
    CHECK(saved.revision == demo.revision + 1);
    CHECK(saved.answeredBy == kMe);
    CHECK_FALSE(d.barShown());
    CHECK(d.bar()->text().isEmpty());
    CHECK(d.view->undoStack()->count() == 1);

    // The undo expects the revision the edit left, which is still the stored one.
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    saved = d.stored(kAccess);
    CHECK(saved.value == QStringLiteral("yes"));
    CHECK(saved.revision == demo.revision + 2);
    CHECK_FALSE(d.barShown());
    CHECK(d.checkedButton() == 0);

    // Two steps undone in a row: the second undo expects the revision the first one left.
    QTest::keyClick(d.tree(), Qt::Key_2); // partly
    QTest::keyClick(d.tree(), Qt::Key_4); // not applicable
    REQUIRE(d.stored(kAccess).revision == demo.revision + 4);
    REQUIRE(d.view->undoStack()->index() == 2);
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    saved = d.stored(kAccess);
    CHECK(saved.value == QStringLiteral("yes"));
    CHECK(saved.revision == demo.revision + 6);
    CHECK_FALSE(d.barShown());
    CHECK(d.view->undoStack()->index() == 0);

    // A first answer expects that there is none yet.
    REQUIRE(d.view->showQuestion(kMetadata));
    QTest::keyClick(d.tree(), Qt::Key_2); // partly
    const Answer first = d.stored(kMetadata);
    CHECK(first.value == QStringLiteral("partial"));
    CHECK(first.revision == 1);
    CHECK_FALSE(d.barShown());
    CHECK(d.answerSaves() == saves + 7);
}

TEST_CASE("An answer another assessor saved meanwhile stays, the bar says who changed it to what and when, and Keep theirs shows it")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kAccess));
    const Answer demo = d.stored(kAccess);
    const Answer theirs = d.colleagueSaves(kAccess, QStringLiteral("partial"), QStringLiteral("Two administrators keep push rights"));
    REQUIRE(theirs.revision == demo.revision + 1);
    const qsizetype saves = d.answerSaves();
    QSignalSpy changed(d.view.get(), &InterviewView::engagementChanged);

    QTest::keyClick(d.tree(), Qt::Key_3); // no, over the "yes" the view read
    CHECK(d.barShown());
    CHECK(d.bar()->text()
          == QStringLiteral("j.park changed this answer to “Partly” on 20 Nov 2025 at 09:00.\nYour version below has not been saved."));
    CHECK(d.bar()->keepTheirsButton()->text() == QStringLiteral("&Keep theirs"));
    CHECK(d.bar()->overwriteButton()->text() == QStringLiteral("&Overwrite with mine"));
    CHECK(d.bar()->overwriteButton()->isEnabled());
    Answer stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("partial"));
    CHECK(stored.revision == theirs.revision);
    CHECK(stored.answeredBy == kColleague);
    CHECK(stored.note == QStringLiteral("Two administrators keep push rights"));
    CHECK(d.checkedButton() == 2); // what the assessor chose is still on screen
    CHECK(d.treeAnswer(kAccess) == QStringLiteral("Partly")); // the tree shows what is stored
    CHECK(d.view->questionPanel()->noteEdit()->toPlainText() == demo.note);
    CHECK_FALSE(d.view->errorLabel()->isVisibleTo(d.view.get()));
    CHECK(d.view->undoStack()->count() == 0);
    CHECK(d.answerSaves() == saves);
    CHECK(changed.count() == 0);

    // Moving on and back neither saves nor forgets it.
    QTest::keyClick(d.tree(), Qt::Key_Return);
    CHECK(d.view->currentQuestionId() == QStringLiteral("image.registry.transport"));
    CHECK_FALSE(d.barShown());
    QTest::keyClick(d.tree(), Qt::Key_PageUp);
    REQUIRE(d.view->currentQuestionId() == kAccess);
    CHECK(d.barShown());
    CHECK(d.bar()->text().startsWith(QStringLiteral("j.park changed this answer to “Partly” on 20 Nov 2025 at 09:00.")));
    CHECK(d.checkedButton() == 2);
    CHECK(d.stored(kAccess).revision == theirs.revision);
    CHECK(d.answerSaves() == saves);

    QTest::mouseClick(d.bar()->keepTheirsButton(), Qt::LeftButton);
    CHECK_FALSE(d.barShown());
    CHECK(d.checkedButton() == 1); // partly
    CHECK(d.treeAnswer(kAccess) == QStringLiteral("Partly"));
    CHECK(d.view->questionPanel()->noteEdit()->toPlainText() == QStringLiteral("Two administrators keep push rights"));
    stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("partial"));
    CHECK(stored.revision == theirs.revision);
    CHECK(stored.answeredBy == kColleague);
    CHECK(d.answerSaves() == saves);
    CHECK(changed.count() == 1);

    // The view now expects their revision: the next edit is saved over it without a conflict.
    QTest::keyClick(d.tree(), Qt::Key_1); // yes
    stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("yes"));
    CHECK(stored.revision == theirs.revision + 1);
    CHECK(stored.answeredBy == kMe);
    CHECK(stored.note == QStringLiteral("Two administrators keep push rights"));
    CHECK_FALSE(d.barShown());
    CHECK(d.answerSaves() == saves + 1);
}

TEST_CASE("Overwrite with mine saves over their answer expecting its revision, and a newer answer brings the bar back first")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kAccess));
    const Answer theirs = d.colleagueSaves(kAccess, QStringLiteral("partial"));
    QTest::keyClick(d.tree(), Qt::Key_3); // no
    REQUIRE(d.barShown());

    // The colleague saves once more before the assessor decides.
    const Answer newer = d.colleagueSaves(kAccess, QStringLiteral("na"));
    REQUIRE(newer.revision == theirs.revision + 1);
    const qsizetype saves = d.answerSaves();
    QTest::mouseClick(d.bar()->overwriteButton(), Qt::LeftButton);
    CHECK(d.barShown());
    CHECK(d.bar()->text()
          == QStringLiteral(
              "j.park changed this answer to “Not applicable” on 20 Nov 2025 at 09:00.\nYour version below has not been saved."));
    Answer stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("na"));
    CHECK(stored.revision == newer.revision);
    CHECK(d.checkedButton() == 2);
    CHECK(d.answerSaves() == saves);
    CHECK(d.view->undoStack()->count() == 0);

    QTest::mouseClick(d.bar()->overwriteButton(), Qt::LeftButton);
    CHECK_FALSE(d.barShown());
    stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("no"));
    CHECK(stored.revision == newer.revision + 1);
    CHECK(stored.answeredBy == kMe);
    CHECK(d.checkedButton() == 2);
    CHECK(d.answerSaves() == saves + 1);
    auto events = AuditTrail(*d.ws).events(d.northwind);
    REQUIRE(events.ok());
    CHECK(events->constLast().action == QStringLiteral("answer.save"));
    CHECK(events->constLast().actor == kMe);
    CHECK(events->constLast().before.contains(QStringLiteral("\"value\":\"na\"")));
    CHECK(events->constLast().before.contains(QStringLiteral("\"revision\":%1").arg(newer.revision)));
    CHECK(events->constLast().after.contains(QStringLiteral("\"value\":\"no\"")));
    CHECK(events->constLast().after.contains(QStringLiteral("\"revision\":%1").arg(newer.revision + 1)));
    auto verified = AuditTrail(*d.ws).verify();
    REQUIRE(verified.ok());
    CHECK(verified->ok());
    CHECK(verified->problem == QString());

    // The overwrite is an undoable step like any edit: undo puts their answer back.
    REQUIRE(d.view->undoStack()->count() == 1);
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("na"));
    CHECK(stored.revision == newer.revision + 2);
    CHECK(d.checkedButton() == 3);
    CHECK_FALSE(d.barShown());
}

TEST_CASE("An undo does not overwrite an answer another assessor saved after the step it undoes")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kRegistryType));
    QTest::keyClick(d.tree(), Qt::Key_3); // a public registry, over the demo's provider registry
    REQUIRE(d.stored(kRegistryType).value == QStringLiteral("public"));
    REQUIRE(d.view->undoStack()->count() == 1);
    const Answer theirs = d.colleagueSaves(kRegistryType, QStringLiteral("private"));
    const qsizetype saves = d.answerSaves();

    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    Answer stored = d.stored(kRegistryType);
    CHECK(stored.value == QStringLiteral("private"));
    CHECK(stored.revision == theirs.revision);
    CHECK(d.answerSaves() == saves);
    CHECK(d.barShown());
    CHECK(d.bar()->text()
          == QStringLiteral("j.park changed this answer to “A private registry the client or its partner runs (e.g. Harbor, Nexus, "
                            "Artifactory)” on 20 Nov 2025 at 09:00.\nYour version below has not been saved."));
    CHECK(d.checkedButton() == 1); // what the undo would have put back: the provider's registry
    CHECK(d.treeAnswer(kRegistryType).startsWith(QStringLiteral("A private registry")));
    CHECK(d.view->questionModel()->indexOfQuestion(kSelfRun).isValid()); // asked under their answer
    CHECK(d.view->undoStack()->count() == 0);

    QTest::mouseClick(d.bar()->keepTheirsButton(), Qt::LeftButton);
    CHECK(d.checkedButton() == 0);
    CHECK_FALSE(d.barShown());
    CHECK(d.view->questionModel()->indexOfQuestion(kSelfRun).isValid()); // their answer's follow-up question
    CHECK(d.stored(kRegistryType).revision == theirs.revision);
    CHECK(d.answerSaves() == saves);
}

TEST_CASE("After keeping their answer, undoing an earlier step of mine is refused rather than replacing it")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kAccess));
    QTest::keyClick(d.tree(), Qt::Key_3); // no, over the demo's yes: an undoable step
    REQUIRE(d.view->undoStack()->count() == 1);
    const Answer theirs = d.colleagueSaves(kAccess, QStringLiteral("partial"));
    QTest::keyClick(d.tree(), Qt::Key_1); // yes: refused, their answer kept
    REQUIRE(d.barShown());
    QTest::mouseClick(d.bar()->keepTheirsButton(), Qt::LeftButton);
    REQUIRE(d.checkedButton() == 1);
    const qsizetype saves = d.answerSaves();

    // The step expects the revision it saved, from before theirs.
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    const Answer stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("partial"));
    CHECK(stored.revision == theirs.revision);
    CHECK(d.answerSaves() == saves);
    CHECK(d.barShown());
    CHECK(d.bar()->text().startsWith(QStringLiteral("j.park changed this answer to “Partly” on 20 Nov 2025 at 09:00.")));
    CHECK(d.checkedButton() == 0); // the undo's yes, waiting for a choice
    CHECK(d.view->undoStack()->count() == 0);
}

TEST_CASE("After keeping their answer, a new edit can be undone back to it, but no further")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kAccess));
    QTest::keyClick(d.tree(), Qt::Key_3); // no, over the demo's yes
    const Answer theirs = d.colleagueSaves(kAccess, QStringLiteral("partial"));
    QTest::keyClick(d.tree(), Qt::Key_1); // yes: refused
    QTest::mouseClick(d.bar()->keepTheirsButton(), Qt::LeftButton);
    REQUIRE(d.checkedButton() == 1);

    QTest::keyClick(d.tree(), Qt::Key_3); // no, over their partly: saved, expecting their revision
    REQUIRE(d.stored(kAccess).revision == theirs.revision + 1);
    REQUIRE(d.view->undoStack()->count() == 2);
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    Answer stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("partial"));
    CHECK(stored.revision == theirs.revision + 2);
    CHECK_FALSE(d.barShown());
    const qsizetype saves = d.answerSaves();

    // The step before theirs would put the demo's yes in place of their partly: refused. The
    // partly stored was last saved by the undo just made, so the bar names the assessor.
    QTest::keyClick(d.tree(), Qt::Key_Z, Qt::ControlModifier);
    stored = d.stored(kAccess);
    CHECK(stored.value == QStringLiteral("partial"));
    CHECK(stored.revision == theirs.revision + 2);
    CHECK(d.answerSaves() == saves);
    CHECK(d.barShown());
    CHECK(d.bar()->text()
          == QStringLiteral("a.moreau changed this answer to “Partly” %1.\nYour version below has not been saved.")
                 .arg(QStringLiteral("today at %1").arg(QLocale().toString(stored.answeredAt.toLocalTime().time(), QLocale::ShortFormat))));
    CHECK(d.checkedButton() == 0);
}

TEST_CASE("The conflict bar tells a first answer given by both, and a change of the note alone")
{
    SharedInterview d;
    REQUIRE(d.view->showQuestion(kMetadata));
    const Answer theirs = d.colleagueSaves(kMetadata, QStringLiteral("yes"));
    REQUIRE(theirs.revision == 1);
    QTest::keyClick(d.tree(), Qt::Key_3); // no: the view expected no answer yet
    CHECK(d.barShown());
    CHECK(d.bar()->text() == QStringLiteral("j.park answered “Yes” on 20 Nov 2025 at 09:00.\nYour version below has not been saved."));
    CHECK(d.stored(kMetadata).value == QStringLiteral("yes"));
    CHECK(d.stored(kMetadata).revision == 1);
    CHECK(d.checkedButton() == 2);
    QTest::mouseClick(d.bar()->overwriteButton(), Qt::LeftButton);
    CHECK_FALSE(d.barShown());
    CHECK(d.stored(kMetadata).value == QStringLiteral("no"));
    CHECK(d.stored(kMetadata).revision == 2);
    CHECK(d.stored(kMetadata).answeredBy == kMe);

    // Same answer, another note.
    const Answer noted = d.colleagueSaves(kMetadata, QStringLiteral("no"), QStringLiteral("No labels on the base images"));
    QTest::keyClick(d.tree(), Qt::Key_2); // partly
    CHECK(d.bar()->text()
          == QStringLiteral("j.park changed the note and method of this answer on 20 Nov 2025 at 09:00; it is still “No”.\nYour version "
                            "below has not been saved."));
    CHECK(d.stored(kMetadata).revision == noted.revision);
}
