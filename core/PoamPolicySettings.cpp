#include "PoamPolicySettings.h"

#include "WorkspaceSettings.h"

#include <QJsonValue>
#include <QRegularExpression>

namespace bulkhead {

namespace {

constexpr int kMaxDueDays = 3650;

constexpr Level kLevels[] = {Level::VeryHigh, Level::High, Level::Moderate, Level::Low, Level::VeryLow};

} // namespace

QString poamDueDaysSetting(Level level)
{
    return QStringLiteral("poam.due_days.") + levelKey(level);
}

Result<int> parsePoamDueDays(const QString &setting, const QString &value)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,4}$"));
    const QString trimmed = value.trimmed();
    const int days = digits.match(trimmed).hasMatch() ? trimmed.toInt() : 0;
    if (days < 1 || days > kMaxDueDays)
        return Error {QStringLiteral("%1 '%2' is not a whole number of days from 1 to %3").arg(setting, value).arg(kMaxDueDays)};
    return days;
}

Result<PoamPolicy> poamPolicyFromSettings(Workspace &workspace)
{
    QStringList settings;
    for (Level level : kLevels)
        settings.append(poamDueDaysSetting(level));
    auto stored = WorkspaceSettings(workspace).values(settings);
    if (!stored)
        return stored.error();
    PoamPolicy policy;
    for (Level level : kLevels) {
        const QString value = stored->value(poamDueDaysSetting(level));
        if (value.isEmpty())
            continue;
        auto days = parsePoamDueDays(poamDueDaysSetting(level), value);
        if (!days)
            return days.error();
        policy.dueDays.insert(level, *days);
    }
    return policy;
}

QJsonObject poamDueDaysJson(const PoamPolicy &policy)
{
    QJsonObject json;
    for (Level level : kLevels)
        json.insert(levelKey(level), policy.dueDays.value(level));
    return json;
}

PoamPolicy poamPolicyFromJson(const QJsonObject &dueDays)
{
    PoamPolicy policy;
    for (Level level : kLevels) {
        const QJsonValue days = dueDays.value(levelKey(level));
        if (days.isDouble())
            policy.dueDays.insert(level, days.toInt());
    }
    return policy;
}

bool isDefaultPoamPolicy(const PoamPolicy &policy)
{
    return policy.dueDays == PoamPolicy().dueDays;
}

} // namespace bulkhead
