// The POA&M as CSV and XLSX: the demo's 100 items read back as a spreadsheet program would (an
// RFC 4180 parser; unzip and an XML parser over every part of the workbook), an assessor's
// override explained in the ratings, and an engagement full of hostile text.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "EngagementStore.h"
#include "PoamCsv.h"
#include "PoamTable.h"
#include "PoamXlsx.h"
#include "SecurityAssessmentReport.h"
#include "StoredEngagement.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QTimeZone>
#include <QXmlStreamReader>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace bulkhead;

namespace {

const ContentLibrary &library()
{
    static const ContentLibrary lib = ContentLibrary::builtIn();
    return lib;
}

const QDateTime kGeneratedAt(QDate(2026, 1, 15), QTime(9, 30), QTimeZone::utc());
const QString kSource = QStringLiteral("Bulkhead assessment, Harbourline Freight Ltd — Cargo booking platform, 2025-11-03 to 2025-11-14");
const QString kOrchestratorRisk = QStringLiteral("Unbounded or unauthorised administrative access to the orchestrator");

ReportBranding branding()
{
    ReportBranding b;
    b.organisation = QStringLiteral("Kestrel Assurance & Partners");
    b.accent = QColor(0x0b, 0x6e, 0x4f);
    return b;
}

StoredEngagement loadScored(Workspace &ws, qint64 id)
{
    auto stored = loadAndScore(ws, library(), id);
    INFO((stored ? QString() : stored.error().toString()).toStdString());
    REQUIRE(stored.ok());
    return std::move(*stored);
}

ReportInput inputFor(Workspace &ws, const StoredEngagement &stored)
{
    auto hash = EngagementStore(ws).contentHash(stored.engagement.id);
    REQUIRE(hash.ok());
    return {&stored, *hash, branding(), kGeneratedAt};
}

const QStringList &expectedHeader()
{
    static const QStringList header = {QStringLiteral("POA&M ID"),
                                       QStringLiteral("Controls"),
                                       QStringLiteral("Weakness Name"),
                                       QStringLiteral("Weakness Description"),
                                       QStringLiteral("Weakness Source"),
                                       QStringLiteral("Asset Identifier"),
                                       QStringLiteral("Point of Contact"),
                                       QStringLiteral("Original Detection Date"),
                                       QStringLiteral("Scheduled Completion Date"),
                                       QStringLiteral("Planned Milestones"),
                                       QStringLiteral("Status"),
                                       QStringLiteral("Original Risk Rating"),
                                       QStringLiteral("Adjusted Risk Rating"),
                                       QStringLiteral("Comments")};
    return header;
}

const QStringList *rowTitled(const PoamTable &table, const QString &title)
{
    for (const auto &row : table.rows) {
        if (row.at(poam_column::WeaknessName).endsWith(title))
            return &row;
    }
    return nullptr;
}

const QStringList *rowWithId(const PoamTable &table, const QString &id)
{
    for (const auto &row : table.rows) {
        if (row.at(poam_column::Id) == id)
            return &row;
    }
    return nullptr;
}

// --- CSV ----------------------------------------------------------------------------------------

// A strict RFC 4180 reader: every record ends in CRLF, a quote only opens or closes a quoted
// field or is doubled inside one, and a field ends at a comma or a CRLF.
struct CsvParse {
    QList<QStringList> records;
    QString error; // empty when the text parsed
};

CsvParse parseCsv(const QString &text)
{
    CsvParse out;
    QStringList record;
    QString field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto fail = [&](const char *why) { out.error = QStringLiteral("%1 at offset %2").arg(QLatin1String(why)).arg(i); };
    while (i < n) {
        if (text.at(i) == QLatin1Char('"')) {
            for (++i;; ++i) {
                if (i >= n) {
                    fail("unterminated quoted field");
                    return out;
                }
                if (text.at(i) == QLatin1Char('"')) {
                    if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text.at(i);
            }
        } else {
            for (; i < n && text.at(i) != QLatin1Char(',') && text.at(i) != QLatin1Char('\r') && text.at(i) != QLatin1Char('\n'); ++i) {
                if (text.at(i) == QLatin1Char('"')) {
                    fail("quote inside an unquoted field");
                    return out;
                }
                field += text.at(i);
            }
        }
        if (i < n && text.at(i) == QLatin1Char(',')) {
            record << std::exchange(field, {});
            ++i;
        } else if (i + 1 < n && text.at(i) == QLatin1Char('\r') && text.at(i + 1) == QLatin1Char('\n')) {
            record << std::exchange(field, {});
            out.records << std::exchange(record, {});
            i += 2;
        } else {
            fail("a field is followed by neither a comma nor CRLF");
            return out;
        }
    }
    if (!record.isEmpty() || !field.isEmpty())
        fail("the last record does not end in CRLF");
    return out;
}

QList<QStringList> readCsv(const QByteArray &csv)
{
    REQUIRE(csv.startsWith("\xEF\xBB\xBF"));
    const CsvParse parsed = parseCsv(QString::fromUtf8(csv.mid(3)));
    INFO(parsed.error.toStdString());
    REQUIRE(parsed.error.isEmpty());
    return parsed.records;
}

// What the CSV must hold for a table field: the text itself, milestones on one line, and a
// leading apostrophe where a spreadsheet would otherwise see a formula.
QString csvExpected(QString field, int column)
{
    if (column == poam_column::Milestones)
        field.replace(QLatin1Char('\n'), QStringLiteral("; "));
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!field.isEmpty() && formulaStarts.contains(field.at(0)))
        field.prepend(QLatin1Char('\''));
    return field;
}

void checkCsvCarriesTable(const QList<QStringList> &records, const PoamTable &table)
{
    REQUIRE(records.size() == table.rows.size() + 1);
    CHECK(records.first() == table.header);
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        const QStringList &row = table.rows.at(r);
        const QStringList &record = records.at(r + 1);
        REQUIRE(record.size() == poam_column::Count);
        for (int c = 0; c < poam_column::Count; ++c) {
            INFO("row " << r << " column " << c);
            CHECK(record.at(c) == csvExpected(row.at(c), c));
        }
    }
}

