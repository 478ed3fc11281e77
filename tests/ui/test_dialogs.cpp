// The engagement, settings and audit history dialogs on the demo workspace, on the offscreen
// platform, driven through their real widgets: what they save is what the stores read back,
// what the stores refuse is shown in the dialog with nothing lost, and the audit history lists
// exactly the trail's events.
#include "AuditEventModel.h"
#include "AuditHistoryDialog.h"
#include "AuditTrail.h"
#include "BaselineProfiles.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementDialog.h"
#include "EngagementStore.h"
#include "SettingsDialog.h"
#include "TestSupport.h"
#include "WorkspaceSettings.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

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

    qsizetype engagementCount()
    {
        auto all = EngagementStore(*ws).list();
        REQUIRE(all.ok());
        return all->size();
    }

    Engagement engagement(qint64 id)
    {
        auto e = EngagementStore(*ws).get(id);
        REQUIRE(e.ok());
        return *e;
    }

    QString setting(const char *key)
    {
        auto value = WorkspaceSettings(*ws).value(QString::fromLatin1(key));
        REQUIRE(value.ok());
        return *value;
    }

    QString path(const QString &name) const { return dir.filePath(name); }
};

// Replaces what a line edit holds by what a user types.
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Types an ISO date section by section, as a user does ("2026" "-" "03" "-" "02").
void typeDate(QCheckBox *known, QDateEdit *edit, const QString &iso)
{
    if (!known->isChecked())
        QTest::keyClick(known, Qt::Key_Space);
    REQUIRE(edit->isEnabled());
    edit->setFocus();
    edit->setCurrentSection(QDateTimeEdit::YearSection);
    QTest::keyClicks(edit, iso);
    QTest::keyClick(edit, Qt::Key_Tab);
}

void fillNewEngagement(EngagementDialog &dialog)
{
    QTest::keyClicks(dialog.clientEdit(), QStringLiteral("Tidewater Freight"));
    QTest::keyClicks(dialog.systemEdit(), QStringLiteral("Cargo tracking API"));
    QTest::keyClicks(dialog.cspEdit(), QStringLiteral("Google Cloud"));
    QTest::keyClicks(dialog.infrastructureBox(), QStringLiteral("Hyper")); // keyboard search in the closed combo
    QTest::keyClicks(dialog.impactBox(), QStringLiteral("High"));
    QTest::keyClicks(dialog.assessorEdit(), QStringLiteral("Priya Raman"));
}

void writePng(const QString &path, const QImage &image)
{
    REQUIRE(image.save(path, "PNG"));
}

// Noise does not compress: a PNG well over the 2 MiB a logo may have.
QImage noise(int side)
{
    QImage image(side, side, QImage::Format_ARGB32);
    QRandomGenerator random(42);
    for (int y = 0; y < side; ++y) {
        auto *line = reinterpret_cast<quint32 *>(image.scanLine(y));
        for (int x = 0; x < side; ++x)
            line[x] = random.generate();
    }
    return image;
}

QStringList g_modelTestWarnings;

void collectModelTestWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && context.category && QByteArrayView(context.category) == QByteArrayView("qt.modeltest"))
        g_modelTestWarnings << message;
}

} // namespace

