// The question tree narrowed to the questions whose id or text contains the search text.
// Headings are shown only for the questions below them, so a section with no visible or
// matching question disappears too.
#pragma once

#include <QSortFilterProxyModel>

namespace bulkhead {

class QuestionFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit QuestionFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    const QString &searchText() const { return m_searchText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_searchText;
};

} // namespace bulkhead
