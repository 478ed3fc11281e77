// Reports of an approved engagement are reproducible: the same engagement exported at the same
// generation time gives the same bytes in every type and format, even after the library's risk
// and criteria catalogues have changed, because the engagement is pinned to the catalogues it
// was scored with.
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "ReportExport.h"
#include "StoredEngagement.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

const QString kRevisedRiskTitle = QStringLiteral("Account management (revised catalogue)");
const QString kRevisedCriterionTitle = QStringLiteral("Logical access protections (revised catalogue)");

QString builtInCatalogue(const QString &kind)
{
    for (const auto &t : library().catalogueTexts()) {
        if (t.kind == kind)
            return t.text;
    }
    FAIL("the built-in library has no " << kind.toStdString() << " catalogue");
    return {};
}

// The built-in library as a later Bulkhead might ship it: one risk retitled and rated more
// likely, one SOC 2 criterion retitled.
ContentLibrary revisedLibrary()
{
    QString risks = builtInCatalogue(QStringLiteral("risks"));
    const QString oldRisk = QStringLiteral("title: Weak account management on hosts and container engine\n"
                                           "    description: >-\n");
    REQUIRE(risks.count(oldRisk) == 1);
    risks.replace(oldRisk, QStringLiteral("title: %1\n    description: >-\n").arg(kRevisedRiskTitle));
    const QString oldRating = QStringLiteral("likelihood: moderate\n    impact: high\n    controls: [AC-2, AC-2(3), IA-2, IA-4, IA-5]");
    REQUIRE(risks.count(oldRating) == 1);
    risks.replace(oldRating, QStringLiteral("likelihood: very_high\n    impact: high\n    controls: [AC-2, AC-2(3), IA-2, IA-4, IA-5]"));
    QString criteria = builtInCatalogue(QStringLiteral("criteria"));
    const QString oldCriterion = QStringLiteral("Logical access protections over information assets and infrastructure");
    REQUIRE(criteria.count(oldCriterion) == 1);
    criteria.replace(oldCriterion, kRevisedCriterionTitle);

    ContentLibrary revised = library();
    const auto riskProblems = revised.addText(QStringLiteral("risks-revised.yaml"), risks, ContentLibrary::Replace::Any);
    INFO((riskProblems.isEmpty() ? QString() : riskProblems.first().toString()).toStdString());
    REQUIRE(riskProblems.isEmpty());
    const auto criteriaProblems = revised.addText(QStringLiteral("criteria-revised.yaml"), criteria, ContentLibrary::Replace::Any);
    INFO((criteriaProblems.isEmpty() ? QString() : criteriaProblems.first().toString()).toStdString());
    REQUIRE(criteriaProblems.isEmpty());
    REQUIRE(revised.risks().risk(QStringLiteral("risk.account_management"))->title == kRevisedRiskTitle);
    return revised;
}

struct Combination {
    ReportType type;
    ReportFormat format;
    QString name;
};

QList<Combination> everyCombination()
{
    QList<Combination> all;
    for (const auto type : {ReportType::SecurityAssessment, ReportType::Soc2Readiness, ReportType::Poam, ReportType::OscalAssessmentResults,
                            ReportType::OscalPoam}) {
        for (const auto format :
             {ReportFormat::Pdf, ReportFormat::Html, ReportFormat::Docx, ReportFormat::Xlsx, ReportFormat::Csv, ReportFormat::Json}) {
            if (formatSuits(type, format))
                all.append({type, format, reportTypeKey(type) + QLatin1Char('.') + reportFormatKey(format)});
        }
    }
    return all;
}

QByteArray exported(Workspace &ws, const ContentLibrary &content, qint64 id, const Combination &c, const QString &path)
{
    ExportRequest request;
    request.engagementId = id;
    request.type = c.type;
    request.format = c.format;
    request.outputPath = path;
    auto done = exportReport(ws, content, request);
    INFO(c.name.toStdString() << ": " << (done ? std::string() : done.error().toString().toStdString()));
    REQUIRE(done.ok());
    return test::readBytes(path);
}

WorkspaceOptions fixedClock()
{
    WorkspaceOptions options;
    options.clock = [] { return QDateTime(QDate(2026, 2, 9), QTime(9, 30, 15), Qt::UTC); };
    return options;
}

} // namespace

