#include "DashboardView.h"

#include "Portfolio.h"
#include "PortfolioCache.h"
#include "RiskHeatMap.h"
#include "RiskLevelStyle.h"
#include "StoredEngagement.h"

#include <QComboBox>
#include <QDate>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &accessibleName, QWidget *parent)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setAccessibleName(accessibleName);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem *textItem(const QString &text)
{
    return new QTableWidgetItem(text);
}

QTableWidgetItem *numberItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidgetItem *levelItem(Level level)
{
    auto *item = new QTableWidgetItem(levelLabel(level));
    item->setBackground(riskLevelColor(level));
    item->setForeground(riskLevelTextColor(level));
    item->setTextAlignment(Qt::AlignCenter);
    return item;
}

QString percent(const std::optional<double> &score)
{
    return score ? QLocale().toString(*score, 'f', 1) + QStringLiteral(" %") : DashboardView::tr("not assessed");
}

QString statusLabel(EngagementStatus status)
{
    switch (status) {
    case EngagementStatus::Draft: return DashboardView::tr("Draft");
    case EngagementStatus::InReview: return DashboardView::tr("In review");
    case EngagementStatus::Approved: return DashboardView::tr("Approved");
    }
    return {};
}

QString determinationLabel(ControlDetermination d)
{
    switch (d) {
    case ControlDetermination::Satisfied: return DashboardView::tr("Satisfied");
    case ControlDetermination::OtherThanSatisfied: return DashboardView::tr("Other than satisfied");
    case ControlDetermination::NotAssessed: return DashboardView::tr("Not assessed");
    case ControlDetermination::NotApplicable: return DashboardView::tr("Not applicable");
    }
    return {};
}