// --- XLSX ---------------------------------------------------------------------------------------

// Every file of the package by its path inside the zip, unpacked with unzip(1).
QMap<QString, QByteArray> unzipParts(const QByteArray &xlsx, const QTemporaryDir &dir)
{
    const QString archive = dir.filePath(QStringLiteral("book.xlsx"));
    const QString into = dir.filePath(QStringLiteral("unzipped"));
    test::writeBytes(archive, xlsx);
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-q"), archive, QStringLiteral("-d"), into});
    REQUIRE(unzip.waitForFinished(60000));
    INFO(unzip.readAllStandardError().toStdString());
    REQUIRE(unzip.exitStatus() == QProcess::NormalExit);
    REQUIRE(unzip.exitCode() == 0);
    QMap<QString, QByteArray> parts;
    for (QDirIterator it(into, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
        const QString path = it.next();
        parts.insert(path.mid(into.size() + 1), test::readBytes(path));
    }
    return parts;
}

struct XmlElement {
    QString name; // local name
    QXmlStreamAttributes attributes;
    QString text; // character data directly inside
};

// The elements of an XML document in document order; fails the test unless it is well-formed.
QList<XmlElement> xmlElements(const QByteArray &xml, const QString &part)
{
    QXmlStreamReader reader(xml);
    QList<XmlElement> elements;
    QList<qsizetype> open;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            open << elements.size();
            elements.append({reader.name().toString(), reader.attributes(), {}});
        } else if (reader.isEndElement()) {
            open.removeLast();
        } else if (reader.isCharacters() && !open.isEmpty()) {
            elements[open.last()].text += reader.text();
        }
    }
    INFO(part.toStdString() << ": " << reader.errorString().toStdString() << " at line " << reader.lineNumber());
    REQUIRE_FALSE(reader.hasError());
    return elements;
}

QString attribute(const XmlElement &e, const char *name)
{
    return e.attributes.value(QLatin1String(name)).toString();
}

QList<XmlElement> named(const QList<XmlElement> &elements, const char *name)
{
    QList<XmlElement> out;
    std::copy_if(elements.cbegin(), elements.cend(), std::back_inserter(out),
                 [name](const XmlElement &e) { return e.name == QLatin1String(name); });
    return out;
}

QString firstText(const QList<XmlElement> &elements, const char *name)
{
    const auto found = named(elements, name);
    return found.isEmpty() ? QString() : found.first().text;
}

