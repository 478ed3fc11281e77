// The process the kill test (test_kill_writer.cpp) kills: it saves answers to one engagement of a
// workspace in a loop through the real Workspace and AnswerStore, and after each save returns
// prints one line, "saved RUN SAVE QUESTION VALUE REVISION", written straight to stdout with one
// write(2) so that a line is either wholly there or not at all when the process dies.
//
//     answer_writer WORKSPACE ENGAGEMENT RUN
#include "AnswerStore.h"
#include "CrashPlan.h"
#include "Workspace.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

using namespace bulkhead;

namespace {

bool writeLine(const QByteArray &line)
{
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, line.constData() + done, size_t(line.size() - done));
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "answer_writer: %s\n", qUtf8Printable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool idOk = false, runOk = false;
    const qint64 engagement = args.value(2).toLongLong(&idOk);
    const int run = args.value(3).toInt(&runOk);
    if (args.size() != 4 || !idOk || !runOk)
        return fail(QStringLiteral("usage: answer_writer WORKSPACE ENGAGEMENT RUN"));
    const ContentLibrary library = ContentLibrary::builtIn();
    const QStringList questions = crash::plannedQuestions(library);
    if (questions.size() != crash::kQuestions)
        return fail(QStringLiteral("the library has fewer than %1 yes/no questions").arg(crash::kQuestions));
    auto ws = Workspace::open(args.at(1));
    if (!ws)
        return fail(ws.error().toString());
    AnswerStore answers(**ws);
    for (int save = 1;; ++save) {
        const crash::PlannedSave planned = crash::plannedSave(questions, run, save);
        auto saved = answers.save(engagement, {planned.questionId, planned.value, planned.note, {}, {}}, library);
        if (!saved)
            return fail(saved.error().toString());
        const QByteArray line = QStringLiteral("saved %1 %2 %3 %4 %5\n")
                                    .arg(run)
                                    .arg(save)
                                    .arg(planned.questionId, planned.value)
                                    .arg(saved->revision)
                                    .toUtf8();
        if (!writeLine(line))
            return fail(QStringLiteral("cannot write to stdout"));
    }
}