// "#2 Harbourline Freight Ltd 2026": the id, the client and the year of the round.
QString roundName(const Engagement &e)
{
    const QString year = e.periodStart.isValid() ? QString::number(e.periodStart.year()) : QString();
    return DashboardView::tr("#%1 %2 %3").arg(e.id).arg(e.client, year).trimmed();
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

DashboardView::DashboardView(Workspace &workspace, const ContentLibrary &library, QWidget *parent)
    : QWidget(parent), m_workspace(workspace), m_library(library), m_cache(std::make_unique<PortfolioCache>()),
      m_portfolio(std::make_unique<Portfolio>())
{
    setAccessibleName(tr("Portfolio dashboard"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);

    m_title = new QLabel(content);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_message = new QLabel(content);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Dashboard message"));
    m_message->hide();
    layout->addWidget(m_title);
    layout->addWidget(m_message);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    auto *riskBox = new QVBoxLayout;
    riskBox->addWidget(heading(tr("Current risks across engagements"), content));
    m_heatMap = new RiskHeatMap(content);
    m_heatMap->setAccessibleName(tr("Portfolio risk heat map"));
    m_heatMap->setMinimumHeight(260);
    m_riskTotal = new QLabel(content);
    riskBox->addWidget(m_heatMap, 1);
    riskBox->addWidget(m_riskTotal);
    grid->addLayout(riskBox, 0, 0);

    auto *side = new QVBoxLayout;
    side->addWidget(heading(tr("Engagements by status"), content));
    m_statuses = makeTable({tr("Status"), tr("Engagements")}, tr("Engagements by status"), content);
    m_statuses->setFixedHeight(m_statuses->horizontalHeader()->sizeHint().height() + 3 * m_statuses->verticalHeader()->defaultSectionSize()
                               + 2 * m_statuses->frameWidth());
    m_statuses->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    side->addWidget(m_statuses);
    side->addSpacing(8);
    side->addWidget(heading(tr("Open POA&M items by due month"), content));
    m_poam = makeTable({tr("Due month"), tr("Open items"), tr("Share")}, tr("Open POA&M items by due month"), content);
    side->addWidget(m_poam, 1);
    grid->addLayout(side, 0, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    layout->addLayout(grid);

    layout->addWidget(heading(tr("Control family scores"), content));
    m_families = makeTable({tr("Control family"), tr("Mean")}, tr("Control family scores across engagements"), content);
    m_families->setMinimumHeight(m_families->verticalHeader()->defaultSectionSize() * 16);
    layout->addWidget(m_families);

    auto *compareBox = new QGroupBox(tr("Compare rounds"), content);
    compareBox->setAccessibleName(tr("Compare rounds"));
    auto *compareLayout = new QVBoxLayout(compareBox);
    auto *choose = new QFormLayout;
    m_earlier = new QComboBox(compareBox);
    m_earlier->setAccessibleName(tr("Earlier round"));
    m_later = new QComboBox(compareBox);
    m_later->setAccessibleName(tr("Later round"));
    choose->addRow(tr("&Earlier round:"), m_earlier);
    choose->addRow(tr("&Later round:"), m_later);
    compareLayout->addLayout(choose);
    m_comparisonSummary = new QLabel(compareBox);
    m_comparisonSummary->setWordWrap(true);
    m_comparisonSummary->setAccessibleName(tr("Comparison summary"));
    compareLayout->addWidget(m_comparisonSummary);
    m_changes
        = makeTable({tr("Change"), tr("Control or risk"), tr("Before"), tr("After")}, tr("What improved and what regressed"), compareBox);
    m_changes->setMinimumHeight(m_changes->verticalHeader()->defaultSectionSize() * 16);
    compareLayout->addWidget(m_changes);
    m_familyDeltas = makeTable({tr("Control family"), tr("Earlier"), tr("Later"), tr("Change")}, tr("Family score changes"), compareBox);
    m_familyDeltas->setMinimumHeight(m_familyDeltas->verticalHeader()->defaultSectionSize() * 10);
    compareLayout->addWidget(m_familyDeltas);
    layout->addWidget(compareBox);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    const auto chosen = [this] { showComparison(); };
    connect(m_earlier, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_later, &QComboBox::currentIndexChanged, this, chosen);
    // No reload() here: the main window reloads the dashboard when its page is first shown, so a
    // start-up does not score every engagement for a page nobody has opened yet.
}

DashboardView::~DashboardView() = default;

QString DashboardView::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

bool DashboardView::inPortfolio(qint64 id) const
{
    return m_cache->entry(id) != nullptr;
}

void DashboardView::reload()
{
    const qint64 earlier = m_earlier->currentData().toLongLong();
    const qint64 later = m_later->currentData().toLongLong();
    // Scoring reads the workspace, whose connection belongs to this thread. After the first
    // load only the engagements changed since are scored again, in milliseconds each. The old
    // portfolio goes first: the cache changes its own copy in place, which this one would share.
    *m_portfolio = Portfolio();
    auto loaded = m_cache->load(m_workspace, m_library);
    if (!loaded) {
        m_cache->clear();
        *m_portfolio = portfolioOf(QList<PortfolioEntry>());
        m_message->setText(tr("Cannot read the workspace: %1").arg(loaded.error().toString()));
        m_message->show();
    } else {
        *m_portfolio = std::move(*loaded);
        m_message->clear();
        m_message->hide();
    }
    showPortfolio();
    fillRoundCombos(earlier, later);
}

void DashboardView::compare(qint64 earlierId, qint64 laterId)
{
    fillRoundCombos(earlierId, laterId);
}

void DashboardView::showPortfolio()
{
    const Portfolio &p = *m_portfolio;
    m_title->setText(p.engagements.size() == 1 ? tr("Portfolio — 1 engagement")
                                               : tr("Portfolio — %1 engagements").arg(p.engagements.size()));

    m_heatMap->setRisks(p.currentRisks);
    m_riskTotal->setText(tr("%1 current risks in %2 engagements").arg(p.riskCount()).arg(p.engagements.size()));

    m_statuses->setRowCount(0);
    for (auto it = p.engagementsByStatus.cbegin(); it != p.engagementsByStatus.cend(); ++it) {
        const int row = m_statuses->rowCount();
        m_statuses->insertRow(row);
        m_statuses->setItem(row, 0, textItem(statusLabel(it.key())));
        m_statuses->setItem(row, 1, numberItem(QString::number(it.value())));
    }

    m_poam->setRowCount(0);
    int most = 1;
    for (int n : p.openPoamByDueMonth)
        most = std::max(most, n);
    const QLocale locale;
    for (auto it = p.openPoamByDueMonth.cbegin(); it != p.openPoamByDueMonth.cend(); ++it) {
        const int row = m_poam->rowCount();
        m_poam->insertRow(row);
        const QDate month = QDate::fromString(it.key() + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
        auto *label = textItem(month.isValid() ? locale.toString(month, QStringLiteral("MMM yyyy")) : tr("No due date"));
        label->setData(Qt::UserRole, it.key());
        m_poam->setItem(row, 0, label);
        m_poam->setItem(row, 1, numberItem(QString::number(it.value())));
        // The bar is a view of the count beside it; it sits over an empty cell of the model.
        auto *bar = new QProgressBar(m_poam);
        bar->setRange(0, most);
        bar->setValue(it.value());
        bar->setTextVisible(false);
        bar->setAccessibleName(tr("%1 open items due %2").arg(it.value()).arg(label->text()));
        m_poam->setCellWidget(row, 2, bar);
    }

    m_families->clear();
    QStringList headers {tr("Control family"), tr("Mean")};
    for (const auto &e : p.engagements)
        headers << roundName(e);
    m_families->setColumnCount(static_cast<int>(headers.size()));
    m_families->setHorizontalHeaderLabels(headers);
    m_families->setRowCount(0);
    QHash<qint64, int> columnOf; // engagement id -> its column
    for (int column = 0; column < p.engagements.size(); ++column)
        columnOf.insert(p.engagements.at(column).id, column + 2);
    for (const auto &family : p.families) {
        const int row = m_families->rowCount();
        m_families->insertRow(row);
        m_families->setItem(row, 0, textItem(QStringLiteral("%1 %2").arg(family.id, family.title)));
        m_families->setItem(row, 1, numberItem(percent(family.meanScore)));
        QList<QString> texts(p.engagements.size(), QStringLiteral("—"));
        for (const auto &[engagement, score] : family.byEngagement) {
            if (const int column = columnOf.value(engagement, -1); column >= 2)
                texts[column - 2] = percent(score);
        }
        for (int column = 0; column < texts.size(); ++column)
            m_families->setItem(row, column + 2, numberItem(texts.at(column)));
    }
}

void DashboardView::fillRoundCombos(qint64 earlierId, qint64 laterId)
{
    if (!inPortfolio(earlierId) || !inPortfolio(laterId) || earlierId == laterId) {
        const auto rounds = latestRounds(m_portfolio->engagements);
        if (rounds) {
            earlierId = rounds->first;
            laterId = rounds->second;
        } else if (m_portfolio->engagements.size() >= 2) {
            earlierId = m_portfolio->engagements.at(0).id;
            laterId = m_portfolio->engagements.at(1).id;
        }
    }
    const QSignalBlocker blockEarlier(m_earlier);
    const QSignalBlocker blockLater(m_later);
    m_earlier->clear();
    m_later->clear();
    for (const auto &e : m_portfolio->engagements) {
        const QString name = roundName(e);
        m_earlier->addItem(name, e.id);
        m_later->addItem(name, e.id);
    }
    m_earlier->setCurrentIndex(m_earlier->findData(earlierId));
    m_later->setCurrentIndex(m_later->findData(laterId));
    showComparison();
}

void DashboardView::showComparison()
{
    m_changes->setRowCount(0);
    m_familyDeltas->setRowCount(0);
    m_comparison.reset();
    const qint64 earlierId = m_earlier->currentData().toLongLong();
    const qint64 laterId = m_later->currentData().toLongLong();
    if (!inPortfolio(earlierId) || !inPortfolio(laterId) || earlierId == laterId) {
        m_comparisonSummary->setText(tr("Choose two different engagements to compare."));
        return;
    }
    // The portfolio keeps no control results: the two rounds are read and scored in full.
    auto earlier = loadAndScore(m_workspace, m_library, earlierId);
    auto later = earlier ? loadAndScore(m_workspace, m_library, laterId) : earlier;
    if (!earlier || !later) {
        m_comparisonSummary->setText(tr("Cannot compare: %1").arg((!earlier ? earlier : later).error().toString()));
        return;
    }
    m_comparison = std::make_unique<RoundComparison>(compareRounds(*earlier, *later));
    const RoundComparison &c = *m_comparison;
    m_comparisonSummary->setText(tr("From %1 to %2: %3 controls improved, %4 regressed; %5 risks fell, %6 rose.")
                                     .arg(roundName(earlier->engagement), roundName(later->engagement))
                                     .arg(c.improved.size())
                                     .arg(c.regressed.size())
                                     .arg(c.risksDown.size())
                                     .arg(c.risksUp.size()));

    const auto addControl = [this](const QString &kind, const ControlChange &change) {
        const int row = m_changes->rowCount();
        m_changes->insertRow(row);
        m_changes->setItem(row, 0, textItem(kind));
        m_changes->setItem(row, 1, textItem(QStringLiteral("%1 %2").arg(change.id, change.title)));
        m_changes->setItem(row, 2, textItem(determinationLabel(change.before)));
        m_changes->setItem(row, 3, textItem(determinationLabel(change.after)));
    };
    const auto addRisk = [this](const QString &kind, const RiskChange &change) {
        const int row = m_changes->rowCount();
        m_changes->insertRow(row);
        m_changes->setItem(row, 0, textItem(kind));
        m_changes->setItem(row, 1, textItem(change.title));
        m_changes->setItem(row, 2, levelItem(change.before));
        m_changes->setItem(row, 3, levelItem(change.after));
    };
    for (const auto &change : c.risksDown)
        addRisk(tr("Risk fell"), change);
    for (const auto &change : c.risksUp)
        addRisk(tr("Risk rose"), change);
    for (const auto &change : c.improved)
        addControl(tr("Control improved"), change);
    for (const auto &change : c.regressed)
        addControl(tr("Control regressed"), change);

    for (const auto &family : c.families) {
        const int row = m_familyDeltas->rowCount();
        m_familyDeltas->insertRow(row);
        m_familyDeltas->setItem(row, 0, textItem(QStringLiteral("%1 %2").arg(family.id, family.title)));
        m_familyDeltas->setItem(row, 1, numberItem(percent(family.before)));
        m_familyDeltas->setItem(row, 2, numberItem(percent(family.after)));
        const auto delta = family.delta();
        QString change = QStringLiteral("—");
        if (delta)
            change = (*delta > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(*delta, 'f', 1);
        m_familyDeltas->setItem(row, 3, numberItem(change));
    }
}

} // namespace bulkhead
