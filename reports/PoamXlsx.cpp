#include "PoamXlsx.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <xlsxwriter.h>

#include <array>

namespace bulkhead {

namespace {

// Excel's limit on the characters in one cell (it counts UTF-16 code units).
constexpr qsizetype kMaxCellChars = 32767;

const QString &truncationMarker()
{
    static const QString marker = QStringLiteral(" … [cut at Excel's limit of 32,767 characters; the CSV export has the full text]");
    return marker;
}

// Only the characters XML 1.0 allows (#x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD and paired
// surrogates); CR and CRLF become LF, which is what an XML reader would turn them into anyway.
QString xmlCharacters(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
        } else if (u == u'\r') {
            out += QLatin1Char('\n');
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
        } else if (u == u'\t' || u == u'\n' || (u >= 0x20 && u <= 0xD7FF) || (u >= 0xE000 && u <= 0xFFFD)) {
            out += c;
        }
    }
    return out;
}

// Excel decodes _xHHHH_ in cell text as an escaped character, so text that happens to contain
// one ("_x0041_") would come back changed; escaping its underscore as _x005F_ keeps it literal.
QString escapeExcelEscapes(const QString &text)
{
    static const QRegularExpression escape(QStringLiteral("_(x[0-9A-Fa-f]{4}_)"));
    QString out = text;
    out.replace(escape, QStringLiteral("_x005F_\\1"));
    return out;
}

// Cell text as libxlsxwriter should receive it: valid for XML, literal for Excel, within the
// cell limit (counted after escaping, which lengthens the text), cut at a character boundary.
QByteArray cellText(const QString &text)
{
    const QString clean = xmlCharacters(text);
    QString escaped = escapeExcelEscapes(clean);
    qsizetype keep = kMaxCellChars - truncationMarker().size();
    while (escaped.size() > kMaxCellChars) {
        QString cut = clean.left(keep);
        if (!cut.isEmpty() && cut.back().isHighSurrogate())
            cut.chop(1);
        escaped = escapeExcelEscapes(cut) + truncationMarker();
        keep -= escaped.size() - kMaxCellChars; // negative or zero once it fits
    }
    return escaped.toUtf8();
}

// Document properties are plain XML text, not cells: no _xHHHH_ decoding, no cell limit.
QByteArray propertyText(const QString &text)
{
    return xmlCharacters(text).toUtf8();
}

lxw_color_t rgb(const QColor &color)
{
    return static_cast<lxw_color_t>(color.rgb() & 0xFFFFFF);
}

struct ColumnLayout {
    double width; // in Excel's character units
    bool wrap;
};

// Indexed by poam_column.
constexpr std::array<ColumnLayout, poam_column::Count> kColumns = {{
    {11, false}, // POA&M ID
    {16, true}, // Controls
    {40, true}, // Weakness Name
    {60, true}, // Weakness Description
    {36, true}, // Weakness Source
    {24, true}, // Asset Identifier
    {22, true}, // Point of Contact
    {13, false}, // Original Detection Date
    {13, false}, // Scheduled Completion Date
    {50, true}, // Planned Milestones
    {9, false}, // Status
    {12, false}, // Original Risk Rating
    {12, false}, // Adjusted Risk Rating
    {50, true}, // Comments
}};

bool isDateColumn(int column)
{
    return column == poam_column::DetectionDate || column == poam_column::CompletionDate;
}

// Writes one workbook; the first libxlsxwriter error ends the work and is reported.
class PoamWorkbook {
public:
    PoamWorkbook(const QString &path, const QString &tmpdir) : m_path(path.toUtf8()), m_tmpdir(tmpdir.toUtf8())
    {
        lxw_workbook_options options {};
        options.tmpdir = m_tmpdir.data(); // libxlsxwriter keeps the pointer until workbook_close
        m_workbook = workbook_new_opt(m_path.constData(), &options);
    }
    ~PoamWorkbook()
    {
        if (m_workbook)
            workbook_close(m_workbook); // only on an earlier error; the file is discarded with its directory
    }
    PoamWorkbook(const PoamWorkbook &) = delete;
    PoamWorkbook &operator=(const PoamWorkbook &) = delete;

