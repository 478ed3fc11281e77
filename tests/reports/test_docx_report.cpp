// The Word report: a flat zip of well-formed parts whose content types and relationships all
// resolve; hostile text in every field comes back as the same text with what XML forbids gone;
// tables keep a fixed grid from the weights; images round-trip byte for byte at their printed
// size; header and footer carry the marking and page fields; the same document gives the same bytes.
#include "ContentLibrary.h"
#include "DemoWorkspace.h"
#include "DocxReport.h"
#include "Levels.h"
#include "ReportDocument.h"
#include "ReportExport.h"
#include "RiskLevelStyle.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <Poco/Exception.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <QBuffer>
#include <QImage>
#include <QMap>
#include <QSet>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using namespace bulkhead;

namespace {

const QString kW = QStringLiteral("http://schemas.openxmlformats.org/wordprocessingml/2006/main");
const QString kR = QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships");
const QString kRelationshipTypes = QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships/");

struct Package {
    QMap<QString, QByteArray> parts; // by name; directory entries are not parts
    QStringList directories;
    QStringList centralDirectory; // names as the central directory lists them
    QList<QDateTime> entryTimes;
    QString error;
};

// Read back with Poco's reader (local headers, the central directory and each entry's CRC).
Package unzipped(const QByteArray &docx)
{
    Package package;
    std::istringstream in(std::string(docx.constData(), std::size_t(docx.size())), std::ios::in | std::ios::binary);
    try {
        const Poco::Zip::ZipArchive archive(in);
        for (auto it = archive.fileInfoBegin(); it != archive.fileInfoEnd(); ++it)
            package.centralDirectory.append(QString::fromStdString(it->first));
        for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
            const QString name = QString::fromStdString(it->first);
            const Poco::DateTime &t = it->second.lastModifiedAt();
            package.entryTimes.append(QDateTime(QDate(t.year(), t.month(), t.day()), QTime(t.hour(), t.minute(), t.second()), Qt::UTC));
            if (it->second.isDirectory()) {
                package.directories.append(name);
                continue;
            }
            Poco::Zip::ZipInputStream entry(in, it->second, true);
            std::ostringstream out(std::ios::out | std::ios::binary);
            Poco::StreamCopier::copyStream(entry, out);
            const std::string bytes = out.str();
            package.parts.insert(name, QByteArray(bytes.data(), qsizetype(bytes.size())));
        }
    } catch (const Poco::Exception &e) {
        package.error = QString::fromStdString(e.displayText());
    }
    return package;
}

// The name of the first entry, from the first local file header.
QString firstEntryName(const QByteArray &zip)
{
    if (zip.size() < 30 || !zip.startsWith(QByteArrayView("PK\x03\x04")))
        return {};
    const int length = uchar(zip.at(26)) | (uchar(zip.at(27)) << 8);
    return QString::fromUtf8(zip.mid(30, length));
}

QString xmlError(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    return reader.hasError()
        ? QStringLiteral("line %1 column %2: %3").arg(reader.lineNumber()).arg(reader.columnNumber()).arg(reader.errorString())
        : QString();
}

struct Element {
    QString namespaceUri;
    QString name;
    QXmlStreamAttributes attributes;
    QString text; // character data directly inside
    QString attribute(const char *name) const { return attributes.value(QLatin1String(name)).toString(); }
    QString w(const char *name) const { return attributes.value(kW, QLatin1String(name)).toString(); }
};

QList<Element> elements(const QByteArray &xml)
{
    QList<Element> found;
    QList<qsizetype> open;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            open.append(found.size());
            found.append({reader.namespaceUri().toString(), reader.name().toString(), reader.attributes(), {}});
            break;
        case QXmlStreamReader::EndElement: open.removeLast(); break;
        case QXmlStreamReader::Characters:
            if (!open.isEmpty())
                found[open.last()].text += reader.text();
            break;
        default: break;
        }
    }
    return found;
}

QList<Element> named(const QList<Element> &all, const char *name)
{
    QList<Element> found;
    for (const Element &e : all)
        if (e.name == QLatin1String(name))
            found.append(e);
    return found;
}

struct Paragraph {
    QString style;
    QString text; // w:t text, with w:br as "\n" and w:tab as "\t"
    bool rightToLeft = false;
    bool inTable = false;
};
struct Cell {
    int width = 0;
    QString fill;
    QString colour; // of the first run that has one
    QString text;
};
struct Row {
    bool header = false;
    QList<Cell> cells;
};
struct Table {
    QString style;
    QString layout;
    int width = 0;
    QList<int> grid;
    QList<Row> rows;
};
struct Drawing {
    qint64 cx = 0;
    qint64 cy = 0;
    QString description;
    QString embed;
};

// WordprocessingML as the reader of the report sees it: paragraphs, tables, pictures, breaks, fields.
struct WordXml {
    QList<Paragraph> paragraphs;
    QList<Table> tables;
    QList<Drawing> drawings;
    int pageBreaks = 0;
    QStringList fields;
    QStringList fieldChars;

    QStringList texts(const QString &style) const
    {
        QStringList found;
        for (const Paragraph &p : paragraphs)
            if (p.style == style && !p.inTable)
                found.append(p.text);
        return found;
    }
};

