#include "PdfReport.h"

#include "ReportText.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFont>
#include <QFontMetricsF>
#include <QHashSeed>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QScopeGuard>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>
#include <QUrl>

#include <cmath>

namespace bulkhead {

namespace {

constexpr int kResolution = 144; // device pixels per inch: fine enough for hairlines and charts
const QString kFamily = QStringLiteral("DejaVu Sans");

double mm(double millimetres)
{
    return millimetres * kResolution / 25.4;
}

QString printable(const QString &text)
{
    return printableText(text);
}

QColor textOn(const QColor &fill)
{
    return fill.lightnessF() < 0.45 ? QColor(Qt::white) : QColor(Qt::black);
}

QFont reportFont(double points)
{
    QFont font(kFamily);
    font.setPointSizeF(points);
    // No ligatures in Latin text: "Satisfied" must come out of the PDF as typed, for search and
    // copy; scripts that need shaping (Arabic, Hebrew, ...) are still shaped.
    font.setStyleStrategy(QFont::PreferNoShaping);
    return font;
}

QTextCharFormat charFormat(double points, bool bold = false, const QColor &colour = QColor(0x22, 0x22, 0x22), bool italic = false)
{
    QTextCharFormat f;
    QFont font = reportFont(points);
    font.setPointSizeF(points);
    font.setBold(bold);
    font.setItalic(italic);
    f.setFont(font);
    f.setForeground(colour);
    return f;
}

class PdfLayout {
public:
    explicit PdfLayout(const ReportDocument &doc) : m_doc(doc) { }

    PdfResult render()
    {
        // Qt's PDF engine writes its font objects in QHash order, which a random hash seed makes
        // differ from run to run; a fixed seed while rendering keeps the file reproducible.
        const bool randomSeed = QHashSeed::globalSeed() != 0;
        QHashSeed::setDeterministicGlobalSeed();
        const auto restoreSeed = qScopeGuard([randomSeed] {
            if (randomSeed)
                QHashSeed::resetRandomGlobalSeed();
        });
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            QPdfWriter writer(&buffer);
            writer.setResolution(kResolution);
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
            writer.setTitle(printable(m_doc.title + QStringLiteral(" — ") + m_doc.subtitle));
            writer.setCreator(printable(m_doc.branding.organisation));
            m_page = writer.pageLayout().fullRectPixels(kResolution);
            m_body = QRectF(mm(20), mm(24), m_page.width() - mm(40), m_page.height() - mm(24) - mm(22));

            QTextDocument content;
            content.documentLayout()->setPaintDevice(&writer);
            content.setPageSize(m_body.size());
            content.setDocumentMargin(0);
            QTextOption wrap;
            wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
            content.setDefaultTextOption(wrap);
            content.setDefaultFont(charFormat(9).font());
            fill(content);
            keepFiguresWhole(content);
            m_pages = 1 + content.pageCount();

            QPainter painter(&writer);
            drawCover(painter, writer);
            for (int i = 0; i < content.pageCount(); ++i) {
                writer.newPage();
                drawFurniture(painter, i + 2);
                painter.save();
                painter.translate(m_body.left(), m_body.top() - i * m_body.height());
                QAbstractTextDocumentLayout::PaintContext context;
                context.clip = QRectF(0, i * m_body.height(), m_body.width(), m_body.height());
                content.documentLayout()->draw(&painter, context);
                painter.restore();
            }
        }
        return {stampCreationDate(buffer.data()), m_pages};
    }

private:
    // The engine stamps the file with the wall clock; the report's own generation time makes
    // two renderings of the same report identical. Same length, so the cross-reference table
    // stays valid.
    QByteArray stampCreationDate(QByteArray pdf) const
    {
        static const QByteArray key = QByteArrayLiteral("/CreationDate (D:");
        const qsizetype at = pdf.indexOf(key);
        if (!m_doc.generatedAt.isValid() || at < 0 || at > 4096)
            return pdf;
        const QByteArray stamp = m_doc.generatedAt.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1();
        const qsizetype digits = at + key.size();
        if (stamp.size() == 14 && pdf.size() >= digits + 14)
            pdf.replace(digits, 14, stamp);
        return pdf;
    }

