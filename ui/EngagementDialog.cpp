#include "EngagementDialog.h"

#include "BaselineProfiles.h"
#include "EngagementStore.h"
#include "MessageRow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <iterator>
#include <utility>

namespace bulkhead {

namespace {

// Words for the keys core stores; a key this version does not know shows as itself.
QString valueLabel(const QString &key)
{
    static const std::pair<const char *, const char *> labels[] = {
        {"iaas", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Infrastructure as a service (IaaS)")},
        {"paas", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Platform as a service (PaaS)")},
        {"saas", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Software as a service (SaaS)")},
        {"caas", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Containers as a service (CaaS)")},
        {"typical", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Typical")},
        {"hybrid", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Hybrid")},
        {"traditional", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Traditional")},
        {"converged", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Converged")},
        {"hyperconverged", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Hyper-converged")},
        {"low", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Low")},
        {"moderate", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "Moderate")},
        {"high", QT_TRANSLATE_NOOP("bulkhead::EngagementDialog", "High")},
    };
    for (const auto &[stored, label] : labels) {
        if (key == QLatin1String(stored))
            return EngagementDialog::tr(label);
    }
    return key;
}

QComboBox *keyBox(const QStringList &keys, const QString &current, const QString &accessibleName, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (const QString &key : keys)
        box->addItem(valueLabel(key), key);
    int index = box->findData(current);
    if (index < 0 && !current.isEmpty()) { // stored by a newer version: show it rather than hide it
        box->addItem(current, current);
        index = box->count() - 1;
    }
    box->setCurrentIndex(index);
    box->setAccessibleName(accessibleName);
    return box;
}

QLineEdit *textEdit(const QString &text, const QString &accessibleName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// ISO dates: unambiguous whoever's locale typed them, and what reports and the CLI print.
QDateEdit *dateEdit(const QDate &date, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QDateEdit(date.isValid() ? date : QDate::currentDate(), parent);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
    edit->setAccessibleName(accessibleName);
    edit->setEnabled(date.isValid());
    return edit;
}

QCheckBox *knownBox(const QString &text, bool known, const QString &accessibleName, QDateEdit *date, QWidget *parent)
{
    auto *box = new QCheckBox(text, parent);
    box->setChecked(known);
    box->setAccessibleName(accessibleName);
    box->setToolTip(EngagementDialog::tr("Leave unticked while the date is not known"));
    QObject::connect(box, &QCheckBox::toggled, date, &QWidget::setEnabled);
    return box;
}

} // namespace

EngagementDialog::EngagementDialog(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_library(library)
{
    setWindowTitle(tr("New engagement"));
    build(m_existing);
}

EngagementDialog::EngagementDialog(Workspace &workspace, const ContentLibrary &library, const Engagement &existing, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_library(library), m_existing(existing)
{
    setWindowTitle(tr("Edit engagement %1").arg(existing.id));
    build(existing);
    if (auto editable = EngagementStore(m_workspace).checkEditable(existing.id); !editable) {
        m_frozen = true;
        showError(editable.error().message, nullptr);
        updateState();
    }
}

void EngagementDialog::build(const Engagement &start)
{
    m_client = textEdit(start.client, tr("Client"), tr("Required"), this);
    m_system = textEdit(start.system, tr("System"), tr("Required"), this);
    m_csp = textEdit(start.csp, tr("Cloud service provider"), tr("e.g. Amazon Web Services"), this);
    m_serviceModel = keyBox(engagement_values::serviceModels(), start.serviceModel, tr("Service model"), this);
    m_architecture = keyBox(engagement_values::architectures(), start.architecture, tr("Architecture"), this);
    m_infrastructure = keyBox(engagement_values::infrastructures(), start.infrastructure, tr("Infrastructure"), this);
    m_impact = keyBox(engagement_values::impacts(), start.impact, tr("FIPS 199 impact level"), this);
    m_baseline = new QComboBox(this);
    m_baseline->setAccessibleName(tr("Baseline"));
    m_baseline->setToolTip(tr("The SP 800-53B baseline the engagement is scored on: the built-in one its FIPS 199 level "
                              "selects, or a baseline imported into this workspace"));
    fillBaselines(start.baselineProfile);
    m_assessor = textEdit(start.assessor, tr("Assessor"), tr("Who runs the assessment"), this);
    m_reviewer = textEdit(start.reviewer, tr("Reviewer"), tr("Who approves it"), this);
    m_start = dateEdit(start.periodStart, tr("Assessment period start"), this);
    m_startKnown = knownBox(tr("Period s&tarts:"), start.periodStart.isValid(), tr("Assessment period start is known"), m_start, this);
    m_end = dateEdit(start.periodEnd, tr("Assessment period end"), this);
    m_endKnown = knownBox(tr("Period e&nds:"), start.periodEnd.isValid(), tr("Assessment period end is known"), m_end, this);

    auto *system = new QGroupBox(tr("System under assessment"), this);
    auto *systemForm = new QFormLayout(system);
    systemForm->addRow(tr("&Client:"), m_client);
    systemForm->addRow(tr("&System:"), m_system);
    systemForm->addRow(tr("Cloud &provider:"), m_csp);
    systemForm->addRow(tr("Service &model:"), m_serviceModel);
    systemForm->addRow(tr("&Architecture:"), m_architecture);
    systemForm->addRow(tr("&Infrastructure:"), m_infrastructure);

    auto *assessment = new QGroupBox(tr("Assessment"), this);
    auto *assessmentForm = new QFormLayout(assessment);
    assessmentForm->addRow(tr("FIPS 199 &level:"), m_impact);
    assessmentForm->addRow(tr("&Baseline:"), m_baseline);
    assessmentForm->addRow(tr("Ass&essor:"), m_assessor);
    assessmentForm->addRow(tr("&Reviewer:"), m_reviewer);
    assessmentForm->addRow(m_startKnown, m_start);
    assessmentForm->addRow(m_endKnown, m_end);

    m_errorRow = new MessageRow(tr("Why the engagement was not saved"), this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(isEditing() ? tr("Save") : tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &EngagementDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(system);
    layout->addWidget(assessment);
    layout->addWidget(m_errorRow);
    layout->addStretch();
    layout->addWidget(buttons);

    // The form's reading order, whatever order the widgets were made in.
    QWidget *order[] = {m_client,   m_system,   m_csp,      m_serviceModel, m_architecture, m_infrastructure, m_impact,
                        m_baseline, m_assessor, m_reviewer, m_startKnown,   m_start,        m_endKnown,       m_end};
    for (std::size_t i = 1; i < std::size(order); ++i)
        setTabOrder(order[i - 1], order[i]);

    connect(m_client, &QLineEdit::textChanged, this, &EngagementDialog::updateState);
    connect(m_system, &QLineEdit::textChanged, this, &EngagementDialog::updateState);
    updateState();
    m_client->setFocus();
    resize(520, sizeHint().height());
}

void EngagementDialog::fillBaselines(const QString &current)
{
    m_baseline->addItem(tr("Built-in (from the FIPS 199 level)"), QString());
    auto profiles = BaselineProfiles(m_workspace).list();
    if (!profiles) {
        showError(tr("The imported baselines could not be read: %1").arg(profiles.error().toString()), m_baseline);
    } else {
        for (const BaselineProfile &profile : std::as_const(*profiles)) {
            const QString label = profile.title.isEmpty() ? profile.name : tr("%1 — %2").arg(profile.name, profile.title);
            m_baseline->addItem(label, profile.name);
            m_baseline->setItemData(m_baseline->count() - 1,
                                    tr("Controls: %1. Imported by %2.").arg(profile.controlIds.size()).arg(profile.importedBy),
                                    Qt::ToolTipRole);
        }
    }
    int index = m_baseline->findData(current);
    if (index < 0) { // a name the store will refuse; shown so the refusal makes sense
        m_baseline->addItem(current, current);
        index = m_baseline->count() - 1;
    }
    m_baseline->setCurrentIndex(index);
}

Engagement EngagementDialog::engagement() const
{
    Engagement e = m_existing;
    e.client = m_client->text();
    e.system = m_system->text();
    e.csp = m_csp->text();
    e.serviceModel = m_serviceModel->currentData().toString();
    e.architecture = m_architecture->currentData().toString();
    e.infrastructure = m_infrastructure->currentData().toString();
    e.impact = m_impact->currentData().toString();
    e.baselineProfile = m_baseline->currentData().toString();
    e.assessor = m_assessor->text();
    e.reviewer = m_reviewer->text();
    e.periodStart = m_startKnown->isChecked() ? m_start->date() : QDate();
    e.periodEnd = m_endKnown->isChecked() ? m_end->date() : QDate();
    return e;
}

QString EngagementDialog::errorText() const
{
    return m_errorRow->message();
}

void EngagementDialog::accept()
{
    if (!m_ok->isEnabled())
        return;
    const Engagement e = engagement();
    EngagementStore store(m_workspace);
    if (isEditing()) {
        if (auto saved = store.update(e); !saved)
            return showError(tr("Not saved: %1").arg(saved.error().message), fieldNamedIn(saved.error().message));
        m_savedId = e.id;
    } else {
        auto created = store.create(e, m_library);
        if (!created)
            return showError(tr("Not created: %1").arg(created.error().message), fieldNamedIn(created.error().message));
        m_savedId = *created;
    }
    m_errorRow->hide();
    QDialog::accept();
}

void EngagementDialog::showError(const QString &text, QWidget *field)
{
    m_errorRow->showMessage(text);
    if (field)
        field->setFocus(Qt::OtherFocusReason);
}

// The store names the field it refuses in its message (in English, untranslated): focus that
// field so the user can correct it at once.
QWidget *EngagementDialog::fieldNamedIn(const QString &message) const
{
    const std::pair<const char *, QWidget *> fields[] = {
        {"assessment period", m_endKnown->isChecked() ? static_cast<QWidget *>(m_end) : m_start},
        {"cloud service provider", m_csp},
        {"client", m_client},
        {"system", m_system},
        {"service model", m_serviceModel},
        {"architecture", m_architecture},
        {"infrastructure", m_infrastructure},
        {"impact", m_impact},
        {"baseline", m_baseline},
    };
    for (const auto &[words, field] : fields) {
        if (message.contains(QLatin1String(words), Qt::CaseInsensitive))
            return field;
    }
    return nullptr;
}

void EngagementDialog::updateState()
{
    m_ok->setEnabled(!m_frozen && !m_client->text().trimmed().isEmpty() && !m_system->text().trimmed().isEmpty());
}

} // namespace bulkhead
