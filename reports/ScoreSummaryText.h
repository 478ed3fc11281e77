// A plain-text summary of a scored engagement: what `bulkhead-cli score` prints for people
// (the JSON form is for programs). Fixed-width columns so it reads well in a terminal.
#pragma once

#include <QString>

namespace bulkhead {

struct Engagement;
struct ScoreCard;

QString scoreSummaryText(const Engagement &engagement, const ScoreCard &card);

} // namespace bulkhead