TEST_CASE("A new engagement typed into the dialog is stored with keys, not labels")
{
    Demo demo;
    EngagementDialog dialog(*demo.ws, demo.library);
    dialog.open();
    CHECK(dialog.windowTitle() == QStringLiteral("New engagement"));
    CHECK(dialog.baselineBox()->count() == 1);
    CHECK(dialog.baselineBox()->currentText() == QStringLiteral("Built-in (from the FIPS 199 level)"));
    CHECK_FALSE(dialog.periodStartEdit()->isEnabled()); // dates are unknown until ticked

    fillNewEngagement(dialog);
    CHECK(dialog.infrastructureBox()->currentText() == QStringLiteral("Hyper-converged"));
    CHECK(dialog.impactBox()->currentText() == QStringLiteral("High"));
    CHECK(dialog.serviceModelBox()->currentText() == QStringLiteral("Containers as a service (CaaS)"));
    typeDate(dialog.periodStartKnownBox(), dialog.periodStartEdit(), QStringLiteral("2026-03-02"));
    typeDate(dialog.periodEndKnownBox(), dialog.periodEndEdit(), QStringLiteral("2026-03-13"));
    CHECK(dialog.periodStartEdit()->date() == QDate(2026, 3, 2));
    CHECK(dialog.periodEndEdit()->date() == QDate(2026, 3, 13));

    REQUIRE(dialog.okButton()->isEnabled());
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK_FALSE(dialog.isVisible());
    CHECK(dialog.errorText().isEmpty());
    REQUIRE(dialog.engagementId() == 4);

    const Engagement stored = demo.engagement(4);
    CHECK(stored.client == QStringLiteral("Tidewater Freight"));
    CHECK(stored.system == QStringLiteral("Cargo tracking API"));
    CHECK(stored.csp == QStringLiteral("Google Cloud"));
    CHECK(stored.serviceModel == QStringLiteral("caas"));
    CHECK(stored.architecture == QStringLiteral("typical"));
    CHECK(stored.infrastructure == QStringLiteral("hyperconverged"));
    CHECK(stored.impact == QStringLiteral("high"));
    CHECK(stored.assessor == QStringLiteral("Priya Raman"));
    CHECK(stored.reviewer.isEmpty());
    CHECK(stored.periodStart == QDate(2026, 3, 2));
    CHECK(stored.periodEnd == QDate(2026, 3, 13));
    CHECK(stored.baselineProfile.isEmpty());
    CHECK(stored.status == EngagementStatus::Draft);
    CHECK(demo.engagementCount() == 4);
}

TEST_CASE("OK stays disabled until client and system are filled in")
{
    Demo demo;
    EngagementDialog dialog(*demo.ws, demo.library);
    dialog.open();
    CHECK_FALSE(dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.systemEdit(), QStringLiteral("Cargo tracking API"));
    QTest::keyClicks(dialog.cspEdit(), QStringLiteral("Google Cloud"));
    CHECK_FALSE(dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.clientEdit(), QStringLiteral("   "));
    CHECK_FALSE(dialog.okButton()->isEnabled()); // blanks are not a name

    QTest::keyClick(dialog.cspEdit(), Qt::Key_Return); // Enter does not get round the disabled button
    CHECK(dialog.isVisible());
    CHECK(dialog.engagementId() == 0);
    CHECK(demo.engagementCount() == 3);

    QTest::keyClicks(dialog.clientEdit(), QStringLiteral("T"));
    CHECK(dialog.okButton()->isEnabled());
    retype(dialog.systemEdit(), QString());
    CHECK_FALSE(dialog.okButton()->isEnabled());
}

TEST_CASE("A period that ends before it starts is refused in the dialog, keeping what was typed")
{
    Demo demo;
    EngagementDialog dialog(*demo.ws, demo.library);
    dialog.open();
    fillNewEngagement(dialog);
    typeDate(dialog.periodStartKnownBox(), dialog.periodStartEdit(), QStringLiteral("2026-03-10"));
    typeDate(dialog.periodEndKnownBox(), dialog.periodEndEdit(), QStringLiteral("2026-03-01"));

    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.isVisible());
    CHECK(dialog.result() == QDialog::Rejected);
    CHECK(dialog.engagementId() == 0);
    CHECK(dialog.errorText() == QStringLiteral("Not created: the assessment period ends (2026-03-01) before it starts (2026-03-10)"));
    CHECK(dialog.focusWidget() == dialog.periodEndEdit()); // the field the store named
    CHECK(demo.engagementCount() == 3);
    CHECK(dialog.clientEdit()->text() == QStringLiteral("Tidewater Freight"));
    CHECK(dialog.infrastructureBox()->currentData().toString() == QStringLiteral("hyperconverged"));
    CHECK(dialog.periodStartEdit()->date() == QDate(2026, 3, 10));

    // Corrected, the same dialog saves.
    typeDate(dialog.periodEndKnownBox(), dialog.periodEndEdit(), QStringLiteral("2026-03-20"));
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.engagementId() == 4);
    CHECK(demo.engagement(4).periodEnd == QDate(2026, 3, 20));
}

