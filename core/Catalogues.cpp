// Look-ups over the risk and control catalogues.
#include "ControlCatalogue.h"
#include "RiskCatalogue.h"

namespace bulkhead {

const RiskDefinition *RiskCatalogue::risk(const QString &id) const
{
    for (const auto &r : risks) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

QString baselineKey(Baseline baseline)
{
    switch (baseline) {
    case Baseline::Low: return QStringLiteral("low");
    case Baseline::Moderate: return QStringLiteral("moderate");
    case Baseline::High: return QStringLiteral("high");
    }
    return {};
}

bool ControlDefinition::inBaseline(Baseline baseline) const
{
    switch (baseline) {
    case Baseline::Low: return inLow;
    case Baseline::Moderate: return inModerate;
    case Baseline::High: return inHigh;
    }
    return false;
}

void ControlCatalogue::addControl(ControlDefinition control)
{
    m_index.insert(control.id, m_controls.size());
    m_controls.append(std::move(control));
}

const ControlDefinition *ControlCatalogue::control(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_controls.at(*it);
}

QString ControlCatalogue::familyTitle(const QString &familyId) const
{
    for (const auto &f : m_families) {
        if (f.id == familyId)
            return f.title;
    }
    return familyId;
}

} // namespace bulkhead
