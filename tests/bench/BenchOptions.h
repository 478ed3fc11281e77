// The bench's command line.
#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulkhead::bench {

struct BenchOptions {
    int repetitions = 5; // runs behind each median
    bool quick = false; // fewer runs and samples, portfolios up to 1,000 engagements
    QString jsonPath; // empty: no JSON
    QString workDir; // generated workspaces are cached here
    QSet<int> figures; // empty: all
    QList<int> portfolioSizes;
    int latencySamples = 200; // answer saves per run of figure 1
    bool libreOffice = true; // time the LibreOffice DOCX -> PDF path when it is installed
    QString postgres; // a PostgreSQL server for figures 1 and 3 on team workspaces; empty: none

    // Hidden: measure one portfolio load in this (child) process and print it as JSON;
    // childPortfolioMode "cold" (nothing stored) or "warm" (the stored entries read).
    QString childPortfolio;
    QString childPortfolioMode;

    bool wants(int figure) const { return figures.isEmpty() || figures.contains(figure); }
};

// Parses argv; on a usage error or --help prints to stderr/stdout and returns the exit code.
std::optional<int> parseOptions(const QStringList &arguments, BenchOptions &options);

} // namespace bulkhead::bench
