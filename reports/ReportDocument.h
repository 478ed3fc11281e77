// A report as format-neutral content: a cover, then headings, paragraphs, tables and figures in
// reading order. Builders (the SAR, the SOC 2 readiness report) fill it from a scored engagement;
// renderers (HTML, PDF, DOCX) lay it out. Text here is plain and unescaped: each renderer escapes
// it for its own format, so hostile input is handled in exactly one place per format.
#pragma once

#include <QByteArray>
#include <QColor>
#include <QDateTime>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead {

// Branding from the workspace settings, used by every format.
struct ReportBranding {
    QString organisation = QStringLiteral("Bulkhead");
    QColor accent = QColor(0x1f, 0x4e, 0x79);
    QString classification = QStringLiteral("CONFIDENTIAL");
    QByteArray logoPng; // empty: no logo
};

struct ReportCell {
    QString text;
    std::optional<QColor> fill; // e.g. a risk level's colour
};

struct ReportTable {
    QStringList header;
    QList<QList<ReportCell>> rows;
    QList<int> columnWeights; // relative widths, one per column; empty: equal
};

struct ReportFigure {
    QString caption;
    QByteArray png; // rendered chart
    int widthMm = 120; // printed width; height follows the image's aspect ratio
    // The chart as painted, when the report painted it (then png is empty): the PDF draws it
    // as it is, and only the formats that embed PNG bytes encode it, through pngBytes().
    QImage image {};

    // png, or else image as PNG.
    QByteArray pngBytes() const;
};

struct ReportBlock {
    enum class Kind { Heading, Paragraph, Table, Figure, PageBreak };
    Kind kind = Kind::Paragraph;
    int level = 1; // headings: 1 (section) or 2 (subsection)
    QString text; // heading or paragraph text
    ReportTable table;
    ReportFigure figure;
};

struct ReportDocument {
    QString title; // "Security Assessment Report"
    QString subtitle; // client and system
    QList<std::pair<QString, QString>> coverFacts; // label, value: client, system, CSP, dates, ...
    QString provenance; // questionnaire versions, scoring rules, content hash: printed on the cover
    QDateTime generatedAt;
    ReportBranding branding;
    QList<ReportBlock> blocks;

    void heading(const QString &text, int level = 1);
    void paragraph(const QString &text);
    void table(ReportTable table);
    void figure(ReportFigure figure);
    void pageBreak();
};

} // namespace bulkhead