    Status write(const PoamTable &table, const ReportBranding &branding)
    {
        if (!m_workbook)
            return Error {QStringLiteral("libxlsxwriter cannot create the workbook"), QString::fromUtf8(m_path)};
        setProperties(table, branding);
        lxw_worksheet *sheet = workbook_add_worksheet(m_workbook, "POA&M");
        if (!sheet)
            return Error {QStringLiteral("libxlsxwriter cannot add the POA&M worksheet"), QString::fromUtf8(m_path)};

        lxw_format *header = workbook_add_format(m_workbook);
        format_set_bold(header);
        format_set_font_color(header, LXW_COLOR_WHITE);
        format_set_bg_color(header, rgb(branding.accent));
        format_set_pattern(header, LXW_PATTERN_SOLID);
        format_set_text_wrap(header);
        format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
        lxw_format *plain = workbook_add_format(m_workbook);
        format_set_align(plain, LXW_ALIGN_VERTICAL_TOP);
        lxw_format *wrapped = workbook_add_format(m_workbook);
        format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
        format_set_text_wrap(wrapped);
        lxw_format *date = workbook_add_format(m_workbook);
        format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
        format_set_num_format(date, "yyyy-mm-dd");

        for (int c = 0; c < poam_column::Count; ++c)
            check(worksheet_set_column(sheet, col(c), col(c), kColumns[static_cast<size_t>(c)].width, nullptr));
        for (int c = 0; c < table.header.size() && c < poam_column::Count; ++c)
            check(worksheet_write_string(sheet, 0, col(c), cellText(table.header.at(c)).constData(), header));
        for (int r = 0; r < table.rows.size(); ++r) {
            const QStringList &fields = table.rows.at(r);
            const auto row = static_cast<lxw_row_t>(r + 1);
            for (int c = 0; c < fields.size() && c < poam_column::Count; ++c) {
                const QDate day = isDateColumn(c) ? QDate::fromString(fields.at(c), Qt::ISODate) : QDate();
                if (day.isValid()) {
                    lxw_datetime when {day.year(), day.month(), day.day(), 0, 0, 0.0};
                    check(worksheet_write_datetime(sheet, row, col(c), &when, date));
                } else {
                    // A string cell, never a formula: "=HYPERLINK(...)" in client text stays text.
                    check(worksheet_write_string(sheet, row, col(c), cellText(fields.at(c)).constData(),
                                                 kColumns[static_cast<size_t>(c)].wrap ? wrapped : plain));
                }
            }
        }
        worksheet_freeze_panes(sheet, 1, 0);
        check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()), col(poam_column::Count - 1)));
        worksheet_set_landscape(sheet);
        worksheet_fit_to_pages(sheet, 1, 0);
        check(worksheet_repeat_rows(sheet, 0, 0));
        if (m_error != LXW_NO_ERROR)
            return failure(QStringLiteral("cannot write the POA&M worksheet"));

        m_error = workbook_close(m_workbook);
        m_workbook = nullptr;
        if (m_error != LXW_NO_ERROR)
            return failure(QStringLiteral("cannot save the workbook"));
        return {};
    }

private:
    static lxw_col_t col(int column) { return static_cast<lxw_col_t>(column); }

    void check(lxw_error error)
    {
        if (m_error == LXW_NO_ERROR)
            m_error = error;
    }

    Error failure(const QString &what) const
    {
        return Error {QStringLiteral("%1: %2").arg(what, QString::fromUtf8(lxw_strerror(m_error))), QString::fromUtf8(m_path)};
    }

    void setProperties(const PoamTable &table, const ReportBranding &branding)
    {
        m_title = propertyText(table.title);
        m_company = propertyText(branding.organisation);
        m_comments = propertyText(table.provenance);
        lxw_doc_properties properties {};
        properties.title = m_title.data();
        properties.company = m_company.data();
        properties.author = m_company.data();
        properties.comments = m_comments.data();
        // Without a fixed creation time libxlsxwriter writes the current one into
        // docProps/core.xml, and the same POA&M would give different bytes on every export.
        properties.created = table.generatedAt.isValid() ? static_cast<time_t>(table.generatedAt.toSecsSinceEpoch()) : time_t(1);
        check(workbook_set_properties(m_workbook, &properties));
    }

    QByteArray m_path;
    QByteArray m_tmpdir;
    QByteArray m_title;
    QByteArray m_company;
    QByteArray m_comments;
    lxw_workbook *m_workbook = nullptr;
    lxw_error m_error = LXW_NO_ERROR;
};

} // namespace

Result<QByteArray> renderPoamXlsx(const PoamTable &table, const ReportBranding &branding)
{
    // libxlsxwriter writes to a path, not to memory: a private directory holds the file and the
    // library's scratch files, and goes away with everything in it.
    QTemporaryDir dir;
    if (!dir.isValid())
        return Error {QStringLiteral("cannot create a temporary directory for the workbook: %1").arg(dir.errorString())};
    const QString path = dir.filePath(QStringLiteral("poam.xlsx"));
    if (Status written = PoamWorkbook(path, dir.path()).write(table, branding); !written)
        return written.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {QStringLiteral("cannot read the workbook back: %1").arg(file.errorString()), path};
    return file.readAll();
}

} // namespace bulkhead
