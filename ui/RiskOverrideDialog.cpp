#include "RiskOverrideDialog.h"

#include "ScoreCard.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QComboBox *levelBox(Level current, const QString &accessibleName, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (int i = static_cast<int>(Level::VeryHigh); i >= static_cast<int>(Level::VeryLow); --i)
        box->addItem(levelLabel(static_cast<Level>(i)), i);
    box->setCurrentIndex(box->findData(static_cast<int>(current)));
    box->setAccessibleName(accessibleName);
    return box;
}

Level levelIn(const QComboBox *box)
{
    return static_cast<Level>(box->currentData().toInt());
}

} // namespace

RiskOverrideDialog::RiskOverrideDialog(const RiskRating &risk, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Override risk rating"));
    auto *intro = new QLabel(tr("<b>%1</b> %2<br>Computed rating: likelihood %3, impact %4, level %5.")
                                 .arg(risk.id.toHtmlEscaped(), risk.title.toHtmlEscaped(), levelLabel(risk.likelihood),
                                      levelLabel(risk.impact), levelLabel(risk.level)),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    m_likelihood = levelBox(risk.likelihood, tr("Likelihood"), this);
    m_impact = levelBox(risk.impact, tr("Impact"), this);
    m_rationale = new QPlainTextEdit(this);
    m_rationale->setAccessibleName(tr("Rationale"));
    m_rationale->setPlaceholderText(tr("Why the computed rating does not fit this engagement (required)"));
    m_rationale->setTabChangesFocus(true);
    m_result = new QLabel(this);

    auto *form = new QFormLayout;
    form->addRow(tr("&Likelihood:"), m_likelihood);
    form->addRow(tr("&Impact:"), m_impact);
    form->addRow(tr("&Rationale:"), m_rationale);
    form->addRow(tr("Resulting level:"), m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Override"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(m_likelihood, &QComboBox::currentIndexChanged, this, &RiskOverrideDialog::updateState);
    connect(m_impact, &QComboBox::currentIndexChanged, this, &RiskOverrideDialog::updateState);
    connect(m_rationale, &QPlainTextEdit::textChanged, this, &RiskOverrideDialog::updateState);
    updateState();
    resize(480, sizeHint().height());
}

Level RiskOverrideDialog::likelihood() const
{
    return levelIn(m_likelihood);
}

Level RiskOverrideDialog::impact() const
{
    return levelIn(m_impact);
}

QString RiskOverrideDialog::rationale() const
{
    return m_rationale->toPlainText().trimmed();
}

void RiskOverrideDialog::setLikelihood(Level level)
{
    m_likelihood->setCurrentIndex(m_likelihood->findData(static_cast<int>(level)));
}

void RiskOverrideDialog::setImpact(Level level)
{
    m_impact->setCurrentIndex(m_impact->findData(static_cast<int>(level)));
}

void RiskOverrideDialog::setRationale(const QString &text)
{
    m_rationale->setPlainText(text);
}

QString RiskOverrideDialog::resultingLevelText() const
{
    return m_result->text();
}

void RiskOverrideDialog::updateState()
{
    // Table I-2 is core's lookup; the dialog only previews what scoring will say.
    m_result->setText(levelLabel(riskLevel(likelihood(), impact())));
    m_ok->setEnabled(!rationale().isEmpty());
}

} // namespace bulkhead
