// Synthetic workspaces of a given number of engagements, generated once and cached by the
// backend under a name that encodes the generator's version and the content library's hash, so
// reruns start at once and a changed library or generator makes new ones.
//
// The first engagements (up to 24, the templates) are made through the real stores, answer by
// answer, as an assessor would; the rest copy a template's rows (engagement, pins, answers,
// overrides) and its audit events, re-chained with fresh ids and hashes so `audit verify` holds.
// Then each engagement goes through the real workflow: about 30% stay draft, 30% are submitted
// for review and 40% approved (of those fully answered). Batches of 500 engagements are committed
// together.
#pragma once

#include "ContentLibrary.h"
#include "Result.h"

#include <QString>

namespace bulkhead::bench {

class WorkspaceBackend;

struct SyntheticWorkspace {
    QString name; // in the backend
    int engagements = 0;
    qint64 answers = 0;
    qint64 latencyEngagement = 0; // a draft with every visible question answered
};

class SyntheticWorkspaces {
public:
    SyntheticWorkspaces(const WorkspaceBackend &backend, const ContentLibrary &library);

    // The cached workspace with `engagements` engagements, generated when missing (progress on
    // stderr). Do not change it: copy it first (WorkspaceBackend::copy).
    Result<SyntheticWorkspace> portfolio(int engagements);

    static constexpr int kTemplates = 24;

private:
    Status generate(const QString &name, int engagements);

    const WorkspaceBackend &m_backend;
    const ContentLibrary &m_library;
    QString m_contentKey;
};

} // namespace bulkhead::bench