    void fill(QTextDocument &content)
    {
        QTextCursor cursor(&content);
        // One edit block: the layout runs once at the end instead of after every insertion,
        // which for a report of a few thousand table cells is the difference between a second
        // and a minute.
        cursor.beginEditBlock();
        bool first = true;
        bool breakBefore = false;
        int figureNumber = 0;
        auto newBlock = [&](const QTextBlockFormat &format) {
            QTextBlockFormat f = format;
            if (breakBefore)
                f.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            breakBefore = false;
            if (first)
                cursor.setBlockFormat(f);
            else
                cursor.insertBlock(f);
            first = false;
        };
        for (const auto &block : m_doc.blocks) {
            switch (block.kind) {
            case ReportBlock::Kind::PageBreak: breakBefore = true; break;
            case ReportBlock::Kind::Heading: {
                QTextBlockFormat f;
                f.setTopMargin(block.level == 1 ? mm(5) : mm(3));
                f.setBottomMargin(mm(1.5));
                newBlock(f);
                cursor.insertText(printable(block.text), charFormat(block.level == 1 ? 15 : 11.5, true, m_doc.branding.accent));
                break;
            }
            case ReportBlock::Kind::Paragraph: {
                QTextBlockFormat f;
                f.setBottomMargin(mm(1.8));
                newBlock(f);
                cursor.insertText(printable(block.text), charFormat(9));
                break;
            }
            case ReportBlock::Kind::Table: {
                QTextBlockFormat f;
                newBlock(f);
                insertTable(cursor, block.table);
                cursor.movePosition(QTextCursor::End);
                break;
            }
            case ReportBlock::Kind::Figure: {
                QTextBlockFormat f;
                f.setAlignment(Qt::AlignHCenter);
                f.setTopMargin(mm(2));
                newBlock(f);
                const QImage image = block.figure.image.isNull() ? QImage::fromData(block.figure.png, "PNG") : block.figure.image;
                if (!image.isNull()) {
                    const QString name = QStringLiteral("figure%1").arg(++figureNumber);
                    content.addResource(QTextDocument::ImageResource, QUrl(name), image);
                    QTextImageFormat imageFormat;
                    imageFormat.setName(name);
                    // Text documents scale images by the device's resolution over the 96 dpi of a
                    // screen, so the size is given in screen pixels.
                    const double width = std::min(mm(block.figure.widthMm), m_body.width()) * 96.0 / kResolution;
                    imageFormat.setWidth(width);
                    imageFormat.setHeight(width * image.height() / image.width());
                    cursor.insertImage(imageFormat);
                }
                QTextBlockFormat caption;
                caption.setAlignment(Qt::AlignHCenter);
                caption.setBottomMargin(mm(3));
                cursor.insertBlock(caption);
                cursor.insertText(printable(block.figure.caption), charFormat(8, false, QColor(0x55, 0x55, 0x55), true));
                break;
            }
            }
        }
        cursor.endEditBlock();
    }

    // A figure that would run across a page boundary starts a new page instead (the layout moves
    // text lines but would cut an image in two).
    void keepFiguresWhole(QTextDocument &content)
    {
        const double pageHeight = m_body.height();
        for (QTextBlock block = content.begin(); block.isValid(); block = block.next()) {
            bool hasImage = false;
            for (auto it = block.begin(); !it.atEnd() && !hasImage; ++it)
                hasImage = it.fragment().charFormat().isImageFormat();
            if (!hasImage)
                continue;
            // Where the image's line is, not the block: the layout already moves a line that
            // would cross the page's foot to the next page, leaving the block's top margin behind,
            // and forcing the break there as well would lay the rest of the document out again.
            const QTextLayout *layout = block.layout();
            if (!layout || layout->lineCount() == 0)
                continue;
            const QRectF rect = content.documentLayout()->blockBoundingRect(block);
            const QTextLine line = layout->lineAt(layout->lineCount() - 1);
            const double top = rect.top() + layout->lineAt(0).y();
            const double bottom = rect.top() + line.y() + line.height();
            const int page = static_cast<int>(std::floor(top / pageHeight + 1e-6));
            if (bottom > (page + 1) * pageHeight + 1e-6 && bottom - top < pageHeight) {
                QTextCursor cursor(block);
                QTextBlockFormat format = block.blockFormat();
                format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
                cursor.setBlockFormat(format);
            }
        }
    }