// Excel reads _xHHHH_ in cell text as an escaped character; a reader of the file sees this.
QString decodeExcelEscapes(const QString &text)
{
    static const QRegularExpression escape(QStringLiteral("_x([0-9A-Fa-f]{4})_"));
    QString out;
    qsizetype from = 0;
    for (auto it = escape.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += text.mid(from, m.capturedStart() - from) + QChar(static_cast<char16_t>(m.captured(1).toUShort(nullptr, 16)));
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

struct Cell {
    QString type; // "s" shared string, empty: number
    int style = 0;
    QString value; // the shared string's text, or the number as written
};

struct Workbook {
    QMap<QString, QByteArray> parts;
    QMap<QString, Cell> cells; // by reference, "A1"
    QList<XmlElement> sheet;
    QList<XmlElement> styles;
};

Workbook readWorkbook(const QByteArray &xlsx, const QTemporaryDir &dir)
{
    Workbook book;
    book.parts = unzipParts(xlsx, dir);
    for (auto it = book.parts.cbegin(); it != book.parts.cend(); ++it)
        xmlElements(it.value(), it.key()); // every part is XML here, and each must be well-formed
    QStringList shared;
    for (const auto &e : xmlElements(book.parts.value(QStringLiteral("xl/sharedStrings.xml")), QStringLiteral("sharedStrings"))) {
        if (e.name == QLatin1String("si"))
            shared << QString();
        else if (e.name == QLatin1String("t"))
            shared.last() += e.text;
    }
    book.sheet = xmlElements(book.parts.value(QStringLiteral("xl/worksheets/sheet1.xml")), QStringLiteral("sheet1"));
    QString current;
    for (const auto &e : std::as_const(book.sheet)) {
        if (e.name == QLatin1String("c")) {
            current = attribute(e, "r");
            book.cells.insert(current, {attribute(e, "t"), attribute(e, "s").toInt(), {}});
        } else if (e.name == QLatin1String("v")) {
            Cell &cell = book.cells[current];
            cell.value = cell.type == QLatin1String("s") ? shared.value(e.text.toInt()) : e.text;
        }
    }
    book.styles = xmlElements(book.parts.value(QStringLiteral("xl/styles.xml")), QStringLiteral("styles"));
    return book;
}

QString cellRef(int column, qsizetype row)
{
    return QChar(u'A' + column) + QString::number(row + 1);
}

// The cell format of style index `s`, as the elements of styles.xml describe it.
struct CellStyle {
    bool bold = false;
    QString fontColor; // ARGB
    QString fill; // ARGB of a solid fill; empty: none
    QString numberFormat; // format code of a custom number format
    bool wrap = false;
};

CellStyle styleOf(const Workbook &book, int s)
{
    QList<QList<XmlElement>> fonts, fills;
    QList<XmlElement> xfs;
    QHash<QString, QString> numberFormats;
    QString section;
    for (const auto &e : book.styles) {
        if (e.name == QLatin1String("fonts") || e.name == QLatin1String("fills") || e.name == QLatin1String("cellXfs")
            || e.name == QLatin1String("cellStyleXfs"))
            section = e.name;
        else if (section == QLatin1String("fonts") && e.name == QLatin1String("font"))
            fonts.append(QList<XmlElement>());
        else if (section == QLatin1String("fonts") && !fonts.isEmpty())
            fonts.last() << e;
        else if (section == QLatin1String("fills") && e.name == QLatin1String("fill"))
            fills.append(QList<XmlElement>());
        else if (section == QLatin1String("fills") && !fills.isEmpty())
            fills.last() << e;
        else if (section == QLatin1String("cellXfs") && e.name == QLatin1String("xf"))
            xfs << e;
        else if (section == QLatin1String("cellXfs") && e.name == QLatin1String("alignment"))
            xfs.last().attributes += e.attributes;
        if (e.name == QLatin1String("numFmt"))
            numberFormats.insert(attribute(e, "numFmtId"), attribute(e, "formatCode"));
    }
    REQUIRE(s < xfs.size());
    const XmlElement &xf = xfs.at(s);
    CellStyle style;
    const auto font = fonts.value(attribute(xf, "fontId").toInt());
    style.bold = !named(font, "b").isEmpty();
    if (const auto color = named(font, "color"); !color.isEmpty())
        style.fontColor = attribute(color.first(), "rgb");
    const auto fill = fills.value(attribute(xf, "fillId").toInt());
    const auto pattern = named(fill, "patternFill");
    if (!pattern.isEmpty() && attribute(pattern.first(), "patternType") == QLatin1String("solid"))
        style.fill = attribute(named(fill, "fgColor").value(0), "rgb");
    style.numberFormat = numberFormats.value(attribute(xf, "numFmtId"));
    style.wrap = attribute(xf, "wrapText") == QLatin1String("1");
    return style;
}

// The package holds together: [Content_Types].xml names every part and nothing else, and every
// relationship points at a part that exists.
void checkPackage(const Workbook &book)
{
    const auto types = xmlElements(book.parts.value(QStringLiteral("[Content_Types].xml")), QStringLiteral("[Content_Types].xml"));
    QSet<QString> defaults, overrides;
    for (const auto &e : named(types, "Default"))
        defaults.insert(attribute(e, "Extension"));
    for (const auto &e : named(types, "Override"))
        overrides.insert(attribute(e, "PartName"));
    CHECK(defaults == QSet<QString> {QStringLiteral("rels"), QStringLiteral("xml")});
    for (auto it = book.parts.cbegin(); it != book.parts.cend(); ++it) {
        INFO(it.key().toStdString());
        if (it.key() == QLatin1String("[Content_Types].xml") || it.key().endsWith(QLatin1String(".rels")))
            continue;
        CHECK(overrides.contains(QLatin1Char('/') + it.key())); // a specific content type, not just "xml"
    }
    for (const auto &name : std::as_const(overrides)) {
        INFO(name.toStdString());
        CHECK(book.parts.contains(name.mid(1)));
    }
    for (const auto &[rels, base] : {std::pair {QStringLiteral("_rels/.rels"), QString()},
                                     std::pair {QStringLiteral("xl/_rels/workbook.xml.rels"), QStringLiteral("xl/")}}) {
        REQUIRE(book.parts.contains(rels));
        const auto targets = named(xmlElements(book.parts.value(rels), rels), "Relationship");
        CHECK(targets.size() >= 3);
        for (const auto &r : targets) {
            INFO(rels.toStdString() << " -> " << attribute(r, "Target").toStdString());
            CHECK(book.parts.contains(base + attribute(r, "Target")));
        }
    }
}

// The hostile engagement: one text that tries everything, in the client, the system and notes.
QString hostileText()
{
    return QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]> =HYPERLINK(\"https://evil.example/x\",\"open\") _x0041_ "
                          "\u0001\u0007\u001F tab\there ")
        + QChar(0x05E9) + QChar(0x05DC) + QChar(0x05D5) + QChar(0x05DD) + QStringLiteral(" ") + QString::fromUtf8("\xF0\x9F\x9A\x80");
}

// The same text as XML 1.0 can carry it: C0 controls other than tab, LF and CR removed.
QString withoutControls(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("[\\x{0}-\\x{8}\\x{B}\\x{C}\\x{E}-\\x{1F}]")));
    return text;
}

} // namespace

