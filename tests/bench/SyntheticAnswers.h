// Realistic synthetic answers: what an assessor records for an engagement, question by question
// in interview order, for the questions its facts make visible. Yes/no questions get a mix seen
// in real assessments (mostly yes, a fair share partial or no, some not applicable); choices,
// notes, methods and interviewees vary. Deterministic for a given seed.
#pragma once

#include "AnswerStore.h"
#include "Engagement.h"

#include <QList>
#include <QString>

#include <random>

namespace bulkhead {
class ContentLibrary;
}

namespace bulkhead::bench {

using Random = std::mt19937;

// `completeness` (0..1) is the share of visible questions answered, from the first on: a draft
// stops part way through the interview, a finished one answers everything.
QList<AnswerInput> syntheticAnswers(const ContentLibrary &content, const Engagement &engagement, double completeness, Random &random);

// A user questionnaire of `questions` yes/no questions (key "bench_extra"), mapped to controls of
// the MODERATE baseline and to catalogued risks, to bring an engagement to a given size.
QString extraQuestionnaireYaml(const ContentLibrary &content, int questions);

// Engagement records of varied clients, providers, architectures and impact levels.
Engagement syntheticEngagement(int index, Random &random);

} // namespace bulkhead::bench