WordXml wordXml(const QByteArray &xml)
{
    WordXml word;
    QStringList stack;
    bool inCell = false;
    QXmlStreamReader reader(xml);
    const auto appendText = [&](const QString &text) {
        if (!word.paragraphs.isEmpty())
            word.paragraphs.last().text += text;
        if (inCell)
            word.tables.last().rows.last().cells.last().text += text;
    };
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::EndElement) {
            if (stack.last() == QLatin1String("tc"))
                inCell = false;
            stack.removeLast();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QString name = reader.name().toString();
        const QString parent = stack.isEmpty() ? QString() : stack.last();
        const auto w = [&reader](const char *attribute) { return reader.attributes().value(kW, QLatin1String(attribute)).toString(); };
        if (name == QLatin1String("t") || name == QLatin1String("instrText")) {
            const QString text = reader.readElementText();
            if (name == QLatin1String("t"))
                appendText(text);
            else
                word.fields.append(text.trimmed());
            continue; // readElementText consumed the end tag
        }
        stack.append(name);
        if (name == QLatin1String("p")) {
            word.paragraphs.append(Paragraph());
            word.paragraphs.last().inTable = stack.contains(QLatin1String("tbl"));
        } else if (name == QLatin1String("pStyle")) {
            word.paragraphs.last().style = w("val");
        } else if (name == QLatin1String("bidi")) {
            word.paragraphs.last().rightToLeft = true;
        } else if (name == QLatin1String("br")) {
            if (w("type") == QLatin1String("page"))
                ++word.pageBreaks;
            else
                appendText(QStringLiteral("\n"));
        } else if (name == QLatin1String("tab") && parent == QLatin1String("r")) {
            appendText(QStringLiteral("\t"));
        } else if (name == QLatin1String("fldChar")) {
            word.fieldChars.append(w("fldCharType"));
        } else if (name == QLatin1String("tbl")) {
            word.tables.append(Table());
        } else if (name == QLatin1String("tblStyle")) {
            word.tables.last().style = w("val");
        } else if (name == QLatin1String("tblW")) {
            word.tables.last().width = w("w").toInt();
        } else if (name == QLatin1String("tblLayout")) {
            word.tables.last().layout = w("type");
        } else if (name == QLatin1String("gridCol")) {
            word.tables.last().grid.append(w("w").toInt());
        } else if (name == QLatin1String("tr")) {
            word.tables.last().rows.append(Row());
        } else if (name == QLatin1String("tblHeader")) {
            word.tables.last().rows.last().header = true;
        } else if (name == QLatin1String("tc")) {
            word.tables.last().rows.last().cells.append(Cell());
            inCell = true;
        } else if (name == QLatin1String("tcW")) {
            word.tables.last().rows.last().cells.last().width = w("w").toInt();
        } else if (name == QLatin1String("shd") && parent == QLatin1String("tcPr")) {
            word.tables.last().rows.last().cells.last().fill = w("fill");
        } else if (name == QLatin1String("color") && inCell && word.tables.last().rows.last().cells.last().colour.isEmpty()) {
            word.tables.last().rows.last().cells.last().colour = w("val");
        } else if (name == QLatin1String("extent") && parent == QLatin1String("inline")) {
            word.drawings.append(Drawing());
            word.drawings.last().cx = reader.attributes().value(QLatin1String("cx")).toLongLong();
            word.drawings.last().cy = reader.attributes().value(QLatin1String("cy")).toLongLong();
        } else if (name == QLatin1String("docPr")) {
            word.drawings.last().description = reader.attributes().value(QLatin1String("descr")).toString();
        } else if (name == QLatin1String("blip")) {
            word.drawings.last().embed = reader.attributes().value(kR, QLatin1String("embed")).toString();
        }
    }
    return word;
}

struct Relationship {
    QString id;
    QString type;
    QString target; // resolved to a part name
    QString targetMode;
};

// The relationships of a .rels part, targets resolved against the folder of their source part.
QList<Relationship> relationships(const QString &relsName, const QByteArray &xml)
{
    QString base = relsName.left(relsName.indexOf(QLatin1String("_rels/")));
    QList<Relationship> found;
    for (const Element &e : named(elements(xml), "Relationship")) {
        const QString target = e.attribute("Target");
        const QString resolved = target.startsWith(QLatin1Char('/')) ? target.mid(1) : base + target;
        found.append({e.attribute("Id"), e.attribute("Type"), resolved, e.attribute("TargetMode")});
    }
    return found;
}

QString targetOf(const QList<Relationship> &rels, const QString &id)
{
    for (const Relationship &r : rels)
        if (r.id == id)
            return r.target;
    return QStringLiteral("(no relationship %1)").arg(id);
}

// WCAG 2 contrast ratio against the white page.
double contrastWithWhite(const QColor &colour)
{
    const auto channel = [](int value) {
        const double s = value / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    const double luminance = 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue());
    return 1.05 / (luminance + 0.05);
}

QByteArray pngOf(int width, int height, QColor colour)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(colour);
    image.setPixelColor(0, 0, Qt::black);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Hostile text, as a careless or malicious answer, client name or note might carry it.
