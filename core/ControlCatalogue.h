// NIST SP 800-53 rev5 controls with their family and LOW/MODERATE/HIGH baseline membership.
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace bulkhead {

enum class Baseline { Low, Moderate, High };

QString baselineKey(Baseline baseline); // "low", "moderate", "high"

struct ControlDefinition {
    QString id; // display form, e.g. "AC-6(9)"
    QString family; // "AC"
    QString title;
    bool inLow = false;
    bool inModerate = false;
    bool inHigh = false;

    bool inBaseline(Baseline baseline) const;
};

struct ControlFamily {
    QString id;
    QString title;
};

class ControlCatalogue {
public:
    int version = 0;
    QString source;
    QString sourceFile;

    void addFamily(ControlFamily family) { m_families.append(std::move(family)); }
    void addControl(ControlDefinition control);

    const QList<ControlFamily> &families() const { return m_families; }
    const QList<ControlDefinition> &controls() const { return m_controls; }
    const ControlDefinition *control(const QString &id) const;
    QString familyTitle(const QString &familyId) const;

private:
    QList<ControlFamily> m_families;
    QList<ControlDefinition> m_controls;
    QHash<QString, qsizetype> m_index;
};

} // namespace bulkhead
