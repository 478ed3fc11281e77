#include "SettingsDialog.h"

#include "MessageRow.h"
#include "PoamPolicySettings.h"
#include "ReportDocument.h"
#include "Workspace.h"
#include "WorkspaceSettings.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

const QString kOrganisation = QStringLiteral("report.organisation");
const QString kAccent = QStringLiteral("report.accent");
const QString kClassification = QStringLiteral("report.classification");
const QString kLogo = QStringLiteral("report.logo");

constexpr QSize kPreviewSize(200, 72);

constexpr Level kPoamLevels[] = {Level::VeryHigh, Level::High, Level::Moderate, Level::Low, Level::VeryLow};

// A swatch with a frame in the palette's text colour, so a dark accent shows on a dark palette.
QIcon swatch(const QColor &colour, const QColor &frame)
{
    QPixmap pixmap(24, 16);
    pixmap.fill(colour);
    QPainter painter(&pixmap);
    painter.setPen(frame);
    painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1));
    return QIcon(pixmap);
}

} // namespace

SettingsDialog::SettingsDialog(Workspace &workspace, QWidget *parent) : QDialog(parent), m_workspace(workspace)
{
    setWindowTitle(tr("Workspace settings"));
    const ReportBranding defaults; // what reports print for a setting left empty

    m_path = new QLineEdit(QDir::toNativeSeparators(workspace.path()), this);
    m_path->setReadOnly(true);
    m_path->setAccessibleName(tr("Workspace file"));
    auto *actor = new QLabel(tr("Changes are recorded in the audit trail as %1.").arg(workspace.actor()), this);
    actor->setTextFormat(Qt::PlainText);
    actor->setWordWrap(true);

    m_organisation = new QLineEdit(this);
    m_organisation->setAccessibleName(tr("Organisation"));
    m_organisation->setPlaceholderText(defaults.organisation);
    m_organisation->setToolTip(tr("The firm's name, on every report's cover and header"));
    m_organisation->setMaxLength(200);
    m_classification = new QLineEdit(this);
    m_classification->setAccessibleName(tr("Classification marking"));
    m_classification->setPlaceholderText(defaults.classification);
    m_classification->setToolTip(tr("The marking printed at the top and bottom of every report page"));
    m_classification->setMaxLength(200);
    m_accentButton = new QPushButton(this);
    m_accentButton->setAccessibleName(tr("Accent colour"));
    m_accentButton->setToolTip(tr("The colour of report headings and charts"));

    m_logoPreview = new QLabel(this);
    m_logoPreview->setFixedSize(kPreviewSize);
    m_logoPreview->setAlignment(Qt::AlignCenter);
    m_logoPreview->setFrameShape(QFrame::StyledPanel);
    m_logoPreview->setAccessibleName(tr("Logo preview"));
    m_chooseLogo = new QPushButton(tr("C&hoose…"), this);
    m_chooseLogo->setAccessibleName(tr("Choose a logo file"));
    m_chooseLogo->setToolTip(tr("A PNG image of at most 2 MiB, printed on report covers"));
    m_removeLogo = new QPushButton(tr("Re&move"), this);
    m_removeLogo->setAccessibleName(tr("Remove the logo"));
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logoPreview);
    logoRow->addWidget(m_chooseLogo, 0, Qt::AlignTop);
    logoRow->addWidget(m_removeLogo, 0, Qt::AlignTop);
    logoRow->addStretch();

    const PoamPolicy defaultPolicy;
    auto *poam = new QGroupBox(tr("POA&&M due dates"), this);
    auto *poamForm = new QFormLayout(poam);
    auto *poamNote = new QLabel(tr("Days from detection to the scheduled completion of a POA&M item, by risk level. "
                                   "Approved engagements keep the days they were approved with."),
                                poam);
    poamNote->setTextFormat(Qt::PlainText);
    poamNote->setWordWrap(true);
    poamForm->addRow(poamNote);
    for (Level level : kPoamLevels) {
        auto *days = new QSpinBox(poam);
        days->setRange(1, 3650);
        days->setSuffix(tr(" days"));
        days->setAccessibleName(tr("%1 risk: days to due date").arg(levelLabel(level)));
        days->setToolTip(tr("Default: %1 days").arg(defaultPolicy.dueDays.value(level)));
        m_dueDays.insert(level, days);
        poamForm->addRow(tr("%1:").arg(levelLabel(level)), days);
    }

    auto *where = new QGroupBox(tr("Workspace"), this);
    auto *whereForm = new QFormLayout(where);
    whereForm->addRow(tr("&File:"), m_path);
    whereForm->addRow(actor);

    auto *branding = new QGroupBox(tr("Report branding"), this);
    auto *brandingForm = new QFormLayout(branding);
    brandingForm->addRow(tr("&Organisation:"), m_organisation);
    brandingForm->addRow(tr("&Classification marking:"), m_classification);
    brandingForm->addRow(tr("&Accent colour:"), m_accentButton);
    auto *logoLabel = new QLabel(tr("&Logo:"), this);
    logoLabel->setBuddy(m_chooseLogo);
    brandingForm->addRow(logoLabel, logoRow);

    m_errorRow = new MessageRow(tr("Why the settings were not saved"), this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(where);
    layout->addWidget(branding);
    layout->addWidget(poam);
    layout->addWidget(m_errorRow);
    layout->addStretch();
    layout->addWidget(buttons);

    setTabOrder(m_path, m_organisation);
    setTabOrder(m_organisation, m_classification);
    setTabOrder(m_classification, m_accentButton);
    setTabOrder(m_accentButton, m_chooseLogo);
    setTabOrder(m_chooseLogo, m_removeLogo);
    QWidget *previous = m_removeLogo;
    for (Level level : kPoamLevels) {
        setTabOrder(previous, m_dueDays.value(level));
        previous = m_dueDays.value(level);
    }

    connect(m_accentButton, &QPushButton::clicked, this, &SettingsDialog::pickAccent);
    connect(m_chooseLogo, &QPushButton::clicked, this, &SettingsDialog::pickLogo);
    connect(m_removeLogo, &QPushButton::clicked, this, &SettingsDialog::removeLogo);

    load();
    m_organisation->setFocus();
    resize(560, sizeHint().height());
}

