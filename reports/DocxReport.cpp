#include "DocxReport.h"

#include "ReportColours.h"
#include "ReportText.h"

#include "ReportDocument.h"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/ZipArchiveInfo.h>
#include <Poco/Zip/ZipFileInfo.h>
#include <Poco/Zip/ZipLocalFileHeader.h>
#include <Poco/Zip/ZipStream.h>

#include <QCoreApplication>
#include <QLocale>
#include <QSize>
#include <QStringView>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bulkhead {

namespace {

// A4 in twentieths of a point, 2 cm side margins: 9638 twips (170 mm) of text width.
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kSideMargin = 1134;
constexpr int kTopBottomMargin = 1418; // 2.5 cm: room for the header and footer lines
constexpr int kTextWidth = kPageWidth - 2 * kSideMargin;
constexpr int kTextHeight = kPageHeight - 2 * kTopBottomMargin;
constexpr qint64 kEmuPerMm = 36000;
constexpr qint64 kEmuPerTwip = 635;

const QLatin1String kXmlDeclaration("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
const QLatin1String kWordNamespaces("xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                                    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"");
const QLatin1String kRelationshipTypes("http://schemas.openxmlformats.org/officeDocument/2006/relationships/");

QString docxText(const char *text)
{
    return QCoreApplication::translate("bulkhead::DocxReport", text);
}

QString printable(QStringView text)
{
    return printableText(text);
}

QString escaped(QStringView text)
{
    return markupEscaped(text);
}

// For attributes (alt text): a line break there would be read back as a space anyway.
QString escapedAttribute(const QString &text)
{
    QString flat = printable(text);
    flat.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\t'), QLatin1Char(' '));
    return escaped(flat);
}

// At most `characters` UTF-16 units and an ellipsis, never cutting a surrogate pair in two.
QString elided(const QString &text, qsizetype characters)
{
    if (text.size() <= characters)
        return text;
    if (text.at(characters - 1).isHighSurrogate())
        --characters;
    return text.left(characters) + QChar(0x2026);
}

// One run of user text with optional run properties; tabs and line breaks become Word's own
// elements, since a tab or newline inside <w:t> is shown as a space.
QString textRun(const QString &text, const QString &runProperties = {})
{
    const QString clean = printable(text);
    QString out = QStringLiteral("<w:r>");
    if (!runProperties.isEmpty())
        out += QLatin1String("<w:rPr>") + runProperties + QLatin1String("</w:rPr>");
    qsizetype start = 0;
    for (qsizetype i = 0; i <= clean.size(); ++i) {
        const bool end = i == clean.size();
        if (!end && clean.at(i) != u'\n' && clean.at(i) != u'\t')
            continue;
        if (i > start)
            out += QLatin1String("<w:t xml:space=\"preserve\">") + escaped(QStringView(clean).mid(start, i - start))
                + QLatin1String("</w:t>");
        if (!end)
            out += clean.at(i) == u'\n' ? QLatin1String("<w:br/>") : QLatin1String("<w:tab/>");
        start = i + 1;
    }
    return out + QLatin1String("</w:r>");
}

// Paragraph properties in the order the schema lays down (Word refuses a file that differs).
// Right-to-left text (by its first strong character, as HTML's dir="auto") gets a right-to-left
// paragraph, so Hebrew or Arabic reads from the right margin.
QString paragraph(const QString &styleId, const QString &text, const QString &content)
{
    QString properties;
    if (!styleId.isEmpty())
        properties += QLatin1String("<w:pStyle w:val=\"") + styleId + QLatin1String("\"/>");
    if (printable(text).isRightToLeft())
        properties += QLatin1String("<w:bidi/>");
    QString p = QStringLiteral("<w:p>");
    if (!properties.isEmpty())
        p += QLatin1String("<w:pPr>") + properties + QLatin1String("</w:pPr>");
    return p + content + QLatin1String("</w:p>\n");
}

QString textParagraph(const QString &styleId, const QString &text, const QString &runProperties = {})
{
    return paragraph(styleId, text, textRun(text, runProperties));
}

QString pageBreak()
{
    return QStringLiteral("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n");
}

QString hex(const QColor &colour)
{
    return colour.name(QColor::HexRgb).mid(1).toUpper();
}

// Width and height from the IHDR chunk; nothing for bytes that are not a PNG (left out, as in HTML).
std::optional<QSize> pngSize(const QByteArray &png)
{
    if (png.size() < 24 || !png.startsWith(QByteArrayView("\x89PNG\r\n\x1a\n")) || png.mid(12, 4) != QByteArrayView("IHDR"))
        return std::nullopt;
    const quint32 width = qFromBigEndian<quint32>(png.constData() + 16);
    const quint32 height = qFromBigEndian<quint32>(png.constData() + 20);
    if (width == 0 || height == 0 || width > 0x7fffffff || height > 0x7fffffff)
        return std::nullopt;
    return QSize(int(width), int(height));
}

// Column widths in twips from the weights, summing to exactly the text width: each edge is
// rounded, not each width. Weights that do not fit the columns give equal widths.
QList<int> columnWidths(const QList<int> &weights, qsizetype columns)
{
    bool weighted = weights.size() == columns;
    qint64 total = 0;
    for (const int w : weights) {
        weighted = weighted && w > 0;
        total += w;
    }
    if (!weighted)
        total = columns;
    QList<int> widths;
    qint64 cumulative = 0;
    int previousEdge = 0;
    for (qsizetype c = 0; c < columns; ++c) {
        cumulative += weighted ? weights.at(c) : 1;
        const int edge = int((cumulative * kTextWidth + total / 2) / total);
        widths.append(edge - previousEdge);
        previousEdge = edge;
    }
    return widths;
}

// DOS time has no zone and cannot hold dates before 1980 or after 2107.
Poco::DateTime zipEntryTime(const QDateTime &generatedAt)
{
    const QDateTime utc = generatedAt.toUTC();
    if (!generatedAt.isValid() || utc.date().year() < 1980 || utc.date().year() > 2107)
        return Poco::DateTime(1980, 1, 1);
    return Poco::DateTime(utc.date().year(), utc.date().month(), utc.date().day(), utc.time().hour(), utc.time().minute(),
                          utc.time().second());
}

QByteArray xmlPart(const QString &root)
{
    return QString(kXmlDeclaration + root).toUtf8();
}

struct Part {
    QString name;
    QByteArray bytes;
};

struct Media {
    QString relationshipId;
    QString partName; // "media/image1.png", relative to word/
    QByteArray png;
};

// Builds the parts of one document. Relationship ids rId1..rId4 are the fixed parts; images follow
// in the order they appear, so the same document always numbers them the same.
class DocxWriter {
public:
    explicit DocxWriter(const ReportDocument &doc) : m_doc(doc)
    {
        const QColor accent = doc.branding.accent.isValid() ? onWhite(doc.branding.accent) : ReportBranding().accent;
        m_accent = hex(accent);
        m_ink = hex(inkOnWhite(accent));
        m_onAccent = hex(textColourOn(accent));
        m_classification = printable(doc.branding.classification).trimmed();
        m_title = printable(doc.title).trimmed();
        if (m_title.isEmpty())
            m_title = docxText("Report");
    }

    QList<Part> parts()
    {
        // document.xml first: it decides which images there are.
        const QByteArray document = xmlPart(documentXml());
        QList<Part> parts;
        parts.append({QStringLiteral("[Content_Types].xml"), xmlPart(contentTypesXml())});
        parts.append({QStringLiteral("_rels/.rels"), xmlPart(packageRelationshipsXml())});
        parts.append({QStringLiteral("docProps/core.xml"), xmlPart(coreXml())});
        parts.append({QStringLiteral("docProps/app.xml"), xmlPart(appXml())});
        parts.append({QStringLiteral("word/document.xml"), document});
        parts.append({QStringLiteral("word/_rels/document.xml.rels"), xmlPart(documentRelationshipsXml())});
        parts.append({QStringLiteral("word/styles.xml"), xmlPart(stylesXml())});
        parts.append({QStringLiteral("word/settings.xml"), xmlPart(settingsXml())});
        parts.append({QStringLiteral("word/header1.xml"), xmlPart(headerXml())});
        parts.append({QStringLiteral("word/footer1.xml"), xmlPart(footerXml())});
        for (const Media &media : m_media)
            parts.append({QLatin1String("word/") + media.partName, media.png});
        return parts;
    }

private:
    QString documentXml()
    {
        QString d;
        d.reserve(64 * 1024);
        d += QLatin1String("<w:document ") + kWordNamespaces
            + QLatin1String(" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
                            " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                            " xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\n<w:body>\n");
        appendCover(d);
        for (const ReportBlock &block : m_doc.blocks) {
            switch (block.kind) {
            case ReportBlock::Kind::Heading:
                d += textParagraph(block.level <= 1 ? QStringLiteral("Heading1") : QStringLiteral("Heading2"), block.text);
                break;
            case ReportBlock::Kind::Paragraph: d += textParagraph({}, block.text); break;
            case ReportBlock::Kind::Table: appendTable(d, block.table); break;
            case ReportBlock::Kind::Figure: appendFigure(d, block.figure); break;
            case ReportBlock::Kind::PageBreak: d += pageBreak(); break;
            }
        }
        d += QStringLiteral("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
                            "<w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
                            "<w:pgSz w:w=\"%1\" w:h=\"%2\"/>"
                            "<w:pgMar w:top=\"%3\" w:right=\"%4\" w:bottom=\"%3\" w:left=\"%4\" w:header=\"680\" w:footer=\"680\""
                            " w:gutter=\"0\"/><w:cols w:space=\"708\"/><w:docGrid w:linePitch=\"360\"/></w:sectPr>\n")
                 .arg(kPageWidth)
                 .arg(kPageHeight)
                 .arg(kTopBottomMargin)
                 .arg(kSideMargin);
        d += QLatin1String("</w:body>\n</w:document>\n");
        return d;
    }

    void appendCover(QString &d)
    {
        const ReportBranding &b = m_doc.branding;
        if (const auto size = pngSize(b.logoPng)) {
            // 18 mm high, at most 60 mm wide, as on the HTML cover.
            qint64 cy = 18 * kEmuPerMm;
            qint64 cx = cy * size->width() / size->height();
            if (cx > 60 * kEmuPerMm) {
                cx = 60 * kEmuPerMm;
                cy = std::max<qint64>(1, cx * size->height() / size->width());
            }
            d += paragraph(QStringLiteral("CoverLogo"), {}, imageRun(b.logoPng, cx, cy, b.organisation));
        }
        if (!printable(b.organisation).trimmed().isEmpty())
            d += textParagraph(QStringLiteral("CoverOrganisation"), b.organisation);
        d += textParagraph(QStringLiteral("Title"), m_title);
        if (!printable(m_doc.subtitle).trimmed().isEmpty())
            d += textParagraph(QStringLiteral("Subtitle"), m_doc.subtitle);
        if (!m_doc.coverFacts.isEmpty()) {
            const QList<int> widths = columnWidths({3, 7}, 2);
            d += QStringLiteral("<w:tbl><w:tblPr><w:tblW w:w=\"%1\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
                                "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\""
                                " w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>")
                     .arg(kTextWidth);
            for (const int w : widths)
                d += QStringLiteral("<w:gridCol w:w=\"%1\"/>").arg(w);
            d += QLatin1String("</w:tblGrid>\n");
            for (const auto &[label, value] : m_doc.coverFacts) {
                d += QLatin1String("<w:tr>") + cell(widths.at(0), label, QStringLiteral("CoverFactLabel"), {})
                    + cell(widths.at(1), value, QStringLiteral("CoverFact"), {}) + QLatin1String("</w:tr>\n");
            }
            d += QLatin1String("</w:tbl>\n");
        }
        if (m_doc.generatedAt.isValid()) {
            // UTC, in the C locale: the same instant prints the same on every machine.
            const QDateTime utc = m_doc.generatedAt.toUTC();
            d += textParagraph(QStringLiteral("CoverNote"),
                               docxText("Generated") + QLatin1Char(' ')
                                   + QLocale::c().toString(utc, QStringLiteral("d MMMM yyyy, HH:mm 'UTC'")));
        }
        if (!printable(m_doc.provenance).trimmed().isEmpty())
            d += textParagraph(QStringLiteral("CoverNote"), m_doc.provenance);
        d += pageBreak();
    }

    // A table cell holding one paragraph of user text; `fill` is an RRGGBB shading or empty.
    static QString cell(int width, const QString &text, const QString &styleId, const QString &fill, const QString &runProperties = {})
    {
        QString c = QStringLiteral("<w:tc><w:tcPr><w:tcW w:w=\"%1\" w:type=\"dxa\"/>").arg(width);
        if (!fill.isEmpty())
            c += QLatin1String("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"") + fill + QLatin1String("\"/>");
        c += QLatin1String("</w:tcPr>");
        // A cell must end with a paragraph, even an empty one.
        const QString p = paragraph(styleId, text, printable(text).isEmpty() ? QString() : textRun(text, runProperties));
        return c + p.chopped(1) + QLatin1String("</w:tc>");
    }

    void appendTable(QString &d, const ReportTable &table)
    {
        qsizetype columns = table.header.size();
        for (const auto &row : table.rows)
            columns = std::max(columns, row.size());
        if (columns == 0)
            return;

        // Fixed layout with the grid given: a long unbroken word wraps inside its column instead
        // of widening the table past the margin.
        const QList<int> widths = columnWidths(table.columnWeights, columns);
        d += QStringLiteral("<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"%1\" w:type=\"dxa\"/>"
                            "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0620\" w:firstRow=\"1\" w:lastRow=\"0\""
                            " w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>")
                 .arg(kTextWidth);
        for (const int w : widths)
            d += QStringLiteral("<w:gridCol w:w=\"%1\"/>").arg(w);
        d += QLatin1String("</w:tblGrid>\n");

        if (!table.header.isEmpty()) {
            // Repeated at the top of every page the table runs onto. The table style shades the
            // header row too; the shading and bold are also given directly, for viewers that
            // ignore conditional table formatting.
            d += QLatin1String("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            const QString headerRun = QLatin1String("<w:b/><w:bCs/><w:color w:val=\"") + m_onAccent + QLatin1String("\"/>");
            for (qsizetype c = 0; c < columns; ++c)
                d += cell(widths.at(c), c < table.header.size() ? table.header.at(c) : QString(), {}, m_accent, headerRun);
            d += QLatin1String("</w:tr>\n");
        }
        for (const auto &row : table.rows) {
            d += QLatin1String("<w:tr>");
            for (qsizetype c = 0; c < columns; ++c) {
                if (c >= row.size()) {
                    d += cell(widths.at(c), {}, {}, {});
                    continue;
                }
                const ReportCell &value = row.at(c);
                if (value.fill && value.fill->isValid()) {
                    const QColor fill = onWhite(*value.fill);
                    d += cell(widths.at(c), value.text, {}, hex(fill),
                              QLatin1String("<w:color w:val=\"") + hex(textColourOn(fill)) + QLatin1String("\"/>"));
                } else {
                    d += cell(widths.at(c), value.text, {}, {});
                }
            }
            d += QLatin1String("</w:tr>\n");
        }
        // Space after the table; it also keeps two tables in a row from merging into one.
        d += QLatin1String("</w:tbl>\n<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>\n");
    }

    void appendFigure(QString &d, const ReportFigure &figure)
    {
        const QByteArray png = figure.pngBytes();
        if (const auto size = pngSize(png)) {
            const int widthMm = figure.widthMm > 0 ? figure.widthMm : ReportFigure().widthMm;
            qint64 cx = std::min<qint64>(widthMm * kEmuPerMm, kTextWidth * kEmuPerTwip);
            qint64 cy = std::max<qint64>(1, cx * size->height() / size->width());
            // A very tall chart is scaled to leave room for its caption on the page.
            const qint64 maxHeight = kTextHeight * kEmuPerTwip * 85 / 100;
            if (cy > maxHeight) {
                cx = std::max<qint64>(1, cx * maxHeight / cy);
                cy = maxHeight;
            }
            d += paragraph(QStringLiteral("Figure"), {}, imageRun(png, cx, cy, figure.caption));
        }
        if (!printable(figure.caption).isEmpty())
            d += textParagraph(QStringLiteral("Caption"), figure.caption);
    }

    // An inline picture of `png` at cx x cy EMU, stored as the next word/media/imageN.png.
    QString imageRun(const QByteArray &png, qint64 cx, qint64 cy, const QString &description)
    {
        const int number = int(m_media.size()) + 1;
        const Media media {QStringLiteral("rId%1").arg(number + 4), QStringLiteral("media/image%1.png").arg(number), png};
        m_media.append(media);
        const QString extent = QStringLiteral("cx=\"%1\" cy=\"%2\"").arg(cx).arg(cy);
        const QString name = QStringLiteral("Picture %1").arg(number);
        return QLatin1String("<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent ") + extent
            + QLatin1String("/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"") + QString::number(number)
            + QLatin1String("\" name=\"") + name + QLatin1String("\" descr=\"") + escapedAttribute(description)
            + QLatin1String("\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
                            "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
                            "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"")
            + QString::number(number) + QLatin1String("\" name=\"") + name
            + QLatin1String("\"/><pic:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></pic:cNvPicPr></pic:nvPicPr>"
                            "<pic:blipFill><a:blip r:embed=\"")
            + media.relationshipId
            + QLatin1String("\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
                            "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext ")
            + extent
            + QLatin1String("/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
                            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>");
    }

    QString headerXml() const
    {
        QString h = QLatin1String("<w:hdr ") + kWordNamespaces + QLatin1String(">\n");
        if (!m_classification.isEmpty())
            h += textParagraph(QStringLiteral("Classification"), m_classification);
        h += textParagraph(QStringLiteral("Header"), elided(printable(m_doc.branding.organisation).trimmed(), 120));
        return h + QLatin1String("</w:hdr>\n");
    }

    static QString field(const QString &instruction)
    {
        return QLatin1String("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> ") + instruction
            + QLatin1String(" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
                            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    }

    // "Page X of Y" with the numbers as fields Word fills in; the words come from the translation,
    // which may put %1 and %2 in either order.
    static QString pageNumbers()
    {
        QString pattern = docxText("Page %1 of %2");
        if (!pattern.contains(QLatin1String("%1")) || !pattern.contains(QLatin1String("%2")))
            pattern = QStringLiteral("Page %1 of %2");
        QString runs;
        QString text;
        for (qsizetype i = 0; i < pattern.size(); ++i) {
            if (pattern.at(i) == u'%' && i + 1 < pattern.size() && (pattern.at(i + 1) == u'1' || pattern.at(i + 1) == u'2')) {
                if (!text.isEmpty())
                    runs += textRun(text);
                text.clear();
                runs += field(pattern.at(i + 1) == u'1' ? QStringLiteral("PAGE") : QStringLiteral("NUMPAGES"));
                ++i;
            } else {
                text += pattern.at(i);
            }
        }
        if (!text.isEmpty())
            runs += textRun(text);
        return runs;
    }

    QString footerXml() const
    {
        QString caption = m_title;
        const QString subtitle = printable(m_doc.subtitle).simplified();
        if (!subtitle.isEmpty())
            caption += QStringLiteral(" \u2014 ") + subtitle;
        caption = elided(caption.simplified(), 90);
        QString f = QLatin1String("<w:ftr ") + kWordNamespaces + QLatin1String(">\n");
        f += QLatin1String("<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>") + textRun(caption) + QLatin1String("<w:r><w:tab/></w:r>")
            + pageNumbers() + QLatin1String("</w:p>\n");
        if (!m_classification.isEmpty())
            f += textParagraph(QStringLiteral("Classification"), m_classification);
        return f + QLatin1String("</w:ftr>\n");
    }

    QString stylesXml() const
    {
        QString s = QStringLiteral(R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:color w:val="1D2329"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:spacing w:before="960" w:after="120" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/><w:pPr><w:spacing w:after="480"/></w:pPr><w:rPr><w:color w:val="4A545C"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="@accent@"/></w:pBdr><w:spacing w:before="480" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@ink@"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@ink@"/><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="4A545C"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/><w:next w:val="Caption"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="AfterTable"><w:name w:val="After Table"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverLogo"><w:name w:val="Cover Logo"/><w:basedOn w:val="Normal"/><w:next w:val="CoverOrganisation"/><w:pPr><w:spacing w:before="480" w:after="240"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverOrganisation"><w:name w:val="Cover Organisation"/><w:basedOn w:val="Normal"/><w:next w:val="Title"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@ink@"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverFactLabel"><w:name w:val="Cover Fact Label"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="4A545C"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverFact"><w:name w:val="Cover Fact"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverNote"><w:name w:val="Cover Note"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="240" w:after="60"/></w:pPr><w:rPr><w:color w:val="6B757D"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Classification"><w:name w:val="Classification Marking"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="B00020"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="@accent@"/></w:pBdr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="6B757D"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="1" w:color="D5DBE0"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="@text-width@"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="6B757D"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="D5DBE0"/><w:left w:val="single" w:sz="4" w:space="0" w:color="D5DBE0"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="D5DBE0"/><w:right w:val="single" w:sz="4" w:space="0" w:color="D5DBE0"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="D5DBE0"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="D5DBE0"/></w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="@on-accent@"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="@accent@"/></w:tcPr></w:tblStylePr></w:style>
</w:styles>
)");
        s.replace(QLatin1String("@accent@"), m_accent);
        s.replace(QLatin1String("@ink@"), m_ink);
        s.replace(QLatin1String("@on-accent@"), m_onAccent);
        s.replace(QLatin1String("@text-width@"), QString::number(kTextWidth));
        return s;
    }

    static QString settingsXml()
    {
        return QStringLiteral(
            "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"709\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
            "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
            "</w:compat></w:settings>\n");
    }

    QString contentTypesXml() const
    {
        const QLatin1String wordprocessing("application/vnd.openxmlformats-officedocument.wordprocessingml.");
        QString t = QStringLiteral("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                   "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                   "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        if (!m_media.isEmpty())
            t += QLatin1String("<Default Extension=\"png\" ContentType=\"image/png\"/>");
        const auto addOverride = [&t](const char *part, const QString &type) {
            t += QLatin1String("<Override PartName=\"") + QLatin1String(part) + QLatin1String("\" ContentType=\"") + type
                + QLatin1String("\"/>");
        };
        addOverride("/word/document.xml", wordprocessing + QLatin1String("document.main+xml"));
        addOverride("/word/styles.xml", wordprocessing + QLatin1String("styles+xml"));
        addOverride("/word/settings.xml", wordprocessing + QLatin1String("settings+xml"));
        addOverride("/word/header1.xml", wordprocessing + QLatin1String("header+xml"));
        addOverride("/word/footer1.xml", wordprocessing + QLatin1String("footer+xml"));
        addOverride("/docProps/core.xml", QStringLiteral("application/vnd.openxmlformats-package.core-properties+xml"));
        addOverride("/docProps/app.xml", QStringLiteral("application/vnd.openxmlformats-officedocument.extended-properties+xml"));
        return t + QLatin1String("</Types>\n");
    }

    static QString relationship(const QString &id, const QString &type, const QString &target)
    {
        return QLatin1String("<Relationship Id=\"") + id + QLatin1String("\" Type=\"") + type + QLatin1String("\" Target=\"") + target
            + QLatin1String("\"/>");
    }

    static QString packageRelationshipsXml()
    {
        return QLatin1String("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
            + relationship(QStringLiteral("rId1"), kRelationshipTypes + QLatin1String("officeDocument"),
                           QStringLiteral("word/document.xml"))
            + relationship(QStringLiteral("rId2"),
                           QStringLiteral("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"),
                           QStringLiteral("docProps/core.xml"))
            + relationship(QStringLiteral("rId3"), kRelationshipTypes + QLatin1String("extended-properties"),
                           QStringLiteral("docProps/app.xml"))
            + QLatin1String("</Relationships>\n");
    }

    // No numbering part: the report has no lists.
    QString documentRelationshipsXml() const
    {
        QString r = QLatin1String("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
            + relationship(QStringLiteral("rId1"), kRelationshipTypes + QLatin1String("styles"), QStringLiteral("styles.xml"))
            + relationship(QStringLiteral("rId2"), kRelationshipTypes + QLatin1String("settings"), QStringLiteral("settings.xml"))
            + relationship(QStringLiteral("rId3"), kRelationshipTypes + QLatin1String("header"), QStringLiteral("header1.xml"))
            + relationship(QStringLiteral("rId4"), kRelationshipTypes + QLatin1String("footer"), QStringLiteral("footer1.xml"));
        for (const Media &media : m_media)
            r += relationship(media.relationshipId, kRelationshipTypes + QLatin1String("image"), media.partName);
        return r + QLatin1String("</Relationships>\n");
    }

    QString coreXml() const
    {
        const QString organisation = escaped(printable(m_doc.branding.organisation).trimmed());
        QString c
            = QStringLiteral("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                             " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                             " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
        c += QLatin1String("<dc:title>") + escaped(m_title) + QLatin1String("</dc:title>");
        if (!printable(m_doc.subtitle).trimmed().isEmpty())
            c += QLatin1String("<dc:subject>") + escaped(printable(m_doc.subtitle).trimmed()) + QLatin1String("</dc:subject>");
        c += QLatin1String("<dc:creator>") + organisation + QLatin1String("</dc:creator><cp:lastModifiedBy>") + organisation
            + QLatin1String("</cp:lastModifiedBy>");
        if (m_doc.generatedAt.isValid()) {
            const QString when = m_doc.generatedAt.toUTC().toString(Qt::ISODate);
            c += QLatin1String("<dcterms:created xsi:type=\"dcterms:W3CDTF\">") + when
                + QLatin1String("</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">") + when
                + QLatin1String("</dcterms:modified>");
        }
        return c + QLatin1String("</cp:coreProperties>\n");
    }

    QString appXml() const
    {
        return QLatin1String("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\""
                             " xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                             "<Application>Bulkhead</Application><Company>")
            + escaped(printable(m_doc.branding.organisation).trimmed()) + QLatin1String("</Company></Properties>\n");
    }

    const ReportDocument &m_doc;
    QString m_accent; // RRGGBB, flattened onto white
    QString m_ink; // the accent darkened for text
    QString m_onAccent; // black or white text on the accent
    QString m_classification;
    QString m_title;
    QList<Media> m_media;
};

// The parts as a zip, in the order given (so [Content_Types].xml comes first), written with Poco's
// zip records. Not with Poco::Zip::Compress: its addFile() adds a directory entry for every folder
// of a nested part ("word/", "word/_rels/", "word/media/"), and an OPC package is a flat set of
// parts; Word has been reported to call a .docx with a "word/" entry unreadable content.
QByteArray zipped(const QList<Part> &parts, const Poco::DateTime &stamp, QString &current)
{
    std::ostringstream out(std::ios::out | std::ios::binary);
    std::vector<Poco::Zip::ZipFileInfo> directory;
    for (const Part &part : parts) {
        current = part.name;
        const std::streamoff start = out.tellp();
        // PNG is compressed already; an empty entry must be stored for some unzip tools.
        const bool stored = part.name.endsWith(QLatin1String(".png")) || part.bytes.isEmpty();
        Poco::Zip::ZipLocalFileHeader header(Poco::Path(part.name.toStdString(), Poco::Path::PATH_UNIX), stamp,
                                             stored ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE,
                                             stored ? Poco::Zip::ZipCommon::CL_NORMAL : Poco::Zip::ZipCommon::CL_MAXIMUM);
        header.setStartPos(start);
        Poco::Zip::ZipOutputStream entry(out, header, true);
        entry.write(part.bytes.constData(), std::streamsize(part.bytes.size()));
        Poco::UInt64 extraDataSize = 0;
        entry.close(extraDataSize); // rewrites the local header with the CRC and sizes
        out.seekp(0, std::ios::end);
        Poco::Zip::ZipFileInfo info(header);
        info.setOffset(Poco::UInt64(start));
        directory.push_back(info);
    }
    current.clear();
    const std::streamoff directoryStart = out.tellp();
    for (const Poco::Zip::ZipFileInfo &info : directory) {
        const std::string record = info.createHeader();
        out.write(record.data(), std::streamsize(record.size()));
    }
    const std::streamoff directoryEnd = out.tellp();
    if (!out || directoryEnd >= 0xffffffff || directory.size() >= 0xffff)
        throw Poco::IOException("the package is too large for a zip without Zip64");
    Poco::Zip::ZipArchiveInfo end;
    end.setNumberOfEntries(Poco::UInt16(directory.size()));
    end.setTotalNumberOfEntries(Poco::UInt16(directory.size()));
    end.setCentralDirectorySize(Poco::UInt32(directoryEnd - directoryStart));
    end.setCentralDirectoryOffset(Poco::UInt32(directoryStart));
    end.setHeaderOffset(directoryEnd);
    const std::string record = end.createHeader();
    out.write(record.data(), std::streamsize(record.size()));
    const std::string bytes = out.str();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

} // namespace

Result<QByteArray> renderDocx(const ReportDocument &doc)
{
    const QList<Part> parts = DocxWriter(doc).parts();
    QString current;
    const auto failure = [&doc, &current](const QString &reason) {
        return Error(QStringLiteral("Could not write the Word report \"%1\"%2: %3")
                         .arg(printable(doc.title), current.isEmpty() ? QString() : QStringLiteral(" (part %1)").arg(current), reason));
    };
    try {
        return zipped(parts, zipEntryTime(doc.generatedAt), current);
    } catch (const Poco::Exception &e) {
        return failure(QString::fromStdString(e.displayText()));
    } catch (const std::exception &e) {
        return failure(QString::fromLocal8Bit(e.what()));
    }
}

} // namespace bulkhead