TEST_CASE("A store refusal names the field: an empty cloud provider")
{
    Demo demo;
    EngagementDialog dialog(*demo.ws, demo.library);
    dialog.open();
    QTest::keyClicks(dialog.clientEdit(), QStringLiteral("Tidewater Freight"));
    QTest::keyClicks(dialog.systemEdit(), QStringLiteral("Cargo tracking API"));
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.isVisible());
    CHECK(dialog.errorText() == QStringLiteral("Not created: the cloud service provider is empty"));
    CHECK(dialog.focusWidget() == dialog.cspEdit());
    CHECK(demo.engagementCount() == 3);
}

TEST_CASE("Editing the draft engagement changes its client and nothing else")
{
    Demo demo;
    const Engagement before = demo.engagement(3);
    REQUIRE(before.status == EngagementStatus::Draft);
    EngagementDialog dialog(*demo.ws, demo.library, before);
    dialog.open();
    CHECK(dialog.windowTitle() == QStringLiteral("Edit engagement 3"));
    CHECK(dialog.clientEdit()->text() == before.client);
    CHECK(dialog.systemEdit()->text() == before.system);
    CHECK(dialog.infrastructureBox()->currentData().toString() == before.infrastructure);
    CHECK(dialog.impactBox()->currentData().toString() == before.impact);
    CHECK(dialog.periodStartKnownBox()->isChecked() == before.periodStart.isValid());
    CHECK(dialog.okButton()->isEnabled());

    retype(dialog.clientEdit(), QStringLiteral("Northwind Holdings plc"));
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.engagementId() == 3);

    const Engagement after = demo.engagement(3);
    CHECK(after.client == QStringLiteral("Northwind Holdings plc"));
    CHECK(after.system == before.system);
    CHECK(after.csp == before.csp);
    CHECK(after.infrastructure == before.infrastructure);
    CHECK(after.impact == before.impact);
    CHECK(after.periodStart == before.periodStart);
    CHECK(after.periodEnd == before.periodEnd);
    CHECK(demo.engagementCount() == 3);
    auto events = AuditTrail(*demo.ws).events(3);
    REQUIRE(events.ok());
    CHECK(events->last().action == QStringLiteral("engagement.update"));
}

TEST_CASE("The approved engagement opens for editing read-only, saying why")
{
    Demo demo;
    EngagementDialog dialog(*demo.ws, demo.library, demo.engagement(1));
    dialog.open();
    CHECK_FALSE(dialog.okButton()->isEnabled());
    CHECK(dialog.errorText() == QStringLiteral("engagement 1 is approved and cannot be changed; reopen it with a reason first"));
    dialog.accept();
    CHECK(dialog.isVisible());
    CHECK(dialog.engagementId() == 0);
}

TEST_CASE("An imported baseline can be chosen instead of the built-in one")
{
    Demo demo;
    auto imported = BaselineProfiles(*demo.ws).import(
        QStringLiteral("nist-moderate"),
        test::sharedTestData(QStringLiteral("oscal/rev5/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")), demo.library.controls());
    REQUIRE(imported.ok());
    EngagementDialog dialog(*demo.ws, demo.library);
    dialog.open();
    REQUIRE(dialog.baselineBox()->count() == 2);
    CHECK(dialog.baselineBox()->itemData(1).toString() == QStringLiteral("nist-moderate"));
    CHECK(dialog.baselineBox()->itemText(1).startsWith(QStringLiteral("nist-moderate — ")));
    fillNewEngagement(dialog);
    dialog.baselineBox()->setFocus();
    QTest::keyClick(dialog.baselineBox(), Qt::Key_Down);
    CHECK(dialog.baselineBox()->currentIndex() == 1);
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    REQUIRE(dialog.engagementId() == 4);
    CHECK(demo.engagement(4).baselineProfile == QStringLiteral("nist-moderate"));
}