const QString kMarkup = QStringLiteral("<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"//evil.example\">x</a>");
const QString kQuotes = QStringLiteral("Tom & Jerry's \"quoted\" ]]> <!-- no comment --> &amp; <![CDATA[x]]> %1 %2");
const QString kRtl = QStringLiteral("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u2014 \u0645\u0631\u062d\u0628\u0627 \u202eevil");
const QString kEmoji = QStringLiteral("Locked \U0001F512 by \U0001F469\u200d\U0001F4BB");
const QString kAttributeBreak = QStringLiteral("\" onerror=\"alert(1)\" x='");
const QString kLongWord = QStringLiteral("Unbroken").repeated(625); // 5,000 characters, no space

// Every character XML 1.0 forbids (and DEL, C1, noncharacters), between words that must survive.
QString withForbiddenCharacters()
{
    return QStringLiteral("bell") + QChar(0x07) + QStringLiteral(" nul") + QChar(0x00) + QStringLiteral(" esc") + QChar(0x1b)
        + QStringLiteral(" del") + QChar(0x7f) + QStringLiteral(" c1") + QChar(0x85) + QStringLiteral(" lone") + QChar(0xd800)
        + QStringLiteral(" low") + QChar(0xdc00) + QStringLiteral(" nonchar") + QChar(0xfffe) + QChar(0xffff) + QStringLiteral(" tab\tend");
}
const QString kForbiddenCleaned = QStringLiteral("bell nul esc del c1 lone low nonchar tab\tend");

const QDateTime kGeneratedAt(QDate(2026, 3, 1), QTime(14, 5, 9), Qt::UTC);

ReportDocument hostileDocument()
{
    ReportDocument doc;
    doc.title = kMarkup + kQuotes;
    doc.subtitle = kRtl + QStringLiteral(" / ") + withForbiddenCharacters();
    doc.coverFacts = {{kMarkup, kQuotes}, {QStringLiteral("System"), kEmoji}, {kAttributeBreak, kLongWord}};
    doc.provenance = QStringLiteral("Questionnaires: ") + kQuotes + QStringLiteral("\n") + withForbiddenCharacters();
    doc.generatedAt = kGeneratedAt;
    doc.branding.organisation = kMarkup + kAttributeBreak;
    doc.branding.classification = QStringLiteral("CUI//") + kQuotes;
    doc.branding.logoPng = pngOf(40, 20, QColor(0x1f, 0x4e, 0x79));

    doc.heading(kMarkup);
    doc.paragraph(QStringLiteral("first line\r\nsecond line\rthird line\nfourth ") + kQuotes);
    doc.paragraph(withForbiddenCharacters());
    doc.heading(kRtl, 2);
    doc.paragraph(kLongWord);

    ReportTable table;
    table.header = {kMarkup, kQuotes, kRtl};
    table.columnWeights = {1, 2, 1};
    ReportCell veryHigh {QStringLiteral("Very High"), riskLevelColor(Level::VeryHigh)};
    ReportCell moderate {QStringLiteral("Moderate"), riskLevelColor(Level::Moderate)};
    table.rows = {{{kLongWord, {}}, {kEmoji, {}}, veryHigh},
                  {{withForbiddenCharacters(), {}}, {kAttributeBreak, {}}, moderate},
                  {{QStringLiteral("short row"), {}}}};
    doc.table(table);
    doc.pageBreak();
    doc.figure({kAttributeBreak + kQuotes, pngOf(300, 150, QColor(0xfb, 0x8c, 0x00)), 100});
    doc.heading(withForbiddenCharacters());
    return doc;
}

QByteArray rendered(const ReportDocument &doc)
{
    const Result<QByteArray> docx = renderDocx(doc);
    REQUIRE(docx.ok());
    return *docx;
}

Package renderedPackage(const ReportDocument &doc)
{
    Package package = unzipped(rendered(doc));
    REQUIRE(package.error.isEmpty());
    return package;
}

} // namespace

