#include "PoamCsv.h"

namespace bulkhead {

namespace {

// Spreadsheet formula injection (CWE-1236): Excel, LibreOffice and Google Sheets evaluate a CSV
// field that starts with = + - or @ (and tab or CR, which they strip before looking) as a
// formula, so client-supplied text such as =HYPERLINK(...) in a system name or note could run
// or exfiltrate data when an auditor opens the file. A leading apostrophe makes them take the
// field as text; it stays visible in some programs, a price worth paying. The POA&M has no
// numeric columns, so no negative number is changed by this.
QString neutralised(const QString &field)
{
    if (field.isEmpty())
        return field;
    switch (field.at(0).unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r': return QLatin1Char('\'') + field;
    default: return field;
    }
}

QString encoded(const QString &field)
{
    const QString text = neutralised(field);
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\r'))
        || text.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void appendRecord(QString &out, const QStringList &fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += encoded(fields.at(i));
    }
    out += QStringLiteral("\r\n");
}

} // namespace

QByteArray renderPoamCsv(const PoamTable &table)
{
    QString text;
    appendRecord(text, table.header);
    for (QStringList row : table.rows) {
        if (row.size() > poam_column::Milestones)
            row[poam_column::Milestones].replace(QLatin1Char('\n'), QStringLiteral("; "));
        appendRecord(text, row);
    }
    // Excel reads a CSV without a BOM in the machine's ANSI code page and garbles every
    // non-ASCII character (client names, em dashes); the UTF-8 BOM makes it read UTF-8.
    return QByteArrayLiteral("\xEF\xBB\xBF") + text.toUtf8();
}

} // namespace bulkhead