TEST_CASE("The settings dialog saves the branding and reads it back")
{
    Demo demo;
    SettingsDialog dialog(*demo.ws);
    dialog.open();
    CHECK(dialog.workspacePathEdit()->text() == QDir::toNativeSeparators(demo.ws->path()));
    CHECK(dialog.workspacePathEdit()->isReadOnly());
    CHECK(dialog.accentButton()->text() == QStringLiteral("#1f4e79 (default)"));
    CHECK(dialog.organisationEdit()->placeholderText() == QStringLiteral("Bulkhead"));
    CHECK_FALSE(dialog.showsLogo());
    CHECK_FALSE(dialog.removeLogoButton()->isEnabled());

    QTest::keyClicks(dialog.organisationEdit(), QStringLiteral("Harbour & Reef Assurance"));
    QTest::keyClicks(dialog.classificationEdit(), QStringLiteral("OFFICIAL-SENSITIVE"));
    dialog.setAccent(QColor(0x2a, 0x9d, 0x8f));
    CHECK(dialog.accentButton()->text() == QStringLiteral("#2a9d8f"));
    const QString logo = demo.path(QStringLiteral("logo.png"));
    QImage image(64, 32, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    writePng(logo, image);
    REQUIRE(dialog.chooseLogoFile(logo));
    CHECK(dialog.showsLogo());

    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.errorText().isEmpty());
    CHECK(demo.setting("report.organisation") == QStringLiteral("Harbour & Reef Assurance"));
    CHECK(demo.setting("report.classification") == QStringLiteral("OFFICIAL-SENSITIVE"));
    CHECK(demo.setting("report.accent") == QStringLiteral("#2a9d8f"));
    CHECK(QByteArray::fromBase64(demo.setting("report.logo").toLatin1()) == test::readBytes(logo));

    // Reopened, the dialog shows what is stored; removing the logo removes it.
    SettingsDialog again(*demo.ws);
    again.open();
    CHECK(again.organisationEdit()->text() == QStringLiteral("Harbour & Reef Assurance"));
    CHECK(again.classificationEdit()->text() == QStringLiteral("OFFICIAL-SENSITIVE"));
    CHECK(again.accentButton()->text() == QStringLiteral("#2a9d8f"));
    CHECK(again.showsLogo());
    QTest::mouseClick(again.removeLogoButton(), Qt::LeftButton);
    CHECK_FALSE(again.showsLogo());
    REQUIRE(again.apply());
    CHECK(demo.setting("report.logo").isEmpty());
    CHECK(demo.setting("report.organisation") == QStringLiteral("Harbour & Reef Assurance"));
}

TEST_CASE("A logo that is not an image, or too large, is refused naming the file, and nothing saved is lost")
{
    Demo demo;
    const QString logo = demo.path(QStringLiteral("logo.png"));
    QImage image(64, 32, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    writePng(logo, image);
    REQUIRE(WorkspaceSettings(*demo.ws).set(QStringLiteral("report.logo"), logo).ok());
    REQUIRE(WorkspaceSettings(*demo.ws).set(QStringLiteral("report.organisation"), QStringLiteral("Harbour Assurance")).ok());
    const QString storedLogo = demo.setting("report.logo");

    SettingsDialog dialog(*demo.ws);
    dialog.open();
    const QString notes = demo.path(QStringLiteral("notes.txt"));
    test::writeBytes(notes, "scope: cargo API\n");
    CHECK_FALSE(dialog.chooseLogoFile(notes));
    CHECK(dialog.errorText().startsWith(
        QStringLiteral("The logo %1 was not taken: it is not an image").arg(QDir::toNativeSeparators(notes))));
    CHECK(dialog.pendingLogoFile().isEmpty());
    CHECK(dialog.showsLogo()); // the stored logo is still shown
    REQUIRE(dialog.apply()); // nothing to change
    CHECK(demo.setting("report.logo") == storedLogo);

    // An image, but more than WorkspaceSettings takes: refused on saving, with the other change.
    const QString huge = demo.path(QStringLiteral("huge.png"));
    writePng(huge, noise(1000));
    REQUIRE(QFileInfo(huge).size() > 2 * 1024 * 1024);
    REQUIRE(dialog.chooseLogoFile(huge));
    retype(dialog.organisationEdit(), QStringLiteral("Reef Assurance"));
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.isVisible());
    CHECK(dialog.errorText() == QStringLiteral("Nothing was saved. Logo: %1: the logo is larger than 2 MiB").arg(huge));
    CHECK(demo.setting("report.logo") == storedLogo);
    CHECK(demo.setting("report.organisation") == QStringLiteral("Harbour Assurance"));
    CHECK(dialog.organisationEdit()->text() == QStringLiteral("Reef Assurance")); // still as typed
}

