// The HTML report: hostile text in every field stays text, the file is well-formed XML with no
// way to load or run anything, images round-trip byte for byte, and output is deterministic.
#include "HtmlReport.h"
#include "Levels.h"
#include "ReportDocument.h"
#include "RiskLevelStyle.h"
#include "TestSupport.h"

#include <QBuffer>
#include <QImage>
#include <QStringDecoder>
#include <QXmlStreamReader>

#include <catch2/catch.hpp>

using namespace bulkhead;

namespace {

struct Element {
    QString name;
    QXmlStreamAttributes attributes;
    QString text; // character data directly inside the element, children's left out
    QString attribute(const char *name) const { return attributes.value(QLatin1String(name)).toString(); }
};

struct ParsedHtml {
    QList<Element> elements; // in document order of their start tags
    QString error; // empty: parsed to the end without error

    QList<Element> named(const char *name) const
    {
        QList<Element> found;
        for (const Element &e : elements)
            if (e.name == QLatin1String(name))
                found.append(e);
        return found;
    }
    QStringList texts(const char *name) const
    {
        QStringList found;
        for (const Element &e : named(name))
            found.append(e.text);
        return found;
    }
};

ParsedHtml parse(const QByteArray &html)
{
    ParsedHtml parsed;
    QXmlStreamReader reader(html);
    QList<qsizetype> open;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            open.append(parsed.elements.size());
            parsed.elements.append({reader.name().toString(), reader.attributes(), {}});
            break;
        case QXmlStreamReader::EndElement: open.removeLast(); break;
        case QXmlStreamReader::Characters:
            if (!open.isEmpty())
                parsed.elements[open.last()].text += reader.text();
            break;
        default: break;
        }
    }
    if (reader.hasError())
        parsed.error
            = QStringLiteral("line %1 column %2: %3").arg(reader.lineNumber()).arg(reader.columnNumber()).arg(reader.errorString());
    return parsed;
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

