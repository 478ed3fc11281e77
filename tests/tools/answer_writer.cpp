// One writer of the concurrency test (tests/core/test_concurrent_answers.cpp), run as its own
// process so that writers meet only in the database, as colleagues' programs do:
//
//   answer_writer WORKSPACE ENGAGEMENT WRITER COUNT QUESTION...
//
// saves COUNT answers to the engagement, save i to QUESTION[(WRITER * 5 + i) % n], each expecting
// the revision it read just before; on a conflict it reads again and retries. It prints one line
// per acknowledged save, after save() returned (so the answer is durable):
//
//   ack QUESTION REVISION VALUE WRITER SEQUENCE
//
// then "done WRITER CONFLICTS". Exit 0 when all COUNT were saved, 1 with the error on stderr.
#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "Workspace.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "answer_writer: " << message << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    using namespace bulkhead;
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 5)
        return fail(QStringLiteral("usage: answer_writer WORKSPACE ENGAGEMENT WRITER COUNT QUESTION..."));
    bool ok[3] = {false, false, false};
    const qint64 engagement = args.at(1).toLongLong(&ok[0]);
    const int writer = args.at(2).toInt(&ok[1]);
    const int count = args.at(3).toInt(&ok[2]);
    if (!ok[0] || !ok[1] || !ok[2] || count < 0 || writer < 0)
        return fail(
            QStringLiteral("ENGAGEMENT, WRITER and COUNT are whole numbers: '%1' '%2' '%3'").arg(args.at(1), args.at(2), args.at(3)));
    const QStringList questions = args.mid(4);

    WorkspaceOptions options;
    options.actor = QStringLiteral("writer-%1").arg(writer);
    auto opened = Workspace::open(args.at(0), options);
    if (!opened)
        return fail(opened.error().toString());
    Workspace &ws = **opened;
    const ContentLibrary library = ContentLibrary::builtIn();
    AnswerStore store(ws);
    QTextStream out(stdout);
    static const QStringList values = {QStringLiteral("yes"), QStringLiteral("partial"), QStringLiteral("no")};
    int conflicts = 0;
    for (int i = 0; i < count; ++i) {
        const QString &question = questions.at((writer * 5 + i) % questions.size());
        AnswerInput input {
            question, values.at((writer + i) % values.size()), QStringLiteral("writer %1 save %2").arg(writer).arg(i), {}, {}};
        for (int attempt = 0;; ++attempt) {
            auto current = store.answer(engagement, question);
            if (!current)
                return fail(current.error().toString());
            input.expectedRevision = *current ? (*current)->revision : 0;
            auto saved = store.save(engagement, input, library);
            if (saved) {
                out << "ack " << question << ' ' << saved->revision << ' ' << saved->value << ' ' << writer << ' ' << i << Qt::endl;
                break;
            }
            if (saved.error().kind != ErrorKind::Conflict)
                return fail(saved.error().toString());
            ++conflicts;
            if (attempt == 1000)
                return fail(QStringLiteral("save %1 to '%2' met a conflict 1000 times in a row").arg(i).arg(question));
        }
    }
    out << "done " << writer << ' ' << conflicts << Qt::endl;
    return 0;
}