TEST_CASE("The settings dialog saves the POA&M due days by level, all or nothing with the other settings")
{
    Demo demo;
    SettingsDialog dialog(*demo.ws);
    dialog.open();
    const QList<QPair<Level, int>> defaults
        = {{Level::VeryHigh, 30}, {Level::High, 30}, {Level::Moderate, 90}, {Level::Low, 180}, {Level::VeryLow, 365}};
    for (const auto &[level, days] : defaults) {
        QSpinBox *spin = dialog.poamDueDaysSpinBox(level);
        REQUIRE(spin);
        CHECK(spin->value() == days);
        CHECK(spin->minimum() == 1);
        CHECK(spin->maximum() == 3650);
        CHECK(spin->suffix() == QStringLiteral(" days"));
    }
    CHECK(dialog.poamDueDaysSpinBox(Level::High)->text() == QStringLiteral("30 days"));

    QSpinBox *high = dialog.poamDueDaysSpinBox(Level::High);
    high->setFocus();
    high->selectAll();
    QTest::keyClicks(high, QStringLiteral("14"));
    CHECK(dialog.poamDueDays(Level::High) == 14);
    QTest::keyClick(dialog.poamDueDaysSpinBox(Level::VeryLow), Qt::Key_Up);
    dialog.setPoamDueDays(Level::Moderate, 60);
    QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.errorText().isEmpty());
    CHECK(demo.setting("poam.due_days.high") == QStringLiteral("14"));
    CHECK(demo.setting("poam.due_days.moderate") == QStringLiteral("60"));
    CHECK(demo.setting("poam.due_days.very_low") == QStringLiteral("366"));
    // Levels left at their defaults are not written: they follow the defaults.
    CHECK(demo.setting("poam.due_days.very_high").isEmpty());
    CHECK(demo.setting("poam.due_days.low").isEmpty());
    auto events = AuditTrail(*demo.ws).events();
    REQUIRE(events.ok());
    QStringList changed;
    for (const auto &e : *events) {
        if (e.action == QLatin1String("setting.change"))
            changed.append(e.entity);
    }
    CHECK(changed
          == QStringList {QStringLiteral("setting:poam.due_days.high"), QStringLiteral("setting:poam.due_days.moderate"),
                          QStringLiteral("setting:poam.due_days.very_low")});

    // Reopened, it shows what is stored; with a refused logo, the due days are not saved either.
    SettingsDialog again(*demo.ws);
    again.open();
    CHECK(again.poamDueDays(Level::High) == 14);
    CHECK(again.poamDueDays(Level::Moderate) == 60);
    CHECK(again.poamDueDays(Level::VeryHigh) == 30);
    again.setPoamDueDays(Level::High, 7);
    const QString huge = demo.path(QStringLiteral("huge.png"));
    writePng(huge, noise(1000));
    REQUIRE(again.chooseLogoFile(huge));
    CHECK_FALSE(again.apply());
    CHECK(again.errorText() == QStringLiteral("Nothing was saved. Logo: %1: the logo is larger than 2 MiB").arg(huge));
    CHECK(demo.setting("poam.due_days.high") == QStringLiteral("14"));
    CHECK(again.poamDueDays(Level::High) == 7); // still as set
}

