#include "Engagement.h"

namespace bulkhead {

QString engagementStatusKey(EngagementStatus status)
{
    switch (status) {
    case EngagementStatus::Draft: return QStringLiteral("draft");
    case EngagementStatus::InReview: return QStringLiteral("in_review");
    case EngagementStatus::Approved: return QStringLiteral("approved");
    }
    return {};
}

std::optional<EngagementStatus> parseEngagementStatus(const QString &key)
{
    for (auto s : {EngagementStatus::Draft, EngagementStatus::InReview, EngagementStatus::Approved}) {
        if (engagementStatusKey(s) == key)
            return s;
    }
    return std::nullopt;
}

Baseline Engagement::baseline() const
{
    if (impact == QLatin1String("low"))
        return Baseline::Low;
    if (impact == QLatin1String("high"))
        return Baseline::High;
    return Baseline::Moderate;
}

namespace engagement_values {

const QStringList &architectures()
{
    static const QStringList v = {QStringLiteral("typical"), QStringLiteral("hybrid")};
    return v;
}

const QStringList &infrastructures()
{
    static const QStringList v = {QStringLiteral("traditional"), QStringLiteral("converged"), QStringLiteral("hyperconverged")};
    return v;
}

const QStringList &impacts()
{
    static const QStringList v = {QStringLiteral("low"), QStringLiteral("moderate"), QStringLiteral("high")};
    return v;
}

const QStringList &serviceModels()
{
    static const QStringList v = {QStringLiteral("iaas"), QStringLiteral("paas"), QStringLiteral("saas"), QStringLiteral("caas")};
    return v;
}

const QStringList &methods()
{
    static const QStringList v = {QStringLiteral("examine"), QStringLiteral("interview"), QStringLiteral("test")};
    return v;
}

} // namespace engagement_values

} // namespace bulkhead
