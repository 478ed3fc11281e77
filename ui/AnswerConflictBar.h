// Says, above the question, that someone else saved its answer while the assessor was editing
// it, and offers the two ways out: keep their answer, or save one's own over it. The view holds
// both versions and does the saving; the bar only tells and asks. Hidden while there is no
// conflict on the question shown.
#pragma once

#include "Answer.h"

#include <QFrame>

#include <optional>

class QLabel;
class QPushButton;

namespace bulkhead {

struct Question;

class AnswerConflictBar : public QFrame {
    Q_OBJECT

public:
    explicit AnswerConflictBar(QWidget *parent = nullptr);

    // Shows that `theirs` is now stored for `question`. `replaced` is the answer the refused
    // save was to replace, when the view still holds it: then a change of the note alone is
    // told as such, rather than as a change to the same answer.
    void showConflict(const Question &question, const Answer &theirs, const std::optional<Answer> &replaced);
    // Read-only: their answer can still be kept, but nothing can be saved over it.
    void setReadOnly(bool readOnly);

    // For tests and accessibility tools.
    QString text() const; // empty while hidden
    QPushButton *keepTheirsButton() const { return m_keepTheirs; }
    QPushButton *overwriteButton() const { return m_overwrite; }

signals:
    void keepTheirsChosen();
    void overwriteChosen();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_keepTheirs = nullptr;
    QPushButton *m_overwrite = nullptr;
};

} // namespace bulkhead
