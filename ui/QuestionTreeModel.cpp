#include "QuestionTreeModel.h"

#include "AnswerLabels.h"
#include "ContentLibrary.h"

namespace bulkhead {

namespace {

// An index's internal id says which level it is on and who its parents are:
// bits 0-1 the level, above them the questionnaire row and, for questions, the section row.
enum Level : quintptr { QuestionnaireLevel = 0, SectionLevel = 1, QuestionLevel = 2 };

constexpr quintptr makeId(Level level, int questionnaireRow = 0, int sectionRow = 0)
{
    return (((static_cast<quintptr>(questionnaireRow) << 14) | static_cast<quintptr>(sectionRow)) << 2) | level;
}

Level levelOf(const QModelIndex &index)
{
    return static_cast<Level>(index.internalId() & 3u);
}

int questionnaireRowOf(const QModelIndex &index)
{
    return static_cast<int>(index.internalId() >> 16);
}

int sectionRowOf(const QModelIndex &index)
{
    return static_cast<int>((index.internalId() >> 2) & 0x3fffu);
}

} // namespace

QuestionTreeModel::QuestionTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
}

void QuestionTreeModel::setContent(const ContentLibrary *content, const QSet<QString> &visible, const QHash<QString, QString> &answers)
{
    beginResetModel();
    m_rows.clear();
    m_answers = answers;
    if (content) {
        for (const auto &questionnaire : content->questionnaires()) {
            QuestionnaireRows rows {&questionnaire, {}};
            for (const auto &section : questionnaire.sections) {
                SectionRows sectionRows {&section, {}};
                for (const auto &q : section.questions) {
                    if (visible.contains(q.id))
                        sectionRows.questions.append(&q);
                }
                rows.sections.append(sectionRows);
            }
            m_rows.append(rows);
        }
    }
    endResetModel();
}

void QuestionTreeModel::update(const QSet<QString> &visible, const QHash<QString, QString> &answers)
{
    m_answers = answers;
    for (int qi = 0; qi < m_rows.size(); ++qi) {
        for (int si = 0; si < m_rows[qi].sections.size(); ++si) {
            SectionRows &section = m_rows[qi].sections[si];
            const QModelIndex parent = createIndex(si, 0, makeId(SectionLevel, qi));
            // Both lists keep interview order, so one walk over the section finds every change.
            int row = 0;
            for (const auto &q : section.section->questions) {
                const bool shown = row < section.questions.size() && section.questions.at(row) == &q;
                const bool show = visible.contains(q.id);
                if (shown && !show) {
                    beginRemoveRows(parent, row, row);
                    section.questions.removeAt(row);
                    endRemoveRows();
                } else if (!shown && show) {
                    beginInsertRows(parent, row, row);
                    section.questions.insert(row, &q);
                    endInsertRows();
                    ++row;
                } else if (shown) {
                    ++row;
                }
            }
            if (!section.questions.isEmpty())
                emit dataChanged(index(0, 0, parent), index(static_cast<int>(section.questions.size()) - 1, ColumnCount - 1, parent));
        }
        const QModelIndex questionnaire = index(qi, 0);
        if (!m_rows[qi].sections.isEmpty())
            emit dataChanged(index(0, 0, questionnaire),
                             index(static_cast<int>(m_rows[qi].sections.size()) - 1, ColumnCount - 1, questionnaire));
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(static_cast<int>(m_rows.size()) - 1, ColumnCount - 1));
}

QModelIndex QuestionTreeModel::indexOfQuestion(const QString &questionId, int column) const
{
    for (int qi = 0; qi < m_rows.size(); ++qi) {
        for (int si = 0; si < m_rows[qi].sections.size(); ++si) {
            const auto &questions = m_rows[qi].sections[si].questions;
            for (int row = 0; row < questions.size(); ++row) {
                if (questions.at(row)->id == questionId)
                    return createIndex(row, column, makeId(QuestionLevel, qi, si));
            }
        }
    }
    return {};
}

const Question *QuestionTreeModel::questionAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || levelOf(index) != QuestionLevel)
        return nullptr;
    return m_rows.at(questionnaireRowOf(index)).sections.at(sectionRowOf(index)).questions.at(index.row());
}

QStringList QuestionTreeModel::visibleQuestionIds() const
{
    QStringList ids;
    for (const auto &rows : m_rows) {
        for (const auto *q : questionsOf(rows))
            ids << q->id;
    }
    return ids;
}

QString QuestionTreeModel::sectionProgress(const QString &sectionId) const
{
    for (const auto &rows : m_rows) {
        for (const auto &section : rows.sections) {
            if (section.section->id == sectionId)
                return progressText(section.questions);
        }
    }
    return {};
}

QModelIndex QuestionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, makeId(QuestionnaireLevel));
    if (levelOf(parent) == QuestionnaireLevel)
        return createIndex(row, column, makeId(SectionLevel, parent.row()));
    return createIndex(row, column, makeId(QuestionLevel, questionnaireRowOf(parent), parent.row()));
}

QModelIndex QuestionTreeModel::parent(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    switch (levelOf(index)) {
    case QuestionnaireLevel: return {};
    case SectionLevel: return createIndex(questionnaireRowOf(index), 0, makeId(QuestionnaireLevel));
    case QuestionLevel: return createIndex(sectionRowOf(index), 0, makeId(SectionLevel, questionnaireRowOf(index)));
    }
    return {};
}

int QuestionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_rows.size());
    if (parent.column() != 0)
        return 0;
    switch (levelOf(parent)) {
    case QuestionnaireLevel: return static_cast<int>(m_rows.at(parent.row()).sections.size());
    case SectionLevel: return static_cast<int>(m_rows.at(questionnaireRowOf(parent)).sections.at(parent.row()).questions.size());
    case QuestionLevel: return 0;
    }
    return 0;
}

int QuestionTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant QuestionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QuestionnaireRows &rows = m_rows.at(levelOf(index) == QuestionnaireLevel ? index.row() : questionnaireRowOf(index));
    switch (levelOf(index)) {
    case QuestionnaireLevel:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return index.column() == TitleColumn ? rows.questionnaire->title : progressText(questionsOf(rows));
        return {};
    case SectionLevel: {
        const SectionRows &section = rows.sections.at(index.row());
        if (role == Qt::DisplayRole)
            return index.column() == TitleColumn ? section.section->title : progressText(section.questions);
        if (role == Qt::ToolTipRole)
            return section.section->description.isEmpty() ? section.section->title : section.section->description;
        return {};
    }
    case QuestionLevel: {
        const Question *q = rows.sections.at(sectionRowOf(index)).questions.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == TitleColumn)
                return q->id;
            return answer_labels::answerLabel(*q, m_answers.value(q->id));
        case Qt::ToolTipRole: return q->text;
        case QuestionIdRole: return q->id;
        case SearchTextRole: return QString(q->id + QLatin1Char('\n') + q->text);
        default: return {};
        }
    }
    }
    return {};
}

QVariant QuestionTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn: return tr("Question");
    case ProgressColumn: return tr("Answered");
    default: return {};
    }
}

QString QuestionTreeModel::progressText(const QList<const Question *> &questions) const
{
    qsizetype answered = 0;
    for (const auto *q : questions) {
        if (m_answers.contains(q->id))
            ++answered;
    }
    return tr("%1 of %2").arg(answered).arg(questions.size());
}

QList<const Question *> QuestionTreeModel::questionsOf(const QuestionnaireRows &rows) const
{
    QList<const Question *> all;
    for (const auto &section : rows.sections)
        all += section.questions;
    return all;
}

} // namespace bulkhead