TEST_CASE("The audit history of the approved demo engagement lists its whole trail and says it verifies")
{
    Demo demo;
    auto events = AuditTrail(*demo.ws).events(1);
    REQUIRE(events.ok());
    REQUIRE(events->size() == 186);

    AuditHistoryDialog dialog(*demo.ws, 1);
    dialog.open();
    const AuditEventModel *model = dialog.model();
    CHECK(model->rowCount() == 186);
    CHECK(dialog.chainVerifies());
    auto all = AuditTrail(*demo.ws).events();
    REQUIRE(all.ok());
    CHECK(dialog.verificationText()
          == QStringLiteral("The audit trail verifies: every event in this workspace (%1 checked) is intact and linked.").arg(all->size()));

    const auto row = [&](const QString &action) {
        for (int r = 0; r < events->size(); ++r) {
            if (events->at(r).action == action)
                return r;
        }
        return -1;
    };
    const auto cell = [&](int r, int column) { return model->data(model->index(r, column)).toString(); };
    CHECK(cell(0, AuditEventModel::Action) == QStringLiteral("Engagement created"));
    CHECK(cell(0, AuditEventModel::Entity) == QStringLiteral("engagement:1"));
    CHECK(cell(0, AuditEventModel::Actor) == events->first().actor);
    CHECK(cell(0, AuditEventModel::Time)
          == QLocale().toString(events->first().occurredAt.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm:ss")));
    REQUIRE(row(QStringLiteral("answer.save")) >= 0);
    CHECK(cell(row(QStringLiteral("answer.save")), AuditEventModel::Action) == QStringLiteral("Answer saved"));
    CHECK(cell(row(QStringLiteral("questionnaire.pin")), AuditEventModel::Action) == QStringLiteral("Content pinned"));
    CHECK(cell(row(QStringLiteral("catalogue.pin")), AuditEventModel::Action) == QStringLiteral("Content pinned"));
    const int approval = row(QStringLiteral("engagement.approve"));
    REQUIRE(approval >= 0);
    CHECK(cell(approval, AuditEventModel::Action) == QStringLiteral("Approved"));

    // The latest event is selected first; choosing the approval shows its before and after.
    CHECK(dialog.table()->currentIndex().row() == 185);
    dialog.table()->selectRow(approval);
    CHECK(dialog.beforeView()->toPlainText() == QStringLiteral("{\n    \"status\": \"in_review\"\n}"));
    CHECK(dialog.afterView()->toPlainText().contains(QStringLiteral("\"status\": \"approved\"")));
    CHECK(dialog.eventSummary()->text().startsWith(
        QStringLiteral("Event %1: Approved by %2").arg(events->at(approval).id).arg(events->at(approval).actor)));
}

TEST_CASE("The audit history says so when the chain does not verify")
{
    Demo demo;
    REQUIRE(test::sqliteShell(demo.ws->path(),
                              QStringLiteral("DROP TRIGGER audit_event_no_update; UPDATE audit_event SET actor='mallory' WHERE id=5;"))
            == 0);
    AuditHistoryDialog dialog(*demo.ws, 1);
    dialog.open();
    CHECK_FALSE(dialog.chainVerifies());
    CHECK(dialog.verificationText().startsWith(QStringLiteral("The audit trail does NOT verify")));
    CHECK(dialog.verificationText().contains(QStringLiteral("event 5 was changed")));
    CHECK(dialog.model()->rowCount() == 186);
}

TEST_CASE("AuditEventModel passes QAbstractItemModelTester")
{
    Demo demo;
    auto events = AuditTrail(*demo.ws).events(2);
    REQUIRE(events.ok());
    REQUIRE_FALSE(events->isEmpty());
    AuditEventModel model;
    g_modelTestWarnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collectModelTestWarnings);
    {
        QAbstractItemModelTester live(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
        model.setEvents(*events);
        QAbstractItemModelTester settled(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
        model.setEvents({});
        model.setEvents(*events);
    }
    qInstallMessageHandler(previous);
    CHECK(g_modelTestWarnings == QStringList());
    CHECK(model.rowCount() == events->size());
    CHECK(model.columnCount() == 4);
    CHECK(model.headerData(AuditEventModel::Action, Qt::Horizontal).toString() == QStringLiteral("Action"));
    CHECK(model.headerData(0, Qt::Vertical).toLongLong() == events->first().id);
    CHECK(AuditEventModel::actionLabel(QStringLiteral("evidence.attach")) == QStringLiteral("evidence.attach"));
}