    void insertTable(QTextCursor &cursor, const ReportTable &table)
    {
        const int columns = static_cast<int>(table.header.size());
        if (columns == 0)
            return;
        QTextTableFormat format;
        format.setCellPadding(mm(1));
        format.setCellSpacing(0);
        format.setBorder(0.6);
        format.setBorderBrush(QColor(0xbb, 0xbb, 0xbb));
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderCollapse(true);
        format.setHeaderRowCount(1); // repeated at the top of every page the table runs onto
        format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
        format.setBottomMargin(mm(3));
        QList<int> weights = table.columnWeights;
        if (weights.size() != columns)
            weights = QList<int>(columns, 1);
        double total = 0;
        for (int w : weights)
            total += w;
        QList<QTextLength> widths;
        for (int w : weights)
            widths << QTextLength(QTextLength::PercentageLength, 100.0 * w / total);
        format.setColumnWidthConstraints(widths);

        QTextTable *t = cursor.insertTable(static_cast<int>(table.rows.size()) + 1, columns, format);
        // A pale tint of the accent: the header reads as part of the brand without shouting.
        const QColor accent = m_doc.branding.accent;
        const QColor headerFill
            = QColor::fromRgbF(0.82 + 0.18 * accent.redF() * 0.5, 0.82 + 0.18 * accent.greenF() * 0.5, 0.82 + 0.18 * accent.blueF() * 0.5)
                  .lighter(110);
        for (int c = 0; c < columns; ++c) {
            QTextTableCell header = t->cellAt(0, c);
            QTextTableCellFormat cf = header.format().toTableCellFormat();
            cf.setBackground(headerFill);
            header.setFormat(cf);
            header.firstCursorPosition().insertText(printable(table.header.at(c)), charFormat(8, true));
        }
        for (int r = 0; r < table.rows.size(); ++r) {
            const auto &row = table.rows.at(r);
            for (int c = 0; c < columns && c < row.size(); ++c) {
                QTextTableCell cell = t->cellAt(r + 1, c);
                const ReportCell &value = row.at(c);
                QColor ink(0x22, 0x22, 0x22);
                if (value.fill) {
                    QTextTableCellFormat cf = cell.format().toTableCellFormat();
                    cf.setBackground(*value.fill);
                    cell.setFormat(cf);
                    ink = textOn(*value.fill);
                }
                cell.firstCursorPosition().insertText(printable(value.text), charFormat(8, false, ink));
            }
        }
    }

