#include "ReportDocument.h"

#include "ReportCharts.h"

namespace bulkhead {

QByteArray ReportFigure::pngBytes() const
{
    return png.isEmpty() && !image.isNull() ? chartPng(image) : png;
}

void ReportDocument::heading(const QString &text, int level)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Heading;
    b.text = text;
    b.level = level;
    blocks.append(std::move(b));
}

void ReportDocument::paragraph(const QString &text)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Paragraph;
    b.text = text;
    blocks.append(std::move(b));
}

void ReportDocument::table(ReportTable table)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table = std::move(table);
    blocks.append(std::move(b));
}

void ReportDocument::figure(ReportFigure figure)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Figure;
    b.figure = std::move(figure);
    blocks.append(std::move(b));
}

void ReportDocument::pageBreak()
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::PageBreak;
    blocks.append(std::move(b));
}

} // namespace bulkhead