void SettingsDialog::load()
{
    auto all = WorkspaceSettings(m_workspace).all();
    if (!all) {
        showError(tr("The settings could not be read: %1").arg(all.error().toString()), nullptr);
        m_ok->setEnabled(false);
        return;
    }
    m_stored = *all;
    m_organisation->setText(m_stored.value(kOrganisation));
    m_classification->setText(m_stored.value(kClassification));
    m_chosenAccent = QColor();
    showAccent();
    m_logoFile.clear();
    m_logoRemoved = false;
    QPixmap logo;
    logo.loadFromData(QByteArray::fromBase64(m_stored.value(kLogo).toLatin1()));
    showLogo(logo);
    const PoamPolicy defaults;
    for (Level level : kPoamLevels) {
        // A stored value the settings would refuse (edited behind our back) shows the default;
        // saving then replaces it.
        auto days = parsePoamDueDays(poamDueDaysSetting(level), m_stored.value(poamDueDaysSetting(level)));
        m_dueDays.value(level)->setValue(days ? *days : defaults.dueDays.value(level));
    }
}

int SettingsDialog::poamDueDays(Level level) const
{
    return m_dueDays.value(level)->value();
}

void SettingsDialog::setPoamDueDays(Level level, int days)
{
    m_dueDays.value(level)->setValue(days);
}

QString SettingsDialog::organisation() const
{
    return m_organisation->text().trimmed();
}

QString SettingsDialog::classification() const
{
    return m_classification->text().trimmed();
}

QColor SettingsDialog::accent() const
{
    if (m_chosenAccent.isValid())
        return m_chosenAccent;
    const QColor stored(m_stored.value(kAccent));
    return stored.isValid() ? stored : ReportBranding().accent;
}

void SettingsDialog::setAccent(const QColor &colour)
{
    if (!colour.isValid())
        return;
    m_chosenAccent = colour;
    showAccent();
}

void SettingsDialog::showAccent()
{
    const bool isDefault = !m_chosenAccent.isValid() && m_stored.value(kAccent).isEmpty();
    const QString name = accent().name();
    m_accentButton->setText(isDefault ? tr("%1 (default)").arg(name) : name);
    m_accentButton->setIcon(swatch(accent(), palette().color(QPalette::ButtonText)));
    m_accentButton->setAccessibleDescription(m_accentButton->text());
}

