// An engagement: one assessment of one client's system at one cloud service provider.
#pragma once

#include "ControlCatalogue.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace bulkhead {

enum class EngagementStatus { Draft, InReview, Approved };

QString engagementStatusKey(EngagementStatus status); // "draft", "in_review", "approved"
std::optional<EngagementStatus> parseEngagementStatus(const QString &key);

struct Engagement {
    qint64 id = 0;
    QString client;
    QString system;
    QString csp;
    QString serviceModel = QStringLiteral("caas"); // iaas | paas | saas | caas
    QString architecture = QStringLiteral("typical"); // typical | hybrid
    QString infrastructure = QStringLiteral("traditional"); // traditional | converged | hyperconverged
    QString impact = QStringLiteral("moderate"); // FIPS 199: low | moderate | high
    QString assessor;
    QString reviewer;
    // Fieldwork dates; null when not yet known. They tell repeat assessments of one system apart.
    QDate periodStart;
    QDate periodEnd;
    // The name of an imported baseline (BaselineProfiles) used instead of the built-in one;
    // empty: the built-in baseline the FIPS 199 level selects.
    QString baselineProfile;
    EngagementStatus status = EngagementStatus::Draft;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString approvedContentHash; // set on approval

    // The SP 800-53B baseline follows the FIPS 199 level one to one.
    Baseline baseline() const;
};

// Allowed values of the engagement's fields, for validation and help texts.
namespace engagement_values {
const QStringList &architectures();
const QStringList &infrastructures();
const QStringList &impacts();
const QStringList &serviceModels();
const QStringList &methods(); // examine | interview | test
} // namespace engagement_values

} // namespace bulkhead
