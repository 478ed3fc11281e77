// A line that says why something was not done (a refused save, an import that failed): a warning
// icon and selectable text on the tooltip colours, hidden while there is nothing to say.
#pragma once

#include <QWidget>

class QLabel;

namespace bulkhead {

class MessageRow : public QWidget {
    Q_OBJECT

public:
    // `accessibleName` says what the message is about, for screen readers.
    explicit MessageRow(const QString &accessibleName, QWidget *parent = nullptr);

    void showMessage(const QString &text);
    // The text shown; empty while the row is hidden.
    QString message() const;
    QLabel *label() const { return m_text; }

private:
    QLabel *m_text = nullptr;
};

} // namespace bulkhead
