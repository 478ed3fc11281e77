// The demo data compiled into every Bulkhead binary: the demo engagements and their answers.
#pragma once

#include <QString>
#include <QStringList>

namespace bulkhead {

// Qt resource path of the list of demo engagements.
QString demoEngagementsFile();

// Qt resource paths of the demo answers, one file per questionnaire, in interview order.
QStringList demoAnswerFiles();

} // namespace bulkhead