void SettingsDialog::pickAccent()
{
    auto *picker = new QColorDialog(accent(), this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setWindowTitle(tr("Accent colour"));
    connect(picker, &QColorDialog::colorSelected, this, &SettingsDialog::setAccent);
    picker->open();
}

void SettingsDialog::pickLogo()
{
    auto *picker = new QFileDialog(this, tr("Choose a logo"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                   tr("PNG images (*.png);;All files (*)"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::ExistingFile);
    picker->setAcceptMode(QFileDialog::AcceptOpen);
    connect(picker, &QFileDialog::fileSelected, this, &SettingsDialog::chooseLogoFile);
    picker->open();
}

bool SettingsDialog::chooseLogoFile(const QString &path)
{
    // Only to show a preview; whether the logo is acceptable is WorkspaceSettings' call, on apply.
    QImageReader reader(path);
    const QImage image = reader.read();
    if (image.isNull()) {
        showError(tr("The logo %1 was not taken: it is not an image (%2).").arg(QDir::toNativeSeparators(path), reader.errorString()),
                  m_chooseLogo);
        return false;
    }
    m_logoFile = path;
    m_logoRemoved = false;
    m_errorRow->hide();
    showLogo(QPixmap::fromImage(image));
    m_logoPreview->setToolTip(QDir::toNativeSeparators(path));
    return true;
}

void SettingsDialog::removeLogo()
{
    m_logoFile.clear();
    m_logoRemoved = true;
    showLogo({});
}

void SettingsDialog::showLogo(const QPixmap &logo)
{
    if (logo.isNull()) {
        m_logoPreview->setPixmap({});
        m_logoPreview->setText(tr("No logo"));
        m_logoPreview->setToolTip({});
    } else {
        m_logoPreview->setPixmap(logo.scaled(kPreviewSize - QSize(8, 8), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    }
    m_logoPreview->setAccessibleDescription(logo.isNull() ? tr("No logo") : tr("The logo reports will carry"));
    m_removeLogo->setEnabled(!logo.isNull());
}

bool SettingsDialog::showsLogo() const
{
    return !m_logoPreview->pixmap().isNull();
}

QString SettingsDialog::errorText() const
{
    return m_errorRow->message();
}

bool SettingsDialog::apply()
{
    struct Change {
        QString key;
        QString value;
        QString input; // as the dialog names it
        QWidget *field;
    };
    QList<Change> changes;
    const auto changed = [this](const QString &key, const QString &value) { return value != m_stored.value(key); };
    if (changed(kOrganisation, organisation()))
        changes.append({kOrganisation, organisation(), tr("Organisation"), m_organisation});
    if (changed(kClassification, classification()))
        changes.append({kClassification, classification(), tr("Classification marking"), m_classification});
    if (m_chosenAccent.isValid() && changed(kAccent, m_chosenAccent.name()))
        changes.append({kAccent, m_chosenAccent.name(), tr("Accent colour"), m_accentButton});
    if (!m_logoFile.isEmpty())
        changes.append({kLogo, m_logoFile, tr("Logo"), m_chooseLogo});
    else if (m_logoRemoved && !m_stored.value(kLogo).isEmpty())
        changes.append({kLogo, QString(), tr("Logo"), m_chooseLogo});
    const PoamPolicy defaults;
    for (Level level : kPoamLevels) {
        const QString key = poamDueDaysSetting(level);
        // Unchanged from what is in force (the setting, else the default): nothing to save,
        // unless what is stored is unreadable.
        const QString stored = m_stored.value(key);
        auto inForce = parsePoamDueDays(key, stored);
        if ((!inForce && !stored.isEmpty()) || poamDueDays(level) != (inForce ? *inForce : defaults.dueDays.value(level)))
            changes.append(
                {key, QString::number(poamDueDays(level)), tr("POA&M due days (%1)").arg(levelLabel(level)), m_dueDays.value(level)});
    }

    // One transaction: a refused input leaves every setting as it was, not half of them changed.
    const Change *refused = nullptr;
    WorkspaceSettings settings(m_workspace);
    const Status saved = m_workspace.write([&]() -> Status {
        for (const Change &change : std::as_const(changes)) {
            if (auto set = settings.set(change.key, change.value); !set) {
                refused = &change;
                return set;
            }
        }
        return {};
    });
    if (!saved) {
        const QString input = refused ? refused->input : tr("Settings");
        showError(tr("Nothing was saved. %1: %2").arg(input, saved.error().toString()), refused ? refused->field : nullptr);
        return false;
    }
    m_errorRow->hide();
    load();
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

void SettingsDialog::showError(const QString &text, QWidget *field)
{
    m_errorRow->showMessage(text);
    if (field)
        field->setFocus(Qt::OtherFocusReason);
}

} // namespace bulkhead