QByteArray decodedDataUri(const QString &uri)
{
    const QString prefix = QStringLiteral("data:image/png;base64,");
    if (!uri.startsWith(prefix))
        return {};
    auto decoded = QByteArray::fromBase64Encoding(uri.mid(prefix.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArray();
}

// The CSS strings in the @page margin boxes: `@top-center { content: "..."` with six-digit escapes.
QString marginBoxText(const QString &style, const char *box)
{
    const QString start = QLatin1String(box) + QLatin1String(" { content: \"");
    const qsizetype from = style.indexOf(start);
    if (from < 0)
        return QStringLiteral("(no %1)").arg(QLatin1String(box));
    QString decoded;
    for (qsizetype i = from + start.size(); i < style.size() && style.at(i) != u'"';) {
        if (style.at(i) == u'\\') {
            const char32_t ucs = style.mid(i + 1, 6).toUInt(nullptr, 16);
            decoded += QString::fromUcs4(&ucs, 1);
            i += 7;
        } else {
            decoded += style.at(i++);
        }
    }
    return decoded;
}

// Hostile text, as a careless or malicious answer, client name or note might carry it.
const QString kMarkup = QStringLiteral("<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"//evil.example\">x</a>");
const QString kQuotes = QStringLiteral("Tom & Jerry's \"quoted\" ]]> <!-- no comment --> &amp; <![CDATA[x]]> %1 %2");
const QString kRtl = QStringLiteral("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u2014 \u0645\u0631\u062d\u0628\u0627 \u202eevil");
const QString kEmoji = QStringLiteral("Locked \U0001F512 by \U0001F469\u200d\U0001F4BB");
const QString kAttributeBreak = QStringLiteral("\" onerror=\"alert(1)\" x='");
const QString kLongWord = QStringLiteral("Unbroken").repeated(625); // 5,000 characters, no space

// Every character XML 1.0 forbids or HTML calls a parse error, between words that must survive.
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

} // namespace

TEST_CASE("The HTML report parses as XML to the end and loads or runs nothing")
{
    const QByteArray html = renderHtml(hostileDocument());
    const ParsedHtml parsed = parse(html);
    REQUIRE(parsed.error.isEmpty());
    CHECK(html.startsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"));
    CHECK(html.endsWith("</html>\n"));

    // The user's <script>, <img>, <a> are text, so the only elements are the renderer's own.
    const QStringList allowed = {QStringLiteral("html"),      QStringLiteral("head"),     QStringLiteral("meta"), QStringLiteral("title"),
                                 QStringLiteral("style"),     QStringLiteral("body"),     QStringLiteral("div"),  QStringLiteral("section"),
                                 QStringLiteral("img"),       QStringLiteral("p"),        QStringLiteral("h1"),   QStringLiteral("h2"),
                                 QStringLiteral("table"),     QStringLiteral("colgroup"), QStringLiteral("col"),  QStringLiteral("thead"),
                                 QStringLiteral("tbody"),     QStringLiteral("tr"),       QStringLiteral("th"),   QStringLiteral("td"),
                                 QStringLiteral("br"),        QStringLiteral("time"),     QStringLiteral("main"), QStringLiteral("figure"),
                                 QStringLiteral("figcaption")};
    QStringList unexpected;
    int references = 0;
    for (const Element &e : parsed.elements) {
        if (!allowed.contains(e.name))
            unexpected.append(e.name);
        for (const QXmlStreamAttribute &a : e.attributes) {
            const QString name = a.name().toString();
            if (name.startsWith(QLatin1String("on")))
                unexpected.append(e.name + QLatin1Char('@') + name);
            if (name == QLatin1String("src") || name == QLatin1String("href")) {
                ++references;
                const QString value = a.value().toString();
                if (!value.startsWith(QLatin1String("data:")) && !value.startsWith(QLatin1Char('#')))
                    unexpected.append(e.name + QLatin1Char('@') + name + QLatin1Char('=') + value);
            }
        }
    }
    CHECK(unexpected == QStringList());
    CHECK(references == 2); // the logo and the figure
    CHECK(parsed.named("img").size() == 2);

    const QString text = QString::fromUtf8(html);
    CHECK_FALSE(text.contains(QLatin1String("<script"), Qt::CaseInsensitive));
    CHECK_FALSE(text.contains(QLatin1String("javascript:"), Qt::CaseInsensitive));
    for (const char *forbidden : {"<link", "<iframe", "<object", "<embed", "<base", "<form", "<a ", "@import", "url("})
        CHECK_FALSE(text.contains(QLatin1String(forbidden), Qt::CaseInsensitive));
    // The XHTML namespace name is the one URL in the file, and it is never fetched.
    CHECK(text.count(QStringLiteral("://")) == 1);
    CHECK(text.count(QStringLiteral("http://www.w3.org/1999/xhtml")) == 1);

    const QList<Element> metas = parsed.named("meta");
    REQUIRE(metas.size() == 5);
    CHECK(metas.at(0).attribute("charset") == QStringLiteral("utf-8"));
    CHECK(metas.at(1).attribute("http-equiv") == QStringLiteral("Content-Security-Policy"));
    CHECK(metas.at(1).attribute("content")
          == QStringLiteral("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"));

    // The classification repeats on every printed page from the style sheet, as an escaped string
    // that cannot end the string, the rule or the <style> element.
    const QStringList styles = parsed.texts("style");
    REQUIRE(styles.size() == 1);
    CHECK(marginBoxText(styles.first(), "@top-center") == QStringLiteral("CUI//") + kQuotes);
    CHECK(marginBoxText(styles.first(), "@bottom-center") == QStringLiteral("CUI//") + kQuotes);
    CHECK(styles.first().contains(QLatin1String("CUI\\00002f\\00002fTom\\000020\\000026\\000020Jerry\\000027s")));
    CHECK_FALSE(styles.first().contains(QLatin1Char('<')));
    CHECK_FALSE(styles.first().contains(QLatin1Char('&')));
}

TEST_CASE("Hostile text in every field of the HTML report comes back as the same text")
{
    const ParsedHtml parsed = parse(renderHtml(hostileDocument()));
    REQUIRE(parsed.error.isEmpty());

    CHECK(parsed.texts("title") == QStringList {kMarkup + kQuotes});
    const QList<Element> paragraphs = parsed.named("p");
    REQUIRE(paragraphs.size() == 7);
    CHECK(paragraphs.at(0).attribute("class") == QStringLiteral("organisation"));
    CHECK(paragraphs.at(0).text == kMarkup + kAttributeBreak);
    CHECK(paragraphs.at(1).attribute("class") == QStringLiteral("subtitle"));
    CHECK(paragraphs.at(1).text == kRtl + QStringLiteral(" / ") + kForbiddenCleaned);
    CHECK(paragraphs.at(2).attribute("class") == QStringLiteral("generated"));
    CHECK(paragraphs.at(3).attribute("class") == QStringLiteral("provenance"));
    CHECK(paragraphs.at(3).text == QStringLiteral("Questionnaires: ") + kQuotes + kForbiddenCleaned); // split by a <br/>
    // CR, CRLF and LF each become one <br/>; the text between them is intact.
    CHECK(paragraphs.at(4).text == QStringLiteral("first linesecond linethird linefourth ") + kQuotes);
    CHECK(paragraphs.at(5).text == kForbiddenCleaned);
    CHECK(paragraphs.at(6).text == kLongWord);
    CHECK(paragraphs.at(6).text.size() == 5000);

    const QList<Element> h1 = parsed.named("h1");
    REQUIRE(h1.size() == 3); // the report title, then two sections
    CHECK(h1.at(0).attribute("class") == QStringLiteral("report-title"));
    CHECK(h1.at(0).text == kMarkup + kQuotes);
    CHECK(h1.at(1).text == kMarkup);
    CHECK(h1.at(1).attribute("id") == QStringLiteral("section-1"));
    CHECK(h1.at(2).text == kForbiddenCleaned);
    CHECK(parsed.texts("h2") == QStringList {kRtl});

    // Cover facts (label in th, value in td), the data table's header and cells.
    CHECK(parsed.texts("th")
          == QStringList {kMarkup, QStringLiteral("System"), kAttributeBreak, // cover facts
                          kMarkup, kQuotes, kRtl}); // data table header
    CHECK(parsed.texts("td")
          == QStringList {kQuotes, kEmoji, kLongWord, // cover facts
                          kLongWord, kEmoji, QStringLiteral("Very High"), kForbiddenCleaned, kAttributeBreak, QStringLiteral("Moderate"),
                          QStringLiteral("short row"), QString(), QString()}); // the short row is padded to three cells

    CHECK(parsed.texts("figcaption") == QStringList {kAttributeBreak + kQuotes});
    const QList<Element> images = parsed.named("img");
    REQUIRE(images.size() == 2);
    CHECK(images.at(0).attribute("alt") == kMarkup + kAttributeBreak); // the logo, named after the organisation
    CHECK(images.at(1).attribute("alt") == kAttributeBreak + kQuotes); // the figure, described by its caption

    const QList<Element> banners = parsed.named("div");
    REQUIRE(banners.size() == 4); // classification, page, page break, classification
    CHECK(banners.first().attribute("class") == QStringLiteral("classification classification-top"));
    CHECK(banners.first().text == QStringLiteral("CUI//") + kQuotes);
    CHECK(banners.last().attribute("class") == QStringLiteral("classification classification-bottom"));
    CHECK(banners.last().text == QStringLiteral("CUI//") + kQuotes);
    CHECK(banners.at(2).attribute("class") == QStringLiteral("page-break"));

    // Every container of user text lets the browser pick the direction from the text itself.
    for (const char *container : {"p", "h1", "h2", "th", "figcaption"})
        for (const Element &e : parsed.named(container))
            if (e.attribute("class") != QLatin1String("generated"))
                CHECK(e.attribute("dir") == QStringLiteral("auto"));
}

TEST_CASE("The HTML report drops the characters XML forbids and keeps valid UTF-8")
{
    const QByteArray html = renderHtml(hostileDocument());
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(html);
    REQUIRE_FALSE(decoder.hasError());
    CHECK_FALSE(text.contains(QChar(0xfffd))); // nothing was replaced on the way

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
    CHECK_FALSE(html.contains('\r'));
    // What is allowed survives: tab, emoji (surrogate pairs and a joiner), right-to-left text.
    CHECK(text.contains(kForbiddenCleaned));
    CHECK(text.contains(kEmoji));
    CHECK(text.contains(kRtl));
    CHECK(text.contains(kLongWord));
    CHECK(text.contains(
        QStringLiteral("first line<br/>second line<br/>third line<br/>fourth Tom &amp; Jerry&#39;s &quot;quoted&quot; ]]&gt;")));
}

TEST_CASE("The HTML report embeds figures and the logo as data URIs that decode to the same PNG bytes")
{
    ReportDocument doc = hostileDocument();
    const QByteArray logo = doc.branding.logoPng;
    const QByteArray chart = doc.blocks.at(7).figure.png;
    REQUIRE(doc.blocks.at(7).kind == ReportBlock::Kind::Figure);
    REQUIRE(chart.startsWith("\x89PNG"));

    const ParsedHtml parsed = parse(renderHtml(doc));
    REQUIRE(parsed.error.isEmpty());
    const QList<Element> images = parsed.named("img");
    REQUIRE(images.size() == 2);
    CHECK(images.at(0).attribute("class") == QStringLiteral("logo"));
    CHECK(decodedDataUri(images.at(0).attribute("src")) == logo);
    CHECK(decodedDataUri(images.at(1).attribute("src")) == chart);
    REQUIRE(parsed.named("figure").size() == 1);
    CHECK(parsed.named("figure").first().attribute("style") == QStringLiteral("width:100mm"));

    // Bytes that are not a PNG are left out rather than shown as a broken image; the caption stays.
    doc.branding.logoPng = QByteArrayLiteral("<svg onload=alert(1)>");
    doc.blocks[7].figure.png = QByteArrayLiteral("GIF89a");
    const ParsedHtml withoutImages = parse(renderHtml(doc));
    REQUIRE(withoutImages.error.isEmpty());
    CHECK(withoutImages.named("img").isEmpty());
    CHECK(withoutImages.texts("figcaption") == QStringList {kAttributeBreak + kQuotes});
}

TEST_CASE("HTML table cells carry their fill with a readable text colour, and columns their weights")
{
    const ParsedHtml parsed = parse(renderHtml(hostileDocument()));
    REQUIRE(parsed.error.isEmpty());
    QList<Element> cells;
    for (const Element &e : parsed.named("td"))
        if (!e.attribute("style").isEmpty())
            cells.append(e);
    REQUIRE(cells.size() == 2);
    CHECK(cells.at(0).text == QStringLiteral("Very High"));
    CHECK(cells.at(0).attribute("style") == QStringLiteral("background-color:#d32f2f;color:#ffffff"));
    CHECK(cells.at(1).text == QStringLiteral("Moderate"));
    CHECK(cells.at(1).attribute("style") == QStringLiteral("background-color:#ffd54f;color:#000000"));
    // The same choice of text colour as the application's own risk level style.
    CHECK(riskLevelTextColor(Level::VeryHigh) == QColor(Qt::white));
    CHECK(riskLevelTextColor(Level::Moderate) == QColor(Qt::black));

    QStringList widths;
    for (const Element &col : parsed.named("col"))
        widths.append(col.attribute("style"));
    CHECK(widths == QStringList {QStringLiteral("width:25.00%"), QStringLiteral("width:50.00%"), QStringLiteral("width:25.00%")});

    // Weights that do not match the columns give equal widths; a translucent fill is flattened onto white.
    ReportDocument doc;
    ReportTable table;
    table.header = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")};
    table.columnWeights = {1, 2};
    table.rows = {{{QStringLiteral("x"), QColor(0, 0, 0, 0)}, {QStringLiteral("y"), QColor(0xd3, 0x2f, 0x2f, 255)}}};
    doc.table(table);
    const ParsedHtml equal = parse(renderHtml(doc));
    REQUIRE(equal.error.isEmpty());
    widths.clear();
    for (const Element &col : equal.named("col"))
        widths.append(col.attribute("style"));
    CHECK(widths == QStringList {QStringLiteral("width:33.33%"), QStringLiteral("width:33.33%"), QStringLiteral("width:33.33%")});
    const QList<Element> td = equal.named("td");
    REQUIRE(td.size() == 3);
    CHECK(td.at(0).attribute("style") == QStringLiteral("background-color:#ffffff;color:#000000"));
    CHECK(td.at(1).attribute("style") == QStringLiteral("background-color:#d32f2f;color:#ffffff"));

    // The style sheet keeps long words inside fixed-width columns and gives headings the accent.
    const QString style = equal.texts("style").join(QString());
    CHECK(style.contains(QLatin1String("table-layout: fixed")));
    CHECK(style.contains(QLatin1String("overflow-wrap: anywhere; word-break: break-word")));
    CHECK(style.contains(QLatin1String("h1, h2 { color: #1f4e79;")));
    CHECK(style.contains(QLatin1String("page-break-before: always")));
}

TEST_CASE("A pale accent is darkened for headings but kept for banners")
{
    ReportDocument doc;
    doc.title = QStringLiteral("Readiness");
    doc.branding.accent = QColor(0xff, 0xd5, 0x4f);
    doc.heading(QStringLiteral("Scope"));
    const QString style = parse(renderHtml(doc)).texts("style").join(QString());
    CHECK(style.contains(QLatin1String(".classification { background: #ffd54f; color: #000000;")));
    CHECK_FALSE(style.contains(QLatin1String("h1, h2 { color: #ffd54f;")));
    CHECK(style.contains(QLatin1String("h1, h2 { color: #")));
}

TEST_CASE("The same document renders to the same HTML bytes, whatever the clock or time zone")
{
    const QByteArray first = renderHtml(hostileDocument());
    CHECK(renderHtml(hostileDocument()) == first);

    ReportDocument shifted = hostileDocument();
    shifted.generatedAt = kGeneratedAt.toOffsetFromUtc(2 * 3600); // the same instant seen from UTC+2
    CHECK(renderHtml(shifted) == first);

    const ParsedHtml parsed = parse(first);
    REQUIRE(parsed.named("time").size() == 1);
    CHECK(parsed.named("time").first().attribute("datetime") == QStringLiteral("2026-03-01T14:05:09Z"));
    CHECK(parsed.texts("time") == QStringList {QStringLiteral("1 March 2026, 14:05 UTC")});

    ReportDocument later = hostileDocument();
    later.generatedAt = kGeneratedAt.addSecs(60);
    CHECK(renderHtml(later) != first);
}

TEST_CASE("An HTML report without classification, title or generated-at still has a title and no empty banner")
{
    ReportDocument doc;
    doc.branding.classification = QString(QChar(0x07)); // nothing printable
    doc.paragraph(QStringLiteral("Body"));
    const ParsedHtml parsed = parse(renderHtml(doc));
    REQUIRE(parsed.error.isEmpty());
    CHECK(parsed.texts("title") == QStringList {QStringLiteral("Report")});
    CHECK(parsed.texts("h1") == QStringList {QStringLiteral("Report")});
    CHECK(parsed.named("div").size() == 1); // the page only
    const QString style = parsed.texts("style").join(QString());
    CHECK(style.contains(QLatin1String("@top-center { content: none;")));
    CHECK(style.contains(QLatin1String("@bottom-center { content: none;")));
    CHECK(parsed.named("time").isEmpty());
    CHECK(parsed.texts("p") == QStringList {QStringLiteral("Bulkhead"), QStringLiteral("Body")});
}
