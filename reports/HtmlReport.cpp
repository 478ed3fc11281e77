#include "HtmlReport.h"

#include "ReportColours.h"
#include "ReportText.h"

#include "ReportDocument.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringView>

#include <algorithm>
#include <cmath>

namespace bulkhead {

namespace {

QString htmlText(const char *text)
{
    return QCoreApplication::translate("bulkhead::HtmlReport", text);
}

QString printable(QStringView text)
{
    return printableText(text);
}

QString escaped(QStringView text)
{
    return markupEscaped(text);
}

// User text as a quoted CSS string, for the print margin boxes that repeat the classification on
// every page (CSS cannot take it from an element there). Everything but ASCII letters and digits
// becomes a six-digit escape, so no quote, backslash, "<" or "&" can reach the style sheet. Spaces
// are escaped too: CSS would swallow a space that follows an escape.
QString cssString(QStringView text)
{
    QString out = QStringLiteral("\"");
    for (const char32_t ucs : printable(text).toUcs4()) {
        const bool plain = (ucs >= u'a' && ucs <= u'z') || (ucs >= u'A' && ucs <= u'Z') || (ucs >= u'0' && ucs <= u'9');
        if (plain)
            out += QChar(char16_t(ucs));
        else
            out += QLatin1Char('\\')
                + QString::number(ucs == u'\n' || ucs == u'\t' ? u' ' : uint(ucs), 16).rightJustified(6, QLatin1Char('0'));
    }
    return out + QLatin1Char('"');
}

// Multi-line user text (paragraphs, cells, captions): each line break becomes <br/>.
QString escapedLines(QStringView text)
{
    return escaped(text).replace(QLatin1Char('\n'), QLatin1String("<br/>"));
}

QString css(const QColor &colour)
{
    return colour.name(QColor::HexRgb);
}

bool isPng(const QByteArray &bytes)
{
    return bytes.startsWith(QByteArrayView("\x89PNG\r\n\x1a\n"));
}

QString pngDataUri(const QByteArray &png)
{
    return QLatin1String("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}

// User text reaches the style sheet only as the classification, through cssString().
QString styleSheet(const QColor &accent, const QString &classification)
{
    QString sheet = QStringLiteral(R"(
@page { margin: 22mm 16mm 22mm 16mm;
  @top-center { content: @classification@; font: 600 8.5pt system-ui, sans-serif; letter-spacing: 0.08em; color: @ink@; }
  @bottom-center { content: @classification@; font: 600 8.5pt system-ui, sans-serif; letter-spacing: 0.08em; color: @ink@; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #6b757d; }
}
@page :first { @top-center { content: none; } }
*, *::before, *::after { box-sizing: border-box; }
html { background: #ffffff; color-scheme: light; }
body { margin: 0; color: #1d2329; background: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif,
    "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: 10.5pt; line-height: 1.5; overflow-wrap: anywhere; word-break: break-word;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { max-width: 182mm; margin: 0 auto; padding: 8mm 12mm 12mm; }
.classification { background: @accent@; color: @on-accent@; text-align: center; font-size: 8.5pt; font-weight: 600;
  letter-spacing: 0.08em; line-height: 1.3; padding: 1.4mm 4mm; }
.cover { border-top: 2.5mm solid @accent@; padding-top: 8mm; margin-bottom: 12mm; }
.logo { display: block; max-height: 20mm; max-width: 60mm; margin: 0 0 4mm; }
.organisation { margin: 0; font-size: 11pt; font-weight: 600; color: @ink@; letter-spacing: 0.03em; }
.report-title { margin: 14mm 0 2mm; padding: 0; border: none; font-size: 24pt; line-height: 1.2; font-weight: 650; color: #1d2329; }
.subtitle { margin: 0 0 9mm; font-size: 14pt; line-height: 1.3; color: #4a545c; }
table.facts { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0 0 8mm; }
table.facts th, table.facts td { padding: 1.4mm 3mm 1.4mm 0; border-bottom: 0.5pt solid #e1e5e9; vertical-align: top; text-align: start; }
table.facts th { width: 32%; font-weight: 600; color: #4a545c; }
.generated { margin: 0 0 3mm; font-size: 9.5pt; color: #4a545c; }
.provenance { margin: 0; padding-top: 2mm; border-top: 0.5pt solid #d5dbe0; font-size: 8pt; line-height: 1.4; color: #6b757d; }
h1, h2 { color: @ink@; line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h1 { margin: 9mm 0 3mm; padding-bottom: 1mm; border-bottom: 0.75pt solid @accent@; font-size: 16pt; font-weight: 650; }
h2 { margin: 6mm 0 2mm; font-size: 12.5pt; font-weight: 600; }
p { margin: 0 0 3mm; }
table.data { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 2mm 0 6mm; font-size: 9.5pt; line-height: 1.4; }
table.data th, table.data td { padding: 1.5mm 2.2mm; border: 0.5pt solid #d5dbe0; vertical-align: top; text-align: start;
  overflow-wrap: anywhere; word-break: break-word; }
table.data thead th { background: @accent@; color: @on-accent@; font-weight: 600; border-color: @accent@; }
table.data tbody tr:nth-child(even) td { background: #f3f5f7; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 4mm auto 7mm; max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; }
figcaption { margin-top: 1.5mm; font-size: 9pt; color: #4a545c; text-align: center; }
p, td, th, figcaption, h1, h2, .subtitle, .organisation, .classification { overflow-wrap: anywhere; word-break: break-word; }
.page-break { height: 0; break-before: page; page-break-before: always; }
@media screen {
  body { background: #eef1f4; }
  .page { background: #ffffff; box-shadow: 0 0 0 1px #dde2e7; }
  .page-break { margin: 8mm 0; border-top: 1px dashed #c3cad1; }
}
@media print {
  html, body { background: #ffffff; }
  .page { max-width: none; margin: 0; padding: 0; }
  .classification-top { margin: 0 0 4mm; padding: 0; background: none; color: @ink@; }
  .classification-bottom { display: none; }
  .cover { break-after: page; page-break-after: always; border-top: none; padding-top: 28mm; }
}
)");
    sheet.replace(QLatin1String("@classification@"), classification.isEmpty() ? QStringLiteral("none") : cssString(classification));
    sheet.replace(QLatin1String("@accent@"), css(accent));
    sheet.replace(QLatin1String("@on-accent@"), css(textColourOn(accent)));
    sheet.replace(QLatin1String("@ink@"), css(inkOnWhite(accent)));
    return sheet;
}

void appendCover(QString &h, const ReportDocument &doc, const QString &escapedTitle)
{
    const ReportBranding &b = doc.branding;
    h += QLatin1String("<section class=\"cover\">\n");
    if (isPng(b.logoPng))
        h += QLatin1String("<img class=\"logo\" src=\"") + pngDataUri(b.logoPng) + QLatin1String("\" alt=\"") + escaped(b.organisation)
            + QLatin1String("\"/>\n");
    if (!b.organisation.isEmpty())
        h += QLatin1String("<p class=\"organisation\" dir=\"auto\">") + escaped(b.organisation) + QLatin1String("</p>\n");
    h += QLatin1String("<h1 class=\"report-title\" dir=\"auto\">") + escapedTitle + QLatin1String("</h1>\n");
    if (!doc.subtitle.isEmpty())
        h += QLatin1String("<p class=\"subtitle\" dir=\"auto\">") + escapedLines(doc.subtitle) + QLatin1String("</p>\n");
    if (!doc.coverFacts.isEmpty()) {
        h += QLatin1String("<table class=\"facts\">\n<tbody>\n");
        for (const auto &[label, value] : doc.coverFacts)
            h += QLatin1String("<tr><th scope=\"row\" dir=\"auto\">") + escaped(label) + QLatin1String("</th><td dir=\"auto\">")
                + escapedLines(value) + QLatin1String("</td></tr>\n");
        h += QLatin1String("</tbody>\n</table>\n");
    }
    if (doc.generatedAt.isValid()) {
        // UTC, in the C locale: the same instant prints the same on every machine.
        const QDateTime utc = doc.generatedAt.toUTC();
        h += QLatin1String("<p class=\"generated\">") + escaped(htmlText("Generated")) + QLatin1String(" <time datetime=\"")
            + utc.toString(Qt::ISODate) + QLatin1String("\">") + QLocale::c().toString(utc, QStringLiteral("d MMMM yyyy, HH:mm 'UTC'"))
            + QLatin1String("</time></p>\n");
    }
    if (!doc.provenance.isEmpty())
        h += QLatin1String("<p class=\"provenance\" dir=\"auto\">") + escapedLines(doc.provenance) + QLatin1String("</p>\n");
    h += QLatin1String("</section>\n");
}

void appendTable(QString &h, const ReportTable &table)
{
    qsizetype columns = table.header.size();
    for (const auto &row : table.rows)
        columns = std::max(columns, row.size());
    if (columns == 0)
        return;

    // Fixed layout with explicit widths: a long unbroken word wraps inside its column instead of
    // widening the table past the page.
    qint64 total = 0;
    bool weighted = table.columnWeights.size() == columns;
    for (const int w : table.columnWeights) {
        weighted = weighted && w > 0;
        total += w;
    }
    h += QLatin1String("<table class=\"data\">\n<colgroup>");
    for (qsizetype c = 0; c < columns; ++c) {
        const double percent = weighted ? 100.0 * table.columnWeights.at(c) / double(total) : 100.0 / double(columns);
        h += QLatin1String("<col style=\"width:") + QString::number(percent, 'f', 2) + QLatin1String("%\"/>");
    }
    h += QLatin1String("</colgroup>\n");

    if (!table.header.isEmpty()) {
        h += QLatin1String("<thead><tr>");
        for (qsizetype c = 0; c < columns; ++c)
            h += QLatin1String("<th scope=\"col\" dir=\"auto\">") + (c < table.header.size() ? escapedLines(table.header.at(c)) : QString())
                + QLatin1String("</th>");
        h += QLatin1String("</tr></thead>\n");
    }
    h += QLatin1String("<tbody>\n");
    for (const auto &row : table.rows) {
        h += QLatin1String("<tr>");
        for (qsizetype c = 0; c < columns; ++c) {
            if (c >= row.size()) {
                h += QLatin1String("<td></td>");
                continue;
            }
            const ReportCell &cell = row.at(c);
            h += QLatin1String("<td dir=\"auto\"");
            if (cell.fill && cell.fill->isValid()) {
                const QColor fill = onWhite(*cell.fill);
                h += QLatin1String(" class=\"filled\" style=\"background-color:") + css(fill) + QLatin1String(";color:")
                    + css(textColourOn(fill)) + QLatin1String("\"");
            }
            h += QLatin1Char('>') + escapedLines(cell.text) + QLatin1String("</td>");
        }
        h += QLatin1String("</tr>\n");
    }
    h += QLatin1String("</tbody>\n</table>\n");
}

void appendFigure(QString &h, const ReportFigure &figure)
{
    const int widthMm = figure.widthMm > 0 ? std::min(figure.widthMm, 300) : ReportFigure().widthMm;
    h += QLatin1String("<figure style=\"width:") + QString::number(widthMm) + QLatin1String("mm\">");
    if (const QByteArray png = figure.pngBytes(); isPng(png))
        h += QLatin1String("<img src=\"") + pngDataUri(png) + QLatin1String("\" alt=\"") + escaped(figure.caption)
            + QLatin1String("\"/>");
    if (!figure.caption.isEmpty())
        h += QLatin1String("<figcaption dir=\"auto\">") + escapedLines(figure.caption) + QLatin1String("</figcaption>");
    h += QLatin1String("</figure>\n");
}

void appendBlocks(QString &h, const QList<ReportBlock> &blocks)
{
    int section = 0;
    for (const ReportBlock &block : blocks) {
        switch (block.kind) {
        case ReportBlock::Kind::Heading: {
            const QLatin1String tag(block.level <= 1 ? "h1" : "h2");
            h += QLatin1Char('<') + tag + QLatin1String(" id=\"section-") + QString::number(++section) + QLatin1String("\" dir=\"auto\">")
                + escaped(block.text) + QLatin1String("</") + tag + QLatin1String(">\n");
            break;
        }
        case ReportBlock::Kind::Paragraph:
            h += QLatin1String("<p dir=\"auto\">") + escapedLines(block.text) + QLatin1String("</p>\n");
            break;
        case ReportBlock::Kind::Table: appendTable(h, block.table); break;
        case ReportBlock::Kind::Figure: appendFigure(h, block.figure); break;
        case ReportBlock::Kind::PageBreak: h += QLatin1String("<div class=\"page-break\"></div>\n"); break;
        }
    }
}

} // namespace

QByteArray renderHtml(const ReportDocument &doc)
{
    const QColor accent = doc.branding.accent.isValid() ? onWhite(doc.branding.accent) : ReportBranding().accent;
    const QString classification = printable(doc.branding.classification).trimmed();
    QString title = escaped(doc.title).trimmed();
    if (title.isEmpty())
        title = escaped(htmlText("Report"));

    QString h;
    h.reserve(64 * 1024);
    h += QLatin1String("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    // Belt and braces: even if some text escaped its element, nothing could load or run.
    h += QLatin1String("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; img-src data:; "
                       "style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;\"/>\n");
    h += QLatin1String("<meta name=\"referrer\" content=\"no-referrer\"/>\n");
    h += QLatin1String("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    h += QLatin1String("<meta name=\"generator\" content=\"Bulkhead\"/>\n");
    h += QLatin1String("<title>") + title + QLatin1String("</title>\n");
    h += QLatin1String("<style>") + styleSheet(accent, classification) + QLatin1String("</style>\n</head>\n<body>\n");
    if (!classification.isEmpty())
        h += QLatin1String("<div class=\"classification classification-top\" dir=\"auto\">") + escaped(classification)
            + QLatin1String("</div>\n");
    h += QLatin1String("<div class=\"page\">\n");
    appendCover(h, doc, title);
    h += QLatin1String("<main>\n");
    appendBlocks(h, doc.blocks);
    h += QLatin1String("</main>\n</div>\n");
    if (!classification.isEmpty())
        h += QLatin1String("<div class=\"classification classification-bottom\" dir=\"auto\">") + escaped(classification)
            + QLatin1String("</div>\n");
    h += QLatin1String("</body>\n</html>\n");
    return h.toUtf8();
}

} // namespace bulkhead
