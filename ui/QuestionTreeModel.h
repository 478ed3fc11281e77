// The questionnaires of one engagement as a tree: questionnaire > section > question, with
// "answered of visible" progress. Only questions visible under the engagement's facts are rows;
// update() inserts and removes them in place, so views keep their selection and expansion.
#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bulkhead {

class ContentLibrary;
struct Question;
struct Questionnaire;
struct Section;

class QuestionTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { TitleColumn, ProgressColumn, ColumnCount };
    enum Role {
        QuestionIdRole = Qt::UserRole + 1, // the question's id; empty on headings
        SearchTextRole, // id and text of a question, for finding it
    };

    explicit QuestionTreeModel(QObject *parent = nullptr);

    // `content` must stay alive until the next setContent call. `visible` holds question ids;
    // `answers` maps question ids to stored answer values.
    void setContent(const ContentLibrary *content, const QSet<QString> &visible, const QHash<QString, QString> &answers);
    void update(const QSet<QString> &visible, const QHash<QString, QString> &answers);

    QModelIndex indexOfQuestion(const QString &questionId, int column = TitleColumn) const;
    const Question *questionAt(const QModelIndex &index) const;
    // The visible questions, in interview order.
    QStringList visibleQuestionIds() const;
    // "7 of 9" for the section with this id; empty when there is no such section.
    QString sectionProgress(const QString &sectionId) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct SectionRows {
        const Section *section = nullptr;
        QList<const Question *> questions; // the visible ones
    };
    struct QuestionnaireRows {
        const Questionnaire *questionnaire = nullptr;
        QList<SectionRows> sections;
    };

    QString progressText(const QList<const Question *> &questions) const;
    QList<const Question *> questionsOf(const QuestionnaireRows &rows) const;

    QList<QuestionnaireRows> m_rows;
    QHash<QString, QString> m_answers;
};

} // namespace bulkhead