TEST_CASE("The demo's POA&M table has FedRAMP columns and the scored items' values", "[reports][poam]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const StoredEngagement stored = loadScored(*ws, 1);
    const PoamTable table = buildPoamTable(inputFor(*ws, stored));

    CHECK(table.header == expectedHeader());
    REQUIRE(table.rows.size() == 100);
    CHECK(table.title == QStringLiteral("Plan of action and milestones: Harbourline Freight Ltd — Cargo booking platform"));
    CHECK(table.provenance.startsWith(QStringLiteral("Scoring rules bulkhead-scoring-1; engagement content SHA-256 ")));
    CHECK(table.generatedAt == kGeneratedAt);

    const QStringList &first = table.rows.first();
    CHECK(first.at(poam_column::Id) == QStringLiteral("POAM-001"));
    CHECK(first.at(poam_column::Controls) == QStringLiteral("AC-2"));
    CHECK(first.at(poam_column::WeaknessName) == QStringLiteral("AC-2 Account Management is other than satisfied"));
    CHECK(first.at(poam_column::WeaknessDescription)
          == QStringLiteral(
              "csp.accounts.federation answered 'partial' (partial); csp.accounts.privileged_roles answered 'partial' (partial)\n"
              "Assessor note on csp.accounts.federation: IAM Identity Center federated with Entra ID, but the credential "
              "report still shows 4 IAM users for Kestrel engineers created before federation.\n"
              "Assessor note on csp.accounts.privileged_roles: Quarterly reviews seen for Q2 and Q3, but "
              "AdministratorAccess is still assigned to 11 people, 6 of them Kestrel staff."));
    CHECK(first.at(poam_column::WeaknessSource) == kSource);
    CHECK(first.at(poam_column::AssetIdentifier) == QStringLiteral("Cargo booking platform"));
    CHECK(first.at(poam_column::PointOfContact) == QStringLiteral("Customer"));
    CHECK(first.at(poam_column::DetectionDate) == QStringLiteral("2025-11-06"));
    CHECK(first.at(poam_column::CompletionDate) == QStringLiteral("2026-02-04"));
    CHECK(first.at(poam_column::Milestones)
          == QStringLiteral("Remediation plan agreed with the owner by 2025-12-06\n"
                            "Remediated and evidence provided for re-assessment by 2026-02-04"));
    CHECK(first.at(poam_column::Status) == QStringLiteral("Open"));
    CHECK(first.at(poam_column::OriginalRisk) == QStringLiteral("Moderate"));
    CHECK(first.at(poam_column::AdjustedRisk) == QStringLiteral("Moderate"));
    CHECK(first.at(poam_column::Comments).isEmpty());

    // A risk item: inherent High, residual Moderate after mitigation, and the reasons why.
    const QStringList *risk = rowTitled(table, kOrchestratorRisk);
    REQUIRE(risk);
    CHECK(risk->at(poam_column::Id) == QStringLiteral("POAM-098"));
    CHECK(risk->at(poam_column::WeaknessName) == QStringLiteral("Moderate risk: ") + kOrchestratorRisk);
    CHECK(risk->at(poam_column::OriginalRisk) == QStringLiteral("High"));
    CHECK(risk->at(poam_column::AdjustedRisk) == QStringLiteral("Moderate"));
    CHECK(risk->at(poam_column::DetectionDate) == QStringLiteral("2025-11-13"));
    CHECK(risk->at(poam_column::CompletionDate) == QStringLiteral("2026-02-11"));
    CHECK(risk->at(poam_column::Comments)
          == QStringLiteral("Adjusted from High to Moderate: inherent likelihood Moderate and impact Very High from the risk catalogue; "
                            "mitigation 70% (weighted over 11 question(s)) lowers likelihood by 1 of at most 2 level(s); level Moderate "
                            "from NIST SP 800-30 Table I-2 (likelihood Low, impact Very High)."));

    QMap<QString, int> ratings;
    for (const auto &row : table.rows)
        ++ratings[row.at(poam_column::OriginalRisk) + QStringLiteral(" -> ") + row.at(poam_column::AdjustedRisk)];
    CHECK(ratings
          == QMap<QString, int> {{QStringLiteral("High -> High"), 11},
                                 {QStringLiteral("High -> Moderate"), 5},
                                 {QStringLiteral("Low -> Low"), 8},
                                 {QStringLiteral("Moderate -> Moderate"), 76}});
}

