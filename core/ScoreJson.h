// The JSON form of a ScoreCard, as `bulkhead-cli score --json` prints it.
#pragma once

#include <QJsonObject>

namespace bulkhead {

struct Engagement;
struct ScoreCard;

QJsonObject scoreCardToJson(const Engagement &engagement, const ScoreCard &card);

} // namespace bulkhead