TEST_CASE("An approved engagement's reports are the same bytes after the library's catalogues change")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), fixedClock());
    REQUIRE(buildDemo(*ws, library()).ok());
    const ContentLibrary revised = revisedLibrary();

    // Scoring already follows the pins: the revised likelihood does not reach the approved round.
    auto before = loadAndScore(*ws, library(), 1);
    auto after = loadAndScore(*ws, revised, 1);
    REQUIRE(before.ok());
    REQUIRE(after.ok());
    CHECK(after->content.risks().risk(QStringLiteral("risk.account_management"))->title
          == QStringLiteral("Weak account management on hosts and container engine"));
    REQUIRE(before->card.risks.size() == 30);
    REQUIRE(after->card.risks.size() == 30);
    for (int i = 0; i < 30; ++i) {
        CHECK(after->card.risks.at(i).inherentLikelihood == before->card.risks.at(i).inherentLikelihood);
        CHECK(after->card.risks.at(i).level == before->card.risks.at(i).level);
    }

    const auto combinations = everyCombination();
    REQUIRE(combinations.size() == 10);
    for (const auto &c : combinations) {
        const QByteArray original = exported(*ws, library(), 1, c, dir.filePath(QStringLiteral("a-") + c.name));
        const QByteArray again = exported(*ws, library(), 1, c, dir.filePath(QStringLiteral("b-") + c.name));
        const QByteArray underRevised = exported(*ws, revised, 1, c, dir.filePath(QStringLiteral("c-") + c.name));
        INFO(c.name.toStdString());
        CHECK(original.size() > 1000);
        CHECK(again == original);
        CHECK(underRevised == original);
    }
}

TEST_CASE("A new engagement is pinned to the catalogues it was created with, in both directions")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), fixedClock());
    REQUIRE(buildDemo(*ws, library()).ok());
    const ContentLibrary revised = revisedLibrary();
    auto harbourline = EngagementStore(*ws).get(1);
    REQUIRE(harbourline.ok());
    Engagement next = *harbourline;
    next.system = QStringLiteral("Cargo booking platform (revised content)");
    auto created = EngagementStore(*ws).create(next, revised);
    REQUIRE(created.ok());
    REQUIRE(*created == 4);

    // Under either library, engagement 4 reports the revised catalogues and engagement 1 the original ones.
    const Combination sar {ReportType::SecurityAssessment, ReportFormat::Html, QStringLiteral("sar.html")};
    const Combination soc2 {ReportType::Soc2Readiness, ReportFormat::Html, QStringLiteral("soc2.html")};
    for (const ContentLibrary *content : {&library(), &revised}) {
        const QString fourSar = QString::fromUtf8(exported(*ws, *content, 4, sar, dir.filePath(QStringLiteral("4-sar.html"))));
        const QString oneSar = QString::fromUtf8(exported(*ws, *content, 1, sar, dir.filePath(QStringLiteral("1-sar.html"))));
        CHECK(fourSar.count(kRevisedRiskTitle) >= 1);
        CHECK_FALSE(fourSar.contains(QStringLiteral("Weak account management on hosts and container engine")));
        CHECK(oneSar.count(kRevisedRiskTitle) == 0);
        CHECK(oneSar.contains(QStringLiteral("Weak account management on hosts and container engine")));
        const QString fourSoc2 = QString::fromUtf8(exported(*ws, *content, 4, soc2, dir.filePath(QStringLiteral("4-soc2.html"))));
        const QString oneSoc2 = QString::fromUtf8(exported(*ws, *content, 1, soc2, dir.filePath(QStringLiteral("1-soc2.html"))));
        CHECK(fourSoc2.contains(kRevisedCriterionTitle));
        CHECK_FALSE(oneSoc2.contains(kRevisedCriterionTitle));

        // Engagement 4 has no answers: its account-management risk is very high in likelihood only
        // under the revised catalogue it is pinned to.
        auto four = loadAndScore(*ws, *content, 4);
        REQUIRE(four.ok());
        const auto risk = std::find_if(four->card.risks.cbegin(), four->card.risks.cend(),
                                       [](const RiskRating &r) { return r.id == QLatin1String("risk.account_management"); });
        REQUIRE(risk != four->card.risks.cend());
        CHECK(risk->inherentLikelihood == Level::VeryHigh);
    }
}

TEST_CASE("The PDF carries the report's generation time, not the wall clock")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir, QStringLiteral("ws.bulkhead"), fixedClock());
    REQUIRE(buildDemo(*ws, library()).ok());
    const Combination pdf {ReportType::Soc2Readiness, ReportFormat::Pdf, QStringLiteral("soc2.pdf")};
    const QByteArray bytes = exported(*ws, library(), 1, pdf, dir.filePath(QStringLiteral("soc2.pdf")));
    CHECK(bytes.count("/CreationDate (D:20260209093015Z)") == 1);
}
