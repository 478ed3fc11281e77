#include "QuestionPanel.h"

#include "AnswerLabels.h"
#include "Engagement.h"
#include "Questionnaire.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

bool hasOptions(const Question &q)
{
    return q.type == QuestionType::YesNo || q.type == QuestionType::Choice || q.type == QuestionType::Multi;
}

} // namespace

QuestionPanel::QuestionPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(10);

    m_where = wrappingLabel(this);
    m_where->setForegroundRole(QPalette::PlaceholderText);
    m_id = wrappingLabel(this);
    QFont idFont = m_id->font();
    idFont.setBold(true);
    m_id->setFont(idFont);
    m_text = wrappingLabel(this);
    QFont textFont = m_text->font();
    textFont.setPointSizeF(textFont.pointSizeF() * 1.25);
    m_text->setFont(textFont);
    layout->addWidget(m_where);
    layout->addWidget(m_id);
    layout->addWidget(m_text);

    m_answerBox = new QGroupBox(tr("Answer"), this);
    m_answerLayout = new QVBoxLayout(m_answerBox);
    layout->addWidget(m_answerBox);

    m_detailsForm = new QFormLayout;
    m_detailsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_guidance = wrappingLabel(this);
    m_evidence = wrappingLabel(this);
    m_methods = wrappingLabel(this);
    m_responsibility = wrappingLabel(this);
    m_controls = wrappingLabel(this);
    m_detailsForm->addRow(tr("Guidance:"), m_guidance);
    m_detailsForm->addRow(tr("Evidence to request:"), m_evidence);
    m_detailsForm->addRow(tr("Suggested methods:"), m_methods);
    m_detailsForm->addRow(tr("Responsibility:"), m_responsibility);
    m_detailsForm->addRow(tr("Controls:"), m_controls);
    layout->addLayout(m_detailsForm);

    auto *record = new QGroupBox(tr("Record"), this);
    auto *recordForm = new QFormLayout(record);
    recordForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_note = new QPlainTextEdit(record);
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("What was said, seen or tested"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(m_note->fontMetrics().lineSpacing() * 8);
    m_note->installEventFilter(this);
    m_method = new QComboBox(record);
    m_method->setAccessibleName(tr("Method"));
    m_method->addItem(tr("Not recorded"), QString());
    for (const auto &method : engagement_values::methods())
        m_method->addItem(answer_labels::methodLabel(method), method);
    m_interviewee = new QLineEdit(record);
    m_interviewee->setAccessibleName(tr("Interviewee"));
    m_interviewee->setPlaceholderText(tr("Name and role"));
    recordForm->addRow(tr("&Note:"), m_note);
    recordForm->addRow(tr("&Method:"), m_method);
    recordForm->addRow(tr("&Interviewee:"), m_interviewee);
    layout->addWidget(record);

    m_hint = wrappingLabel(this);
    m_hint->setText(tr("The note, method and interviewee are saved with the answer: choose an answer to save them."));
    m_hint->hide();
    layout->addWidget(m_hint);
    layout->addStretch(1);

    connect(m_method, &QComboBox::activated, this, &QuestionPanel::announceEdit);
    connect(m_interviewee, &QLineEdit::editingFinished, this, &QuestionPanel::announceEdit);
    showQuestion(nullptr, {}, {});
}

void QuestionPanel::showQuestion(const Question *question, const QString &where, const AnswerInput &input)
{
    const QWidget *focus = QApplication::focusWidget();
    const bool focusOnAnswer = m_answerControls && focus && m_answerControls->isAncestorOf(focus);
    m_question = question;
    m_where->setText(where);
    m_id->setText(question ? question->id : QString());
    m_text->setText(question ? question->text : tr("No question selected"));
    const auto setRow = [this](QLabel *label, const QString &text) {
        label->setText(text);
        m_detailsForm->setRowVisible(label, !text.isEmpty());
    };
    QStringList evidence;
    QStringList methods;
    if (question) {
        for (const auto &item : question->evidence)
            evidence << QStringLiteral("• ") + item;
        for (const auto &method : question->methods)
            methods << answer_labels::methodLabel(method);
    }
    QStringList mapped;
    if (question && !question->controls.isEmpty())
        mapped << question->controls.join(QStringLiteral(", "));
    if (question && !question->soc2.isEmpty())
        mapped << tr("SOC 2: %1").arg(question->soc2.join(QStringLiteral(", ")));
    setRow(m_guidance, question ? question->guidance : QString());
    setRow(m_evidence, evidence.join(QLatin1Char('\n')));
    setRow(m_methods, methods.join(QStringLiteral(", ")));
    setRow(m_responsibility, question ? answer_labels::responsibilityLabel(question->responsibility) : QString());
    setRow(m_controls, mapped.join(QStringLiteral("; ")));

    buildAnswerControls();
    setInput(input);
    setReadOnly(m_readOnly);
    setUnsavedHint(false);
    // Keyboard users stay on the answer, so the digit keys keep working from one question to the next.
    if (focusOnAnswer) {
        if (m_buttons && !m_buttons->buttons().isEmpty())
            (m_buttons->checkedButton() ? m_buttons->checkedButton() : m_buttons->buttons().constFirst())->setFocus();
        else if (m_valueEdit)
            m_valueEdit->setFocus();
    }
}

void QuestionPanel::setWhere(const QString &where)
{
    m_where->setText(where);
}

