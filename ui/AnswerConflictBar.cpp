#include "AnswerConflictBar.h"

#include "AnswerLabels.h"
#include "Questionnaire.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>

namespace bulkhead {

namespace {

// "today at 09:40" or "on 3 Feb 2026 at 09:40", in local time.
QString whenText(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    const QString time = QLocale().toString(local.time(), QLocale::ShortFormat);
    if (local.date() == QDate::currentDate())
        return AnswerConflictBar::tr("today at %1").arg(time);
    return AnswerConflictBar::tr("on %1 at %2").arg(QLocale().toString(local.date(), QStringLiteral("d MMM yyyy")), time);
}

} // namespace

AnswerConflictBar::AnswerConflictBar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("answerConflictBar"));
    setFrameShape(QFrame::StyledPanel);
    // Amber: nothing is lost yet, but the assessor has to choose before this answer is saved. The
    // text colour is fixed too, so that a dark theme's light text stays readable on it.
    setStyleSheet(QStringLiteral("#answerConflictBar { background: #fff4e0; border: 1px solid #e0a84a; border-radius: 4px; }"
                                 "#answerConflictBar QLabel { color: #3a2a10; }"));
    auto *layout = new QHBoxLayout(this);
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAccessibleName(tr("Answer changed by someone else"));
    m_keepTheirs = new QPushButton(tr("&Keep theirs"), this);
    m_keepTheirs->setToolTip(tr("Discard your version and show the answer as it is saved now"));
    m_overwrite = new QPushButton(tr("&Overwrite with mine"), this);
    m_overwrite->setToolTip(tr("Save your version in place of theirs; the audit trail keeps both"));
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_keepTheirs);
    layout->addWidget(m_overwrite);
    connect(m_keepTheirs, &QPushButton::clicked, this, &AnswerConflictBar::keepTheirsChosen);
    connect(m_overwrite, &QPushButton::clicked, this, &AnswerConflictBar::overwriteChosen);
    hide();
}

void AnswerConflictBar::showConflict(const Question &question, const Answer &theirs, const std::optional<Answer> &replaced)
{
    const QString who = theirs.answeredBy.isEmpty() ? tr("Someone else") : theirs.answeredBy;
    const QString answer = answer_labels::answerLabel(question, theirs.value);
    const QString when = whenText(theirs.answeredAt);
    QString changed;
    if (replaced && replaced->value == theirs.value) {
        // Same answer, other details: say which, since "changed to" the same answer reads as nothing.
        QStringList details;
        if (replaced->note != theirs.note)
            details << tr("note");
        if (replaced->method != theirs.method)
            details << tr("method");
        if (replaced->interviewee != theirs.interviewee)
            details << tr("interviewee");
        changed = details.isEmpty()
            ? tr("%1 saved this answer again %3, without changing it (“%2”).").arg(who, answer, when)
            : tr("%1 changed the %2 of this answer %3; it is still “%4”.").arg(who, QLocale().createSeparatedList(details), when, answer);
    } else if (!replaced && theirs.revision == 1) {
        changed = tr("%1 answered “%2” %3.").arg(who, answer, when); // both gave a first answer
    } else {
        changed = tr("%1 changed this answer to “%2” %3.").arg(who, answer, when);
    }
    m_text->setText(changed + QLatin1Char('\n') + tr("Your version below has not been saved."));
    show();
}

void AnswerConflictBar::setReadOnly(bool readOnly)
{
    m_overwrite->setEnabled(!readOnly);
}

QString AnswerConflictBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

} // namespace bulkhead
