// The plan of action and milestones as a table of text in the FedRAMP column order. Every
// column and every value is decided here, once; the CSV and XLSX writers only encode it.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace bulkhead {

struct ReportInput;

// Column indexes of PoamTable, in FedRAMP POA&M template order.
namespace poam_column {
enum : int {
    Id,
    Controls,
    WeaknessName,
    WeaknessDescription,
    WeaknessSource,
    AssetIdentifier,
    PointOfContact,
    DetectionDate, // yyyy-MM-dd, empty when unknown
    CompletionDate, // yyyy-MM-dd, empty when unknown
    Milestones, // one milestone per line ('\n'); each writer joins them its own way
    Status,
    OriginalRisk, // levelLabel: "Very Low" .. "Very High"
    AdjustedRisk,
    Comments,
    Count
};
} // namespace poam_column

struct PoamTable {
    QStringList header;
    QList<QStringList> rows; // one per POA&M item, poam_column::Count values each; plain, unescaped text
    // Document properties for formats that carry them.
    QString title;
    QString provenance; // scoring rules and content hash the table was built from
    QDateTime generatedAt;
};

PoamTable buildPoamTable(const ReportInput &input);

} // namespace bulkhead