TEST_CASE("An assessor's risk override shows as an adjusted rating with its reason", "[reports][poam]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    StoredEngagement stored = loadScored(*ws, 1);
    // The demo's 2025 round is approved and read-only, so the override is scored directly, as
    // loadAndScore would after AnswerStore::setRiskOverride.
    RiskOverride o;
    o.engagementId = 1;
    o.riskId = QStringLiteral("risk.orchestrator_admin_access");
    o.likelihood = Level::VeryHigh;
    o.rationale = QStringLiteral("cluster-admin tokens found in CI logs during the pen test");
    o.overriddenBy = QStringLiteral("R. Okafor");
    o.overriddenAt = QDateTime(QDate(2025, 11, 20), QTime(10, 0), QTimeZone::utc());
    stored.overrides << o;
    ScoringInput scoring;
    scoring.content = &stored.content;
    scoring.engagement = stored.engagement;
    scoring.answers = stored.answers;
    scoring.overrides = stored.overrides;
    stored.card = scoreEngagement(scoring);
    const PoamTable table = buildPoamTable(inputFor(*ws, stored));
    REQUIRE(table.rows.size() == 100);

    // AC-2's gaps leave the overridden risk open: Moderate from the answers, Very High after.
    const QStringList &ac2 = table.rows.first();
    CHECK(ac2.at(poam_column::Controls) == QStringLiteral("AC-2"));
    CHECK(ac2.at(poam_column::OriginalRisk) == QStringLiteral("Moderate"));
    CHECK(ac2.at(poam_column::AdjustedRisk) == QStringLiteral("Very High"));
    CHECK(ac2.at(poam_column::Comments)
              .startsWith(QStringLiteral("Adjusted from Moderate to Very High by an assessor override of the risk(s) it leaves open. "
                                         "risk.orchestrator_admin_access (")
                          + kOrchestratorRisk + QStringLiteral("): ")));
    CHECK(ac2.at(poam_column::Comments)
              .contains(QStringLiteral("overridden by R. Okafor on 2025-11-20 to likelihood Very High, impact Very High: cluster-admin "
                                       "tokens found in CI logs during the pen test")));
    CHECK(ac2.at(poam_column::CompletionDate) == QStringLiteral("2025-12-06")); // 30 days at Very High

    // AC-3's gaps leave other risks open: not adjusted, no comment.
    const QStringList *ac3 = rowWithId(table, QStringLiteral("POAM-003"));
    REQUIRE(ac3);
    CHECK(ac3->at(poam_column::Controls) == QStringLiteral("AC-3"));
    CHECK(ac3->at(poam_column::OriginalRisk) == QStringLiteral("Moderate"));
    CHECK(ac3->at(poam_column::AdjustedRisk) == QStringLiteral("Moderate"));
    CHECK(ac3->at(poam_column::Comments).isEmpty());

    // The risk item itself: inherent High, residual Very High after the override.
    const QStringList *risk = rowTitled(table, kOrchestratorRisk);
    REQUIRE(risk);
    CHECK(risk->at(poam_column::WeaknessName) == QStringLiteral("Very High risk: ") + kOrchestratorRisk);
    CHECK(risk->at(poam_column::OriginalRisk) == QStringLiteral("High"));
    CHECK(risk->at(poam_column::AdjustedRisk) == QStringLiteral("Very High"));
    CHECK(risk->at(poam_column::Comments).startsWith(QStringLiteral("Adjusted from High to Very High: inherent likelihood Moderate")));
    CHECK(risk->at(poam_column::Comments).contains(QStringLiteral("overridden by R. Okafor on 2025-11-20")));
}

