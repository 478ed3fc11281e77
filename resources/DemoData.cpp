#include "DemoData.h"

namespace bulkhead {

QString demoEngagementsFile()
{
    return QStringLiteral(":/demo/engagements.yaml");
}

QStringList demoAnswerFiles()
{
    QStringList files;
    for (const char *questionnaire : {"architecture", "hosting", "provider", "data", "images", "infrastructure", "webservers"})
        files << QStringLiteral(":/demo/answers/%1.yaml").arg(QString::fromLatin1(questionnaire));
    return files;
}

} // namespace bulkhead
