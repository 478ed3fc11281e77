#include "ControlResultsModel.h"

#include <QFont>
#include <QRegularExpression>

namespace bulkhead {

namespace {

// Worst first, so an ascending sort puts the findings at the top.
int severity(ControlDetermination result)
{
    switch (result) {
    case ControlDetermination::OtherThanSatisfied: return 0;
    case ControlDetermination::NotAssessed: return 1;
    case ControlDetermination::Satisfied: return 2;
    case ControlDetermination::NotApplicable: return 3;
    }
    return 4;
}

// "AC-2(10)" sorts as "AC-00002(00010)", so AC-2 comes before AC-17 and AC-2(3) before AC-2(10).
QString naturalKey(const QString &id)
{
    static const QRegularExpression digits(QStringLiteral("\\d+"));
    QString key;
    qsizetype last = 0;
    for (auto it = digits.globalMatch(id); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        key += id.mid(last, m.capturedStart() - last) + m.captured().rightJustified(5, QLatin1Char('0'));
        last = m.capturedEnd();
    }
    return key + id.mid(last);
}

} // namespace

ControlResultsModel::ControlResultsModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void ControlResultsModel::setResults(QList<ControlResult> controls, const QList<FamilyScore> &families, const ControlCatalogue *catalogue)
{
    beginResetModel();
    m_controls = std::move(controls);
    m_familyTitles.clear();
    for (const FamilyScore &f : families)
        m_familyTitles.insert(f.id, f.title);
    m_baselines.clear();
    if (catalogue) {
        for (const ControlResult &c : std::as_const(m_controls)) {
            const ControlDefinition *d = catalogue->control(c.id);
            if (!d)
                continue;
            QStringList in;
            for (const Baseline b : {Baseline::Low, Baseline::Moderate, Baseline::High}) {
                if (d->inBaseline(b))
                    in << baselineKey(b);
            }
            m_baselines.insert(c.id, in.join(QLatin1Char(' ')));
        }
    }
    endResetModel();
}

const ControlResult *ControlResultsModel::controlAt(int row) const
{
    return row >= 0 && row < m_controls.size() ? &m_controls.at(row) : nullptr;
}

int ControlResultsModel::rowOf(const QString &controlId) const
{
    for (int row = 0; row < m_controls.size(); ++row)
        if (m_controls.at(row).id == controlId)
            return row;
    return -1;
}

QString ControlResultsModel::resultText(ControlDetermination result)
{
    switch (result) {
    case ControlDetermination::Satisfied: return tr("Satisfied");
    case ControlDetermination::OtherThanSatisfied: return tr("Other than satisfied");
    case ControlDetermination::NotAssessed: return tr("Not assessed");
    case ControlDetermination::NotApplicable: return tr("Not applicable");
    }
    return {};
}

int ControlResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_controls.size());
}

int ControlResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ControlResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ControlResult &c = m_controls.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id: return c.id;
        case Family: return c.family;
        case Title: return c.title;
        case Result: return resultText(c.result);
        case Questions: return static_cast<int>(c.questions.size());
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case Id: return naturalKey(c.id);
        case Result: return severity(c.result);
        }
        return data(index, Qt::DisplayRole);
    case ResultKeyRole: return controlDeterminationKey(c.result);
    case BaselinesRole: return m_baselines.value(c.id);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Family: return m_familyTitles.value(c.family);
        case Result: return c.reasons.join(QLatin1Char('\n'));
        case Questions: return c.questions.join(QStringLiteral(", "));
        }
        return {};
    case Qt::FontRole:
        // Findings stand out without a colour, which would fight the user's palette.
        if (index.column() == Result && c.result == ControlDetermination::OtherThanSatisfied) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Questions)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant ControlResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Control");
    case Family: return tr("Family");
    case Title: return tr("Title");
    case Result: return tr("Result");
    case Questions: return tr("Questions");
    }
    return {};
}

} // namespace bulkhead