TEST_CASE("CSV fields are quoted, doubled and neutralised exactly as RFC 4180 and the formula guard say", "[reports][poam][csv]")
{
    PoamTable table;
    table.header
        = {QStringLiteral("Plain"), QStringLiteral("Comma"), QStringLiteral("Quote"), QStringLiteral("Newline"), QStringLiteral("Formula")};
    table.rows << QStringList {QStringLiteral("Café"), QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QStringLiteral("one\ntwo"),
                               QStringLiteral("=1+2")};
    table.rows << QStringList {QStringLiteral("+1"), QStringLiteral("-1"), QStringLiteral("@SUM(A1)"), QStringLiteral("\tTab"),
                               QStringLiteral("\rCR")};
    table.rows << QStringList {QString(), QStringLiteral("=HYPERLINK(\"https://evil.example\",\"x\")"), QStringLiteral("a-b"),
                               QStringLiteral("x=1"), QStringLiteral("'quoted'")};
    CHECK(renderPoamCsv(table)
          == QByteArray("\xEF\xBB\xBF"
                        "Plain,Comma,Quote,Newline,Formula\r\n"
                        "Caf\xC3\xA9,\"a,b\",\"say \"\"hi\"\"\",\"one\ntwo\",'=1+2\r\n"
                        "'+1,'-1,'@SUM(A1),'\tTab,\"'\rCR\"\r\n"
                        ",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",a-b,x=1,'quoted'\r\n"));

    // Milestones, one per line in the table, share one line in the CSV.
    PoamTable poam;
    poam.header = expectedHeader();
    QStringList row(poam_column::Count);
    row[poam_column::Id] = QStringLiteral("POAM-001");
    row[poam_column::Milestones] = QStringLiteral("first\nsecond");
    poam.rows << row;
    CHECK(renderPoamCsv(poam).endsWith("\r\nPOAM-001,,,,,,,,,first; second,,,,\r\n"));
}

TEST_CASE("The demo's POA&M as CSV reads back as 101 records of 14 fields", "[reports][poam][csv]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const StoredEngagement stored = loadScored(*ws, 1);
    const PoamTable table = buildPoamTable(inputFor(*ws, stored));
    const QByteArray csv = renderPoamCsv(table);

    const QList<QStringList> records = readCsv(csv);
    REQUIRE(records.size() == 101);
    CHECK(std::all_of(records.cbegin(), records.cend(), [](const QStringList &r) { return r.size() == 14; }));
    CHECK(records.first() == expectedHeader());
    CHECK(csv.mid(3).startsWith("POA&M ID,Controls,Weakness Name,Weakness Description,Weakness Source,Asset Identifier,"
                                "Point of Contact,Original Detection Date,Scheduled Completion Date,Planned Milestones,Status,"
                                "Original Risk Rating,Adjusted Risk Rating,Comments\r\nPOAM-001,AC-2,"));
    CHECK(csv.endsWith("\r\n"));
    // Line breaks inside quoted descriptions are the notes' own; every record ends in CRLF.
    CHECK(csv.count("\r\n") == 101);

    const QStringList &first = records.at(1);
    CHECK(first.at(0) == QStringLiteral("POAM-001"));
    CHECK(first.at(4) == kSource);
    CHECK(first.at(7) == QStringLiteral("2025-11-06"));
    CHECK(first.at(8) == QStringLiteral("2026-02-04"));
    CHECK(first.at(9)
          == QStringLiteral("Remediation plan agreed with the owner by 2025-12-06; "
                            "Remediated and evidence provided for re-assessment by 2026-02-04"));
    CHECK(first.at(11) == QStringLiteral("Moderate"));
    CHECK(first.at(12) == QStringLiteral("Moderate"));
    const QStringList &risk = records.at(98);
    CHECK(risk.at(0) == QStringLiteral("POAM-098"));
    CHECK(risk.at(2) == QStringLiteral("Moderate risk: ") + kOrchestratorRisk);
    CHECK(risk.at(7) == QStringLiteral("2025-11-13"));
    CHECK(risk.at(8) == QStringLiteral("2026-02-11"));
    CHECK(risk.at(11) == QStringLiteral("High"));
    CHECK(risk.at(12) == QStringLiteral("Moderate"));
    checkCsvCarriesTable(records, table);
}

TEST_CASE("The demo's POA&M as XLSX is a complete package with a frozen, filtered, styled sheet", "[reports][poam][xlsx]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    REQUIRE(buildDemo(*ws, library()).ok());
    const StoredEngagement stored = loadScored(*ws, 1);
    const ReportInput input = inputFor(*ws, stored);
    const PoamTable table = buildPoamTable(input);
    const auto xlsx = renderPoamXlsx(table, input.branding);
    INFO((xlsx ? QString() : xlsx.error().toString()).toStdString());
    REQUIRE(xlsx.ok());
    CHECK(xlsx->startsWith("PK\x03\x04"));

    const Workbook book = readWorkbook(*xlsx, dir);
    CHECK(book.parts.keys()
          == QStringList {QStringLiteral("[Content_Types].xml"), QStringLiteral("_rels/.rels"), QStringLiteral("docProps/app.xml"),
                          QStringLiteral("docProps/core.xml"), QStringLiteral("xl/_rels/workbook.xml.rels"),
                          QStringLiteral("xl/sharedStrings.xml"), QStringLiteral("xl/styles.xml"), QStringLiteral("xl/theme/theme1.xml"),
                          QStringLiteral("xl/workbook.xml"), QStringLiteral("xl/worksheets/sheet1.xml")});
    checkPackage(book);

    const auto workbook = xmlElements(book.parts.value(QStringLiteral("xl/workbook.xml")), QStringLiteral("workbook"));
    const auto sheets = named(workbook, "sheet");
    REQUIRE(sheets.size() == 1);
    CHECK(attribute(sheets.first(), "name") == QStringLiteral("POA&M"));

    // The header row stays in view and the filter covers the header and all 100 items.
    const auto panes = named(book.sheet, "pane");
    REQUIRE(panes.size() == 1);
    CHECK(attribute(panes.first(), "state") == QStringLiteral("frozen"));
    CHECK(attribute(panes.first(), "ySplit") == QStringLiteral("1"));
    CHECK(attribute(panes.first(), "topLeftCell") == QStringLiteral("A2"));
    const auto filters = named(book.sheet, "autoFilter");
    REQUIRE(filters.size() == 1);
    CHECK(attribute(filters.first(), "ref") == QStringLiteral("A1:N101"));
    CHECK(named(book.sheet, "row").size() == 101);
    CHECK(named(book.sheet, "f").isEmpty()); // no formulas anywhere
    const auto columns = named(book.sheet, "col");
    REQUIRE(columns.size() == 14);
    CHECK(attribute(columns.at(poam_column::WeaknessDescription), "width").toDouble() > 50.0);

    // Text cells through the shared string table, with their values.
    for (int c = 0; c < 14; ++c) {
        CHECK(book.cells.value(cellRef(c, 0)).type == QStringLiteral("s"));
        CHECK(book.cells.value(cellRef(c, 0)).value == expectedHeader().at(c));
    }
    CHECK(book.cells.value(QStringLiteral("A2")).value == QStringLiteral("POAM-001"));
    CHECK(book.cells.value(QStringLiteral("C2")).value == QStringLiteral("AC-2 Account Management is other than satisfied"));
    CHECK(book.cells.value(QStringLiteral("E2")).value == kSource);
    CHECK(book.cells.value(QStringLiteral("J2")).value
          == QStringLiteral("Remediation plan agreed with the owner by 2025-12-06\n"
                            "Remediated and evidence provided for re-assessment by 2026-02-04"));
    CHECK(book.cells.value(QStringLiteral("A99")).value == QStringLiteral("POAM-098"));
    CHECK(book.cells.value(QStringLiteral("C99")).value == QStringLiteral("Moderate risk: ") + kOrchestratorRisk);
    CHECK(book.cells.value(QStringLiteral("L99")).value == QStringLiteral("High"));
    CHECK(book.cells.value(QStringLiteral("M99")).value == QStringLiteral("Moderate"));
    CHECK(book.cells.value(QStringLiteral("A101")).value == QStringLiteral("POAM-100"));
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        for (int c = 0; c < 14; ++c) {
            if (c == poam_column::DetectionDate || c == poam_column::CompletionDate)
                continue;
            INFO(cellRef(c, r + 1).toStdString());
            CHECK(book.cells.value(cellRef(c, r + 1)).value == table.rows.at(r).at(c));
        }
    }

    // Dates are numbers (days since 1899-12-30) in a yyyy-mm-dd format, not strings.
    const Cell detected = book.cells.value(QStringLiteral("H2"));
    CHECK(detected.type.isEmpty());
    CHECK(detected.value == QString::number(QDate(1899, 12, 30).daysTo(QDate(2025, 11, 6))));
    CHECK(detected.value == QStringLiteral("45967"));
    CHECK(book.cells.value(QStringLiteral("I2")).value == QStringLiteral("46057")); // 2026-02-04
    CHECK(styleOf(book, detected.style).numberFormat == QStringLiteral("yyyy-mm-dd"));

    // A bold, white header on the branding accent; long columns wrap.
    const CellStyle header = styleOf(book, book.cells.value(QStringLiteral("A1")).style);
    CHECK(header.bold);
    CHECK(header.fontColor == QStringLiteral("FFFFFFFF"));
    CHECK(header.fill == QStringLiteral("FF0B6E4F"));
    CHECK(styleOf(book, book.cells.value(QStringLiteral("D2")).style).wrap);
    CHECK(styleOf(book, book.cells.value(QStringLiteral("J2")).style).wrap);
    CHECK_FALSE(styleOf(book, book.cells.value(QStringLiteral("A2")).style).wrap);
    CHECK(styleOf(book, book.cells.value(QStringLiteral("A2")).style).fill.isEmpty());

    // Document properties: title, company and a creation time that is the report's own.
    const auto core = xmlElements(book.parts.value(QStringLiteral("docProps/core.xml")), QStringLiteral("core"));
    CHECK(firstText(core, "title") == table.title);
    CHECK(firstText(core, "created") == QStringLiteral("2026-01-15T09:30:00Z"));
    CHECK(firstText(core, "description") == table.provenance);
    const auto app = xmlElements(book.parts.value(QStringLiteral("docProps/app.xml")), QStringLiteral("app"));
    CHECK(firstText(app, "Company") == QStringLiteral("Kestrel Assurance & Partners"));

    // The same table gives the same bytes; another generation time gives other bytes.
    const auto again = renderPoamXlsx(table, input.branding);
    REQUIRE(again.ok());
    CHECK(*again == *xlsx);
    PoamTable later = table;
    later.generatedAt = kGeneratedAt.addDays(1);
    const auto other = renderPoamXlsx(later, input.branding);
    REQUIRE(other.ok());
    CHECK(*other != *xlsx);
}

TEST_CASE("Hostile text reaches CSV and XLSX intact, neutralised where it could run, legal where XML forbids it",
          "[reports][poam][hostile]")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    const QString hostile = hostileText();
    const QString longWord = QString(5000, QLatin1Char('W'));
    const QString longNote = QStringLiteral("BEGIN ") + QString(40000, QLatin1Char('n')) + QStringLiteral(" END");
    Engagement e;
    e.client = hostile;
    e.system = QStringLiteral("=HYPERLINK(\"https://evil.example/system\",\"Cargo\") ") + longWord;
    e.csp = QStringLiteral("Amazon ECS & <Fargate>");
    auto id = EngagementStore(*ws).create(e, library());
    REQUIRE(id.ok());
    // arch.host.hardening fails CM-2, CM-6 and CM-7; arch.host.baseline_review fails CM-2, CM-6 and CA-7.
    REQUIRE(AnswerStore(*ws)
                .save(*id,
                      {QStringLiteral("arch.host.hardening"), QStringLiteral("no"), hostile + QStringLiteral("\r\nsecond line ") + longWord,
                       QStringLiteral("examine"), hostile},
                      library())
                .ok());
    REQUIRE(AnswerStore(*ws)
                .save(*id,
                      {QStringLiteral("arch.host.baseline_review"), QStringLiteral("partial"), longNote, QStringLiteral("examine"), {}},
                      library())
                .ok());
    const StoredEngagement stored = loadScored(*ws, *id);
    const ReportInput input = inputFor(*ws, stored);
    const PoamTable table = buildPoamTable(input);
    REQUIRE(table.rows.size() >= 4);
    const auto controlRow = [&table](const QString &control) -> const QStringList & {
        for (const auto &row : table.rows) {
            if (row.at(poam_column::Controls) == control)
                return row;
        }
        FAIL("no POA&M item for " << control.toStdString());
        return table.rows.first();
    };
    const QStringList &cm7 = controlRow(QStringLiteral("CM-7"));
    const QStringList &cm2 = controlRow(QStringLiteral("CM-2"));
    CHECK(cm7.at(poam_column::WeaknessDescription)
              .endsWith(QStringLiteral("\nAssessor note on arch.host.hardening: ") + hostile + QStringLiteral("\r\nsecond line ")
                        + longWord));
    CHECK(cm2.at(poam_column::WeaknessDescription).endsWith(QStringLiteral("\nAssessor note on arch.host.baseline_review: ") + longNote));
    const QString source = QStringLiteral("Bulkhead assessment, %1 — %2, period not recorded").arg(hostile, e.system);
    CHECK(cm7.at(poam_column::WeaknessSource) == source);
    CHECK(cm7.at(poam_column::AssetIdentifier) == e.system);

    SECTION("CSV")
    {
        const QList<QStringList> records = readCsv(renderPoamCsv(table));
        checkCsvCarriesTable(records, table); // every field exactly, but for the formula guard
        const QStringList &row = records.at(table.rows.indexOf(cm7) + 1);
        CHECK(row.at(poam_column::AssetIdentifier) == QLatin1Char('\'') + e.system);
        CHECK(row.at(poam_column::WeaknessSource) == source);
        CHECK(row.at(poam_column::WeaknessDescription).contains(hostile + QStringLiteral("\r\nsecond line ") + longWord));
        CHECK(records.at(table.rows.indexOf(cm2) + 1).at(poam_column::WeaknessDescription).endsWith(longNote));
        for (const auto &record : records) {
            for (const auto &field : record)
                CHECK_FALSE((!field.isEmpty() && QStringLiteral("=+-@\t\r").contains(field.at(0))));
        }
    }

    SECTION("XLSX")
    {
        const auto xlsx = renderPoamXlsx(table, input.branding);
        INFO((xlsx ? QString() : xlsx.error().toString()).toStdString());
        REQUIRE(xlsx.ok());
        const Workbook book = readWorkbook(*xlsx, dir);
        checkPackage(book);
        const QByteArray strings = book.parts.value(QStringLiteral("xl/sharedStrings.xml"));
        CHECK_FALSE(strings.contains("<script"));
        CHECK(strings.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
        CHECK(strings.contains("_x005F_x0041_")); // Excel shows the literal "_x0041_"
        CHECK_FALSE(strings.contains("_x0001_")); // dropped, not escaped
        CHECK(named(book.sheet, "f").isEmpty());
        CHECK(attribute(named(book.sheet, "autoFilter").value(0), "ref") == QStringLiteral("A1:N%1").arg(table.rows.size() + 1));

        const qsizetype r7 = table.rows.indexOf(cm7) + 1;
        const qsizetype r2 = table.rows.indexOf(cm2) + 1;
        // As a reader of the file sees it: the text, less the characters XML cannot hold, CRLF as LF.
        const Cell asset = book.cells.value(cellRef(poam_column::AssetIdentifier, r7));
        CHECK(asset.type == QStringLiteral("s"));
        CHECK(asset.value == e.system); // text, not a formula, and without an apostrophe
        CHECK(decodeExcelEscapes(book.cells.value(cellRef(poam_column::WeaknessSource, r7)).value) == withoutControls(source));
        const QString description = decodeExcelEscapes(book.cells.value(cellRef(poam_column::WeaknessDescription, r7)).value);
        CHECK(description.endsWith(withoutControls(hostile) + QStringLiteral("\nsecond line ") + longWord));
        CHECK(description.contains(QStringLiteral("<script>alert(1)</script> & \"quoted\" 'single' ]]> =HYPERLINK(")));
        CHECK(description.contains(QStringLiteral(" _x0041_ ")));
        CHECK(description.contains(QString::fromUtf8("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xF0\x9F\x9A\x80")));
        CHECK_FALSE(description.contains(QChar(0x0001)));
        CHECK_FALSE(description.contains(QLatin1Char('\r')));

        // The 40,000-character note is cut to Excel's 32,767 characters, and says so.
        const QString cut = book.cells.value(cellRef(poam_column::WeaknessDescription, r2)).value;
        CHECK(cut.size() == 32767);
        CHECK(cut.contains(QStringLiteral("\nAssessor note on arch.host.baseline_review: BEGIN nnnn")));
        CHECK(cut.endsWith(QStringLiteral("nnnn … [cut at Excel's limit of 32,767 characters; the CSV export has the full text]")));
        CHECK_FALSE(cut.contains(QStringLiteral(" END")));

        const auto core = xmlElements(book.parts.value(QStringLiteral("docProps/core.xml")), QStringLiteral("core"));
        CHECK(firstText(core, "title") == withoutControls(table.title)); // properties are not cells: no _xHHHH_ escapes
    }
}