TEST_CASE("The Word report is a flat zip of well-formed parts whose content types and relationships resolve")
{
    const QByteArray docx = rendered(hostileDocument());
    CHECK(firstEntryName(docx) == QStringLiteral("[Content_Types].xml"));
    const Package package = unzipped(docx);
    REQUIRE(package.error.isEmpty());

    const QStringList expected = {QStringLiteral("[Content_Types].xml"),
                                  QStringLiteral("_rels/.rels"),
                                  QStringLiteral("docProps/app.xml"),
                                  QStringLiteral("docProps/core.xml"),
                                  QStringLiteral("word/_rels/document.xml.rels"),
                                  QStringLiteral("word/document.xml"),
                                  QStringLiteral("word/footer1.xml"),
                                  QStringLiteral("word/header1.xml"),
                                  QStringLiteral("word/media/image1.png"),
                                  QStringLiteral("word/media/image2.png"),
                                  QStringLiteral("word/settings.xml"),
                                  QStringLiteral("word/styles.xml")};
    CHECK(package.parts.keys() == expected); // no numbering part: the report has no lists
    CHECK(package.directories == QStringList()); // an OPC package is a flat set of parts
    CHECK(package.centralDirectory == expected);

    // Every XML part parses to the end.
    int xmlParts = 0;
    for (auto it = package.parts.cbegin(); it != package.parts.cend(); ++it) {
        if (!it.key().endsWith(QLatin1String(".xml")) && !it.key().endsWith(QLatin1String(".rels")))
            continue;
        ++xmlParts;
        INFO(it.key().toStdString());
        CHECK(xmlError(it.value()) == QString());
    }
    CHECK(xmlParts == 10);

    // [Content_Types].xml covers every part, and names no part that is missing.
    QMap<QString, QString> defaults;
    QMap<QString, QString> overrides;
    for (const Element &e : elements(package.parts.value(QStringLiteral("[Content_Types].xml")))) {
        if (e.name == QLatin1String("Default"))
            defaults.insert(e.attribute("Extension").toLower(), e.attribute("ContentType"));
        else if (e.name == QLatin1String("Override"))
            overrides.insert(e.attribute("PartName"), e.attribute("ContentType"));
    }
    for (const QString &part : package.parts.keys()) {
        INFO(part.toStdString());
        const QString extension = part.mid(part.lastIndexOf(QLatin1Char('.')) + 1).toLower();
        CHECK((overrides.contains(QLatin1Char('/') + part) || defaults.contains(extension)));
    }
    for (const QString &name : overrides.keys())
        CHECK(package.parts.contains(name.mid(1)));
    CHECK(overrides.value(QStringLiteral("/word/document.xml"))
          == QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"));
    CHECK(overrides.value(QStringLiteral("/word/footer1.xml"))
          == QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"));
    CHECK(overrides.value(QStringLiteral("/docProps/core.xml"))
          == QStringLiteral("application/vnd.openxmlformats-package.core-properties+xml"));
    CHECK(defaults.value(QStringLiteral("png")) == QStringLiteral("image/png"));
    CHECK(defaults.value(QStringLiteral("rels")) == QStringLiteral("application/vnd.openxmlformats-package.relationships+xml"));

    // Every relationship points at a part in the package; nothing points outside it.
    int relationshipCount = 0;
    for (auto it = package.parts.cbegin(); it != package.parts.cend(); ++it) {
        if (!it.key().endsWith(QLatin1String(".rels")))
            continue;
        QSet<QString> ids;
        for (const Relationship &r : relationships(it.key(), it.value())) {
            INFO(it.key().toStdString() + " -> " + r.target.toStdString());
            ++relationshipCount;
            CHECK(package.parts.contains(r.target));
            CHECK(r.targetMode.isEmpty());
            CHECK_FALSE(ids.contains(r.id));
            ids.insert(r.id);
        }
    }
    CHECK(relationshipCount == 3 + 6);
    QStringList documentTypes;
    for (const Relationship &r :
         relationships(QStringLiteral("word/_rels/document.xml.rels"), package.parts.value(QStringLiteral("word/_rels/document.xml.rels"))))
        documentTypes.append(r.type.mid(kRelationshipTypes.size()));
    CHECK(documentTypes
          == QStringList {QStringLiteral("styles"), QStringLiteral("settings"), QStringLiteral("header"), QStringLiteral("footer"),
                          QStringLiteral("image"), QStringLiteral("image")});
    CHECK(targetOf(relationships(QStringLiteral("_rels/.rels"), package.parts.value(QStringLiteral("_rels/.rels"))), QStringLiteral("rId1"))
          == QStringLiteral("word/document.xml"));

    // Every entry carries the document's time (DOS time counts in two-second steps), never the clock's.
    REQUIRE(package.entryTimes.size() == 12);
    for (const QDateTime &t : package.entryTimes)
        CHECK(t == QDateTime(QDate(2026, 3, 1), QTime(14, 5, 8), Qt::UTC));
}

TEST_CASE("Hostile text in every field of the Word report comes back as the same text")
{
    const Package package = renderedPackage(hostileDocument());
    const QByteArray documentXml = package.parts.value(QStringLiteral("word/document.xml"));
    const WordXml word = wordXml(documentXml);

    CHECK(word.texts(QStringLiteral("CoverOrganisation")) == QStringList {kMarkup + kAttributeBreak});
    CHECK(word.texts(QStringLiteral("Title")) == QStringList {kMarkup + kQuotes});
    CHECK(word.texts(QStringLiteral("Subtitle")) == QStringList {kRtl + QStringLiteral(" / ") + kForbiddenCleaned});
    CHECK(word.texts(QStringLiteral("CoverNote"))
          == QStringList {QStringLiteral("Generated 1 March 2026, 14:05 UTC"),
                          QStringLiteral("Questionnaires: ") + kQuotes + QLatin1Char('\n') + kForbiddenCleaned});
    CHECK(word.texts(QStringLiteral("Heading1")) == QStringList {kMarkup, kForbiddenCleaned});
    CHECK(word.texts(QStringLiteral("Heading2")) == QStringList {kRtl});
    // CR, CRLF and LF each become one line break; the text between them is intact.
    QStringList body;
    for (const QString &text : word.texts(QString()))
        if (!text.isEmpty())
            body.append(text);
    CHECK(body == QStringList {QStringLiteral("first line\nsecond line\nthird line\nfourth ") + kQuotes, kForbiddenCleaned, kLongWord});
    REQUIRE(body.size() == 3);
    CHECK(body.at(2).size() == 5000);
    CHECK(word.texts(QStringLiteral("Caption")) == QStringList {kAttributeBreak + kQuotes});

    // Right-to-left text (by its first strong character) gets a right-to-left paragraph.
    for (const Paragraph &p : word.paragraphs)
        CHECK(p.rightToLeft == (p.style == QLatin1String("Heading2") || p.style == QLatin1String("Subtitle") || p.text == kRtl));

    REQUIRE(word.tables.size() == 2);
    QStringList facts;
    for (const Row &row : word.tables.at(0).rows)
        for (const Cell &cell : row.cells)
            facts.append(cell.text);
    CHECK(facts == QStringList {kMarkup, kQuotes, QStringLiteral("System"), kEmoji, kAttributeBreak, kLongWord});
    QStringList cells;
    for (const Row &row : word.tables.at(1).rows)
        for (const Cell &cell : row.cells)
            cells.append(cell.text);
    CHECK(cells
          == QStringList {kMarkup, kQuotes, kRtl, // header
                          kLongWord, kEmoji, QStringLiteral("Very High"), kForbiddenCleaned, kAttributeBreak, QStringLiteral("Moderate"),
                          QStringLiteral("short row"), QString(), QString()}); // the short row is padded to three cells

    REQUIRE(word.drawings.size() == 2);
    CHECK(word.drawings.at(0).description == kMarkup + kAttributeBreak); // the logo, named after the organisation
    CHECK(word.drawings.at(1).description == kAttributeBreak + kQuotes); // the figure, described by its caption

    // The user's markup is text: escaped, never an element.
    CHECK_FALSE(documentXml.contains("<script"));
    CHECK_FALSE(documentXml.contains("<img"));
    CHECK(documentXml.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(documentXml.contains("Tom &amp; Jerry&#39;s &quot;quoted&quot; ]]&gt; &lt;!-- no comment --&gt; &amp;amp;"));
    QStringList elementNames;
    for (const Element &e : elements(documentXml))
        if (!elementNames.contains(e.name))
            elementNames.append(e.name);
    for (const char *hostile : {"script", "img", "a"})
        CHECK_FALSE(elementNames.contains(QLatin1String(hostile)));

    // No part holds a character XML forbids, and every part is valid UTF-8.
    for (auto it = package.parts.cbegin(); it != package.parts.cend(); ++it) {
        if (it.key().endsWith(QLatin1String(".png")))
            continue;
        INFO(it.key().toStdString());
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder(it.value());
        CHECK_FALSE(decoder.hasError());
        CHECK_FALSE(text.contains(QChar(0xfffd)));
        QList<int> forbidden;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t u = text.at(i).unicode();
            if ((u < 0x20 && u != u'\t' && u != u'\n') || (u >= 0x7f && u <= 0x9f) || u == 0xfffe || u == 0xffff)
                forbidden.append(u);
            if (text.at(i).isHighSurrogate() && (i + 1 == text.size() || !text.at(i + 1).isLowSurrogate()))
                forbidden.append(u);
            if (text.at(i).isLowSurrogate() && (i == 0 || !text.at(i - 1).isHighSurrogate()))
                forbidden.append(u);
        }
        CHECK(forbidden == QList<int>());
    }
}

TEST_CASE("Word tables have a fixed grid from the weights, a repeating header row, and shaded cells")
{
    const WordXml word = wordXml(renderedPackage(hostileDocument()).parts.value(QStringLiteral("word/document.xml")));
    REQUIRE(word.tables.size() == 2);
    for (const Table &table : word.tables) {
        // Fixed layout at the text width: a 5,000-character word cannot widen the table.
        CHECK(table.layout == QStringLiteral("fixed"));
        CHECK(table.width == 9638); // A4 less two 2 cm margins
        int total = 0;
        for (const int w : table.grid)
            total += w;
        CHECK(total == 9638);
    }
    CHECK(word.tables.at(0).grid == QList<int> {2891, 6747}); // cover facts: 30% label, 70% value

    const Table &data = word.tables.at(1);
    CHECK(data.style == QStringLiteral("ReportTable"));
    CHECK(data.grid == QList<int> {2410, 4819, 2409}); // weights 1:2:1, edges rounded
    REQUIRE(data.rows.size() == 4);
    QList<bool> headers;
    for (const Row &row : data.rows) {
        headers.append(row.header);
        QList<int> widths;
        for (const Cell &cell : row.cells)
            widths.append(cell.width);
        CHECK(widths == data.grid);
    }
    CHECK(headers == QList<bool> {true, false, false, false});
    for (const Cell &cell : data.rows.at(0).cells) {
        CHECK(cell.fill == QStringLiteral("1F4E79")); // the accent
        CHECK(cell.colour == QStringLiteral("FFFFFF"));
    }
    const Cell &veryHigh = data.rows.at(1).cells.at(2);
    CHECK(veryHigh.text == QStringLiteral("Very High"));
    CHECK(veryHigh.fill == QStringLiteral("D32F2F"));
    CHECK(veryHigh.colour == QStringLiteral("FFFFFF"));
    const Cell &moderate = data.rows.at(2).cells.at(2);
    CHECK(moderate.text == QStringLiteral("Moderate"));
    CHECK(moderate.fill == QStringLiteral("FFD54F"));
    CHECK(moderate.colour == QStringLiteral("000000"));
    CHECK(data.rows.at(1).cells.at(0).fill == QString());
    CHECK(data.rows.at(3).cells.at(2).fill == QString());

    // Weights that do not match the columns give equal widths; a translucent fill is flattened onto white.
    ReportDocument doc;
    ReportTable table;
    table.header = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    table.columnWeights = {1, 2};
    table.rows = {{{QStringLiteral("x"), QColor(0, 0, 0, 0)}, {QStringLiteral("y"), QColor(0xd3, 0x2f, 0x2f)}}};
    doc.table(table);
    doc.table(table); // two tables in a row stay two tables
    const WordXml equal = wordXml(renderedPackage(doc).parts.value(QStringLiteral("word/document.xml")));
    REQUIRE(equal.tables.size() == 2);
    CHECK(equal.tables.at(0).grid == QList<int> {3213, 3212, 3213});
    REQUIRE(equal.tables.at(0).rows.size() == 2);
    REQUIRE(equal.tables.at(0).rows.at(1).cells.size() == 3);
    CHECK(equal.tables.at(0).rows.at(1).cells.at(0).fill == QStringLiteral("FFFFFF"));
    CHECK(equal.tables.at(0).rows.at(1).cells.at(0).colour == QStringLiteral("000000"));
    CHECK(equal.tables.at(0).rows.at(1).cells.at(1).fill == QStringLiteral("D32F2F"));
    CHECK(equal.tables.at(0).rows.at(1).cells.at(2).text == QString());
}

TEST_CASE("Word figures and the logo are the same PNG bytes, inline at their printed size")
{
    ReportDocument doc = hostileDocument();
    const QByteArray logo = doc.branding.logoPng;
    REQUIRE(doc.blocks.at(7).kind == ReportBlock::Kind::Figure);
    const QByteArray chart = doc.blocks.at(7).figure.png;
    REQUIRE(chart.startsWith("\x89PNG"));

    const Package package = renderedPackage(doc);
    const WordXml word = wordXml(package.parts.value(QStringLiteral("word/document.xml")));
    const QList<Relationship> rels = relationships(QStringLiteral("word/_rels/document.xml.rels"),
                                                   package.parts.value(QStringLiteral("word/_rels/document.xml.rels")));
    REQUIRE(word.drawings.size() == 2);
    // The logo: 18 mm high, width from its 2:1 aspect ratio (36,000 EMU to the millimetre).
    CHECK(targetOf(rels, word.drawings.at(0).embed) == QStringLiteral("word/media/image1.png"));
    CHECK(package.parts.value(QStringLiteral("word/media/image1.png")) == logo);
    CHECK(word.drawings.at(0).cx == 36 * 36000);
    CHECK(word.drawings.at(0).cy == 18 * 36000);
    // The figure: 100 mm wide, 300 x 150 pixels.
    CHECK(targetOf(rels, word.drawings.at(1).embed) == QStringLiteral("word/media/image2.png"));
    CHECK(package.parts.value(QStringLiteral("word/media/image2.png")) == chart);
    CHECK(word.drawings.at(1).cx == 100 * 36000);
    CHECK(word.drawings.at(1).cy == 50 * 36000);

    // Wider than the page: shrunk to the text width (9638 twips of 635 EMU).
    ReportDocument wide;
    wide.figure({QStringLiteral("Wide"), chart, 300});
    const WordXml wideWord = wordXml(renderedPackage(wide).parts.value(QStringLiteral("word/document.xml")));
    REQUIRE(wideWord.drawings.size() == 1);
    CHECK(wideWord.drawings.at(0).cx == 9638 * 635);
    CHECK(wideWord.drawings.at(0).cy == 9638 * 635 / 2);

    // Bytes that are not a PNG are left out rather than shown as a broken picture; the caption stays.
    doc.branding.logoPng = QByteArrayLiteral("<svg onload=alert(1)>");
    doc.blocks[7].figure.png = QByteArrayLiteral("GIF89a");
    const Package without = renderedPackage(doc);
    const WordXml withoutWord = wordXml(without.parts.value(QStringLiteral("word/document.xml")));
    CHECK(withoutWord.drawings.isEmpty());
    CHECK(withoutWord.texts(QStringLiteral("Caption")) == QStringList {kAttributeBreak + kQuotes});
    CHECK_FALSE(without.parts.contains(QStringLiteral("word/media/image1.png")));
    CHECK(without.parts.size() == 10);
    CHECK_FALSE(without.parts.value(QStringLiteral("[Content_Types].xml")).contains("png"));
    CHECK_FALSE(without.parts.value(QStringLiteral("word/_rels/document.xml.rels")).contains("image"));
}

TEST_CASE("The Word header and footer carry the marking, the organisation and Page X of Y fields")
{
    const Package package = renderedPackage(hostileDocument());
    const WordXml header = wordXml(package.parts.value(QStringLiteral("word/header1.xml")));
    REQUIRE(header.paragraphs.size() == 2);
    CHECK(header.paragraphs.at(0).style == QStringLiteral("Classification"));
    CHECK(header.paragraphs.at(0).text == QStringLiteral("CUI//") + kQuotes);
    CHECK(header.paragraphs.at(1).style == QStringLiteral("Header"));
    CHECK(header.paragraphs.at(1).text == kMarkup + kAttributeBreak);

    const WordXml footer = wordXml(package.parts.value(QStringLiteral("word/footer1.xml")));
    CHECK(footer.fields == QStringList {QStringLiteral("PAGE"), QStringLiteral("NUMPAGES")});
    CHECK(footer.fieldChars
          == QStringList {QStringLiteral("begin"), QStringLiteral("separate"), QStringLiteral("end"), QStringLiteral("begin"),
                          QStringLiteral("separate"), QStringLiteral("end")});
    REQUIRE(footer.paragraphs.size() == 2);
    CHECK(footer.paragraphs.at(0).style == QStringLiteral("Footer"));
    // The title and subtitle cut to 90 characters, then the page numbers (the fields show 1 until Word lays out).
    CHECK(footer.paragraphs.at(0).text
          == QString(kMarkup + kQuotes + QStringLiteral(" \u2014 ") + kRtl).left(90) + QChar(0x2026) + QStringLiteral("\tPage 1 of 1"));
    CHECK(footer.paragraphs.at(1).style == QStringLiteral("Classification"));
    CHECK(footer.paragraphs.at(1).text == QStringLiteral("CUI//") + kQuotes);

    // One A4 section with 2 cm side margins, using that header and footer on every page.
    const QList<Element> document = elements(package.parts.value(QStringLiteral("word/document.xml")));
    const QList<Relationship> rels = relationships(QStringLiteral("word/_rels/document.xml.rels"),
                                                   package.parts.value(QStringLiteral("word/_rels/document.xml.rels")));
    const QList<Element> headerRefs = named(document, "headerReference");
    const QList<Element> footerRefs = named(document, "footerReference");
    REQUIRE(headerRefs.size() == 1);
    REQUIRE(footerRefs.size() == 1);
    CHECK(targetOf(rels, headerRefs.first().attributes.value(kR, QLatin1String("id")).toString()) == QStringLiteral("word/header1.xml"));
    CHECK(targetOf(rels, footerRefs.first().attributes.value(kR, QLatin1String("id")).toString()) == QStringLiteral("word/footer1.xml"));
    REQUIRE(named(document, "pgSz").size() == 1);
    CHECK(named(document, "pgSz").first().w("w") == QStringLiteral("11906"));
    CHECK(named(document, "pgSz").first().w("h") == QStringLiteral("16838"));
    CHECK(named(document, "pgMar").first().w("left") == QStringLiteral("1134"));
    CHECK(named(document, "pgMar").first().w("right") == QStringLiteral("1134"));

    // The cover ends with a page break, and so does the document's own page break.
    CHECK(wordXml(package.parts.value(QStringLiteral("word/document.xml"))).pageBreaks == 2);

    // No marking, no marking paragraphs.
    ReportDocument unmarked = hostileDocument();
    unmarked.branding.classification = QStringLiteral(" \x01 ");
    const Package plain = renderedPackage(unmarked);
    CHECK(wordXml(plain.parts.value(QStringLiteral("word/header1.xml"))).texts(QStringLiteral("Classification")).isEmpty());
    CHECK(wordXml(plain.parts.value(QStringLiteral("word/footer1.xml"))).texts(QStringLiteral("Classification")).isEmpty());
}

TEST_CASE("Word styles put headings in the accent and shade the table header, and properties name the report")
{
    const Package package = renderedPackage(hostileDocument());
    QMap<QString, QString> colours; // style id -> first w:color
    QMap<QString, QString> fills; // style id -> first w:shd fill
    QString style;
    for (const Element &e : elements(package.parts.value(QStringLiteral("word/styles.xml")))) {
        if (e.name == QLatin1String("style"))
            style = e.w("styleId");
        else if (e.name == QLatin1String("color") && !colours.contains(style))
            colours.insert(style, e.w("val"));
        else if (e.name == QLatin1String("shd") && !fills.contains(style))
            fills.insert(style, e.w("fill"));
    }
    for (const char *id : {"Normal", "Title", "Subtitle", "Heading1", "Heading2", "Caption", "Header", "Footer", "ReportTable"})
        CHECK(package.parts.value(QStringLiteral("word/styles.xml")).contains(QByteArray(QByteArray("w:styleId=\"") + id + '"')));
    CHECK(colours.value(QStringLiteral("Heading1")) == QStringLiteral("1F4E79"));
    CHECK(colours.value(QStringLiteral("Heading2")) == QStringLiteral("1F4E79"));
    CHECK(fills.value(QStringLiteral("ReportTable")) == QStringLiteral("1F4E79"));
    CHECK(colours.value(QStringLiteral("ReportTable")) == QStringLiteral("FFFFFF"));

    // A pale accent still shades the header row, with dark text, and headings are darkened to 4.5:1.
    ReportDocument pale = hostileDocument();
    pale.branding.accent = QColor(0xff, 0xd5, 0x4f);
    const QList<Element> paleStyles = elements(renderedPackage(pale).parts.value(QStringLiteral("word/styles.xml")));
    QString paleHeading;
    QString paleOnAccent;
    style.clear();
    for (const Element &e : paleStyles) {
        if (e.name == QLatin1String("style"))
            style = e.w("styleId");
        else if (e.name == QLatin1String("color") && style == QLatin1String("Heading1") && paleHeading.isEmpty())
            paleHeading = e.w("val");
        else if (e.name == QLatin1String("color") && style == QLatin1String("ReportTable") && paleOnAccent.isEmpty())
            paleOnAccent = e.w("val");
    }
    CHECK(paleOnAccent == QStringLiteral("000000"));
    const QColor ink(QLatin1Char('#') + paleHeading);
    REQUIRE(ink.isValid());
    CHECK(paleHeading != QStringLiteral("FFD54F"));
    CHECK(contrastWithWhite(ink) >= 4.5);
    CHECK(contrastWithWhite(QColor(0xff, 0xd5, 0x4f)) < 1.5);

    const QList<Element> core = elements(package.parts.value(QStringLiteral("docProps/core.xml")));
    CHECK(named(core, "title").first().text == kMarkup + kQuotes);
    CHECK(named(core, "creator").first().text == kMarkup + kAttributeBreak);
    CHECK(named(core, "created").first().text == QStringLiteral("2026-03-01T14:05:09Z"));
    CHECK(named(core, "modified").first().text == QStringLiteral("2026-03-01T14:05:09Z"));
    CHECK(
        named(core, "created").first().attributes.value(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QLatin1String("type"))
        == QStringLiteral("dcterms:W3CDTF"));
    const QList<Element> app = elements(package.parts.value(QStringLiteral("docProps/app.xml")));
    CHECK(named(app, "Application").first().text == QStringLiteral("Bulkhead"));
    CHECK(named(app, "Company").first().text == kMarkup + kAttributeBreak);
}

TEST_CASE("The same document gives the same Word bytes, and a document without a date is stamped 1980-01-01")
{
    const ReportDocument doc = hostileDocument();
    const QByteArray first = rendered(doc);
    const QByteArray second = rendered(hostileDocument());
    CHECK(first.size() > 2000);
    CHECK(first == second);

    ReportDocument shifted = hostileDocument();
    shifted.generatedAt = kGeneratedAt.toOffsetFromUtc(2 * 3600); // the same instant seen from UTC+2
    CHECK(rendered(shifted) == first);

    ReportDocument later = hostileDocument();
    later.generatedAt = kGeneratedAt.addDays(1);
    CHECK(rendered(later) != first);

    // An empty document is still a complete package; its entries get the earliest DOS time.
    const ReportDocument empty;
    const QByteArray emptyDocx = rendered(empty);
    CHECK(emptyDocx == rendered(empty));
    const Package package = unzipped(emptyDocx);
    REQUIRE(package.error.isEmpty());
    CHECK(package.parts.size() == 10);
    for (const QDateTime &t : package.entryTimes)
        CHECK(t == QDateTime(QDate(1980, 1, 1), QTime(0, 0), Qt::UTC));
    const WordXml word = wordXml(package.parts.value(QStringLiteral("word/document.xml")));
    CHECK(word.texts(QStringLiteral("Title")) == QStringList {QStringLiteral("Report")});
    CHECK(word.texts(QStringLiteral("CoverOrganisation")) == QStringList {QStringLiteral("Bulkhead")});
    CHECK(word.pageBreaks == 1);
    CHECK(word.tables.isEmpty());
    CHECK(named(elements(package.parts.value(QStringLiteral("docProps/core.xml"))), "created").isEmpty());
    for (auto it = package.parts.cbegin(); it != package.parts.cend(); ++it)
        CHECK(xmlError(it.value()) == QString());
}

TEST_CASE("The demo's SAR and SOC 2 report as Word documents are complete packages with the assessment's facts")
{
    QTemporaryDir dir;
    auto ws = test::openWorkspace(dir);
    const ContentLibrary library = ContentLibrary::builtIn();
    REQUIRE(buildDemo(*ws, library).ok());
    for (const ReportType type : {ReportType::SecurityAssessment, ReportType::Soc2Readiness}) {
        INFO(reportTypeKey(type).toStdString());
        ExportRequest request;
        request.engagementId = 1;
        request.type = type;
        request.format = ReportFormat::Docx;
        request.outputPath = dir.filePath(reportTypeKey(type) + QStringLiteral(".docx"));
        auto exported = exportReport(*ws, library, request);
        INFO((exported ? QString() : exported.error().toString()).toStdString());
        REQUIRE(exported.ok());
        const Package package = unzipped(test::readBytes(request.outputPath));
        REQUIRE(package.error.isEmpty());
        CHECK(package.directories.isEmpty());
        for (auto it = package.parts.cbegin(); it != package.parts.cend(); ++it) {
            if (it.key().endsWith(QLatin1String(".xml")) || it.key().endsWith(QLatin1String(".rels"))) {
                INFO(it.key().toStdString());
                CHECK(xmlError(it.value()) == QString());
            }
        }
        // Every relationship of the document resolves to a part of the package.
        for (const auto &rel : relationships(QStringLiteral("word/_rels/document.xml.rels"),
                                             package.parts.value(QStringLiteral("word/_rels/document.xml.rels")))) {
            INFO(rel.target.toStdString());
            CHECK(package.parts.contains(rel.target));
        }
        const WordXml word = wordXml(package.parts.value(QStringLiteral("word/document.xml")));
        QString text;
        for (const auto &p : word.paragraphs)
            text += p.text + QLatin1Char('\n');
        CHECK(text.contains(QStringLiteral("Harbourline Freight Ltd")));
        CHECK(text.contains(QStringLiteral("2025-11-03 to 2025-11-14")));
        if (type == ReportType::SecurityAssessment) {
            CHECK(text.contains(QStringLiteral("4 Results by control family")));
            CHECK(text.contains(QStringLiteral("Incidents in provider-run layers are handled late or without forensic data")));
            CHECK(word.drawings.size() == 2); // the heat map and the family chart
            CHECK(word.tables.size() > 20);
        } else {
            CHECK(text.contains(QStringLiteral("It is not a SOC 2 report")));
            CHECK(text.contains(QStringLiteral("No exceptions noted.")));
        }
    }
}