    void drawCover(QPainter &painter, QPdfWriter &writer)
    {
        Q_UNUSED(writer);
        const ReportBranding &b = m_doc.branding;
        painter.fillRect(QRectF(0, 0, m_page.width(), mm(12)), b.accent);
        double y = mm(30);
        const double left = mm(22);
        const double width = m_page.width() - mm(44);
        if (!b.logoPng.isEmpty()) {
            const QImage logo = QImage::fromData(b.logoPng, "PNG");
            if (!logo.isNull()) {
                const double h = mm(18);
                painter.drawImage(QRectF(left, y, h * logo.width() / logo.height(), h), logo);
                y += h + mm(6);
            }
        }
        y = drawText(painter, QRectF(left, y, width, mm(20)), elide(b.organisation, 120), charFormat(12, true, b.accent)) + mm(16);
        y = drawText(painter, QRectF(left, y, width, mm(40)), elide(m_doc.title, 200), charFormat(26, true)) + mm(4);
        y = drawText(painter, QRectF(left, y, width, mm(40)), elide(m_doc.subtitle, 300), charFormat(15, false, QColor(0x44, 0x44, 0x44)))
            + mm(12);

        // The cover facts as two columns; very long values are cut here and given in full inside.
        const QFont labelFont = charFormat(9.5, true).font();
        for (const auto &[label, value] : m_doc.coverFacts) {
            if (y > m_page.height() - mm(70))
                break;
            drawText(painter, QRectF(left, y, mm(52), mm(10)), label, charFormat(9.5, true, QColor(0x55, 0x55, 0x55)));
            y = std::max(y + QFontMetricsF(labelFont, &writer).height(),
                         drawText(painter, QRectF(left + mm(55), y, width - mm(55), mm(30)), elide(value, 240), charFormat(9.5)))
                + mm(2.2);
        }
        const double bottom = m_page.height() - mm(58);
        drawText(painter, QRectF(left, bottom, width, mm(30)), elide(m_doc.provenance, 900),
                 charFormat(7, false, QColor(0x66, 0x66, 0x66)));
        drawText(painter, QRectF(left, bottom + mm(24), width, mm(8)),
                 QStringLiteral("Generated %1").arg(m_doc.generatedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
                 charFormat(7, false, QColor(0x66, 0x66, 0x66)));
        drawMarking(painter, m_page.height() - mm(14));
        drawPageNumber(painter, 1);
    }

    // Draws wrapped text in the rectangle's width and returns the bottom of what was drawn.
    double drawText(QPainter &painter, const QRectF &rect, const QString &text, const QTextCharFormat &format)
    {
        QTextDocument doc;
        doc.documentLayout()->setPaintDevice(painter.device());
        doc.setDocumentMargin(0);
        QTextOption wrap;
        wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        doc.setDefaultTextOption(wrap);
        doc.setTextWidth(rect.width());
        QTextCursor(&doc).insertText(printable(text), format);
        painter.save();
        painter.translate(rect.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = QRectF(0, 0, rect.width(), rect.height());
        doc.documentLayout()->draw(&painter, context);
        painter.restore();
        return rect.top() + std::min(doc.size().height(), rect.height());
    }

    static QString elide(const QString &text, int characters)
    {
        return text.size() > characters ? text.left(characters) + QChar(0x2026) : text;
    }

    void drawMarking(QPainter &painter, double y)
    {
        QFont font = reportFont(7.5);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(QColor(0xb0, 0x00, 0x20));
        painter.drawText(QRectF(mm(20), y, m_page.width() - mm(40), mm(5)), Qt::AlignHCenter | Qt::AlignVCenter,
                         elide(printable(m_doc.branding.classification), 80));
    }

    void drawPageNumber(QPainter &painter, int page)
    {
        painter.setFont(reportFont(7.5));
        painter.setPen(QColor(0x55, 0x55, 0x55));
        painter.drawText(QRectF(mm(20), m_page.height() - mm(14), m_page.width() - mm(40), mm(5)), Qt::AlignRight | Qt::AlignVCenter,
                         QStringLiteral("Page %1 of %2").arg(page).arg(m_pages));
    }

    // Header and footer of a content page.
    void drawFurniture(QPainter &painter, int page)
    {
        painter.setFont(reportFont(7.5));
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const QRectF header(mm(20), mm(10), m_page.width() - mm(40), mm(5));
        painter.drawText(header, Qt::AlignLeft | Qt::AlignVCenter, elide(printable(m_doc.branding.organisation), 40));
        painter.drawText(QRectF(mm(20), m_page.height() - mm(14), m_page.width() - mm(40), mm(5)), Qt::AlignLeft | Qt::AlignVCenter,
                         elide(printable(m_doc.subtitle), 40));
        painter.setPen(QPen(m_doc.branding.accent, mm(0.3)));
        painter.drawLine(QPointF(mm(20), mm(16)), QPointF(m_page.width() - mm(20), mm(16)));
        drawMarking(painter, mm(10));
        drawMarking(painter, m_page.height() - mm(14));
        drawPageNumber(painter, page);
    }

    const ReportDocument &m_doc;
    QRectF m_page;
    QRectF m_body;
    int m_pages = 0;
};

} // namespace

PdfResult renderPdf(const ReportDocument &document)
{
    return PdfLayout(document).render();
}

} // namespace bulkhead
