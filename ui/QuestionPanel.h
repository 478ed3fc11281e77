// One question of the interview: what to ask, what to look for, and the controls that record
// the answer, note, method and interviewee. It only shows and collects; InterviewView decides
// when and what to save.
#pragma once

#include "AnswerStore.h"

#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QVBoxLayout;

namespace bulkhead {

struct Question;

class QuestionPanel : public QWidget {
    Q_OBJECT

public:
    explicit QuestionPanel(QWidget *parent = nullptr);

    // Shows `question` (nullptr: none) holding `input`; `where` names its questionnaire and section.
    void showQuestion(const Question *question, const QString &where, const AnswerInput &input);
    // Puts `input` into the controls of the question already shown, keeping focus where it is.
    void setInput(const AnswerInput &input);
    // What the controls hold now; the value is empty while no answer is chosen.
    AnswerInput input() const;
    const Question *question() const { return m_question; }
    // Where the question sits ("Hosting environment › Location (7 of 9)"), as progress moves on.
    void setWhere(const QString &where);

    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // Says that the note, method or interviewee wait for an answer before they can be saved.
    void setUnsavedHint(bool shown);

    // Picks (or, on a multiple-choice question, toggles) the n-th option, 1-based, as a click
    // would. False if the question has no such option or the panel is read-only.
    bool chooseOption(int n);

    // For tests and accessibility tools.
    QList<QAbstractButton *> answerButtons() const;
    QLineEdit *valueEdit() const { return m_valueEdit; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QComboBox *methodBox() const { return m_method; }
    QLineEdit *intervieweeEdit() const { return m_interviewee; }
    QString questionText() const;

signals:
    // A control finished an edit: an option was picked, or a text field was left.
    void edited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildAnswerControls();
    void setValue(const QString &value);
    void announceEdit();

    const Question *m_question = nullptr;
    bool m_readOnly = false;
    bool m_filling = false; // while controls are filled from code, their signals are no edits
    QLabel *m_where = nullptr;
    QLabel *m_id = nullptr;
    QLabel *m_text = nullptr;
    QGroupBox *m_answerBox = nullptr;
    QVBoxLayout *m_answerLayout = nullptr;
    QWidget *m_answerControls = nullptr;
    QButtonGroup *m_buttons = nullptr;
    QLineEdit *m_valueEdit = nullptr;
    QLabel *m_guidance = nullptr;
    QLabel *m_evidence = nullptr;
    QLabel *m_methods = nullptr;
    QLabel *m_responsibility = nullptr;
    QLabel *m_controls = nullptr;
    QFormLayout *m_detailsForm = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_interviewee = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace bulkhead