void QuestionPanel::buildAnswerControls()
{
    if (m_answerControls) {
        // Deleted later: this may run while one of its buttons is still delivering a click.
        m_answerControls->hide();
        m_answerLayout->removeWidget(m_answerControls);
        m_answerControls->deleteLater();
    }
    m_answerControls = new QWidget(m_answerBox);
    m_buttons = nullptr;
    m_valueEdit = nullptr;
    auto *layout = new QVBoxLayout(m_answerControls);
    layout->setContentsMargins(0, 0, 0, 0);
    m_answerLayout->addWidget(m_answerControls);
    m_answerControls->show(); // a layout would only show it once the event loop runs
    m_answerBox->setVisible(m_question != nullptr);
    if (!m_question)
        return;

    if (hasOptions(*m_question)) {
        m_buttons = new QButtonGroup(m_answerControls);
        const bool multi = m_question->type == QuestionType::Multi;
        m_buttons->setExclusive(!multi);
        const QStringList values = answer_labels::choiceValues(*m_question);
        for (int i = 0; i < values.size(); ++i) {
            const QString label = answer_labels::optionLabel(*m_question, values.at(i));
            // The digit shown is the key that picks the option.
            const QString text = i < 9 ? QStringLiteral("%1   %2").arg(i + 1).arg(label) : label;
            QAbstractButton *button = multi ? static_cast<QAbstractButton *>(new QCheckBox(text, m_answerControls))
                                            : static_cast<QAbstractButton *>(new QRadioButton(text, m_answerControls));
            button->setAccessibleName(label);
            if (i < 9)
                button->setAccessibleDescription(tr("Press %1 to choose this answer").arg(i + 1));
            m_buttons->addButton(button, i);
            layout->addWidget(button);
        }
        connect(m_buttons, &QButtonGroup::idClicked, this, &QuestionPanel::announceEdit);
        return;
    }
    m_valueEdit = new QLineEdit(m_answerControls);
    m_valueEdit->setAccessibleName(tr("Answer"));
    switch (m_question->type) {
    case QuestionType::Number: m_valueEdit->setPlaceholderText(tr("A number, for example 3")); break;
    case QuestionType::Date: m_valueEdit->setPlaceholderText(tr("A date as YYYY-MM-DD")); break;
    default: m_valueEdit->setPlaceholderText(tr("Type the answer")); break;
    }
    connect(m_valueEdit, &QLineEdit::editingFinished, this, &QuestionPanel::announceEdit);
    layout->addWidget(m_valueEdit);
}

void QuestionPanel::setValue(const QString &value)
{
    if (m_valueEdit) {
        if (m_valueEdit->text() != value)
            m_valueEdit->setText(value);
        return;
    }
    if (!m_buttons || !m_question)
        return;
    const QStringList values = answer_labels::choiceValues(*m_question);
    const QStringList chosen = m_question->answerValues(value);
    // An exclusive group cannot be emptied button by button.
    const bool exclusive = m_buttons->exclusive();
    m_buttons->setExclusive(false);
    for (auto *button : m_buttons->buttons())
        button->setChecked(chosen.contains(values.value(m_buttons->id(button))));
    m_buttons->setExclusive(exclusive);
}

void QuestionPanel::setInput(const AnswerInput &input)
{
    m_filling = true;
    setValue(input.value);
    if (m_note->toPlainText() != input.note)
        m_note->setPlainText(input.note);
    const int method = m_method->findData(input.method);
    m_method->setCurrentIndex(method < 0 ? 0 : method);
    if (m_interviewee->text() != input.interviewee)
        m_interviewee->setText(input.interviewee);
    m_filling = false;
}

AnswerInput QuestionPanel::input() const
{
    AnswerInput input;
    if (!m_question)
        return input;
    input.questionId = m_question->id;
    if (m_valueEdit) {
        input.value = m_valueEdit->text().trimmed();
    } else if (m_buttons) {
        const QStringList values = answer_labels::choiceValues(*m_question);
        QStringList chosen;
        for (auto *button : m_buttons->buttons()) {
            if (button->isChecked())
                chosen << values.value(m_buttons->id(button));
        }
        input.value = chosen.join(QLatin1Char(','));
    }
    input.note = m_note->toPlainText();
    input.method = m_method->currentData().toString();
    input.interviewee = m_interviewee->text().trimmed();
    return input;
}

void QuestionPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (m_buttons) {
        for (auto *button : m_buttons->buttons())
            button->setEnabled(!readOnly);
    }
    if (m_valueEdit)
        m_valueEdit->setReadOnly(readOnly);
    m_note->setReadOnly(readOnly);
    m_method->setEnabled(!readOnly);
    m_interviewee->setReadOnly(readOnly);
}

void QuestionPanel::setUnsavedHint(bool shown)
{
    m_hint->setVisible(shown);
}

bool QuestionPanel::chooseOption(int n)
{
    if (m_readOnly || !m_buttons)
        return false;
    QAbstractButton *button = m_buttons->button(n - 1);
    if (!button || !button->isEnabled())
        return false;
    button->click();
    return true;
}

QList<QAbstractButton *> QuestionPanel::answerButtons() const
{
    return m_buttons ? m_buttons->buttons() : QList<QAbstractButton *>();
}

QString QuestionPanel::questionText() const
{
    return m_text->text();
}

bool QuestionPanel::eventFilter(QObject *watched, QEvent *event)
{
    // A note is saved when the assessor leaves it, not on every keystroke.
    if (watched == m_note && event->type() == QEvent::FocusOut)
        announceEdit();
    return QWidget::eventFilter(watched, event);
}

void QuestionPanel::announceEdit()
{
    if (!m_filling && !m_readOnly && m_question)
        emit edited();
}

} // namespace bulkhead
