#include "OscalCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace bulkhead {

namespace {

const QRegularExpression kSp80053Id(QStringLiteral("^([a-z]{2})-(\\d+)(?:\\.(\\d+))?$"));

// The document of one OSCAL file, with errors that say where in it a problem is.
class OscalDocument {
public:
    explicit OscalDocument(QString path) : m_path(std::move(path)) { }

    Result<QJsonObject> root(const char *model)
    {
        QFile f(m_path);
        if (!f.open(QIODevice::ReadOnly))
            return Error {QStringLiteral("cannot read the file: %1").arg(f.errorString()), m_path};
        const QByteArray bytes = f.readAll();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            const QByteArray before = bytes.left(parseError.offset);
            const int line = static_cast<int>(before.count('\n')) + 1;
            const int column = static_cast<int>(parseError.offset - before.lastIndexOf('\n'));
            return Error {QStringLiteral("not valid JSON: %1").arg(parseError.errorString()), m_path, line, column};
        }
        const QJsonValue top = doc.object().value(QLatin1String(model));
        if (!doc.isObject() || !top.isObject())
            return error(QStringLiteral("$"),
                         QStringLiteral("not an OSCAL %1: expected an object with a '%1' member").arg(QLatin1String(model)));
        return top.toObject();
    }

    Error error(const QString &jsonPath, const QString &message) const
    {
        return Error {QStringLiteral("%1: %2").arg(jsonPath, message), m_path};
    }

    // A required string member; an Error naming its path when it is missing or not text.
    Result<QString> text(const QJsonObject &object, const char *key, const QString &path) const
    {
        const QJsonValue v = object.value(QLatin1String(key));
        if (!v.isString() || v.toString().isEmpty())
            return error(QStringLiteral("%1.%2").arg(path, QLatin1String(key)),
                         v.isUndefined() ? QStringLiteral("missing") : QStringLiteral("must be a non-empty string"));
        return v.toString();
    }

    // An optional array member; an Error when present but not an array.
    Result<QJsonArray> array(const QJsonObject &object, const char *key, const QString &path) const
    {
        const QJsonValue v = object.value(QLatin1String(key));
        if (v.isUndefined())
            return QJsonArray();
        if (!v.isArray())
            return error(QStringLiteral("%1.%2").arg(path, QLatin1String(key)), QStringLiteral("must be an array"));
        return v.toArray();
    }

private:
    QString m_path;
};

class CatalogReader {
public:
    explicit CatalogReader(OscalDocument &doc) : m_doc(doc) { }

    Status readGroups(const QJsonObject &parent, const QString &path, OscalCatalog &out)
    {
        auto groups = m_doc.array(parent, "groups", path);
        if (!groups)
            return groups.error();
        for (qsizetype i = 0; i < groups->size(); ++i) {
            const QString at = QStringLiteral("%1.groups[%2]").arg(path).arg(i);
            if (!groups->at(i).isObject())
                return m_doc.error(at, QStringLiteral("must be an object"));
            const QJsonObject group = groups->at(i).toObject();
            ++out.groupCount;
            if (auto nested = readGroups(group, at, out); !nested)
                return nested;
            if (auto controls = readControls(group, at, group.value(QLatin1String("id")).toString(), false, out); !controls)
                return controls;
        }
        return {};
    }

    Status readControls(const QJsonObject &parent, const QString &path, const QString &groupId, bool nested, OscalCatalog &out)
    {
        auto controls = m_doc.array(parent, "controls", path);
        if (!controls)
            return controls.error();
        for (qsizetype i = 0; i < controls->size(); ++i) {
            const QString at = QStringLiteral("%1.controls[%2]").arg(path).arg(i);
            if (!controls->at(i).isObject())
                return m_doc.error(at, QStringLiteral("must be an object"));
            const QJsonObject control = controls->at(i).toObject();
            auto id = m_doc.text(control, "id", at);
            if (!id)
                return id.error();
            auto title = m_doc.text(control, "title", at);
            if (!title)
                return title.error();
            out.controls.append({oscalDisplayId(*id), *id, *title, groupId, nested});
            if (auto enhancements = readControls(control, at, groupId, true, out); !enhancements)
                return enhancements;
        }
        return {};
    }

private:
    OscalDocument &m_doc;
};

} // namespace

QString oscalDisplayId(const QString &oscalId)
{
    const auto m = kSp80053Id.match(oscalId);
    if (!m.hasMatch())
        return oscalId;
    const QString base = m.captured(1).toUpper() + QLatin1Char('-') + m.captured(2);
    return m.captured(3).isEmpty() ? base : base + QLatin1Char('(') + m.captured(3) + QLatin1Char(')');
}

int OscalCatalog::baseControlCount() const
{
    return static_cast<int>(std::count_if(controls.cbegin(), controls.cend(), [](const OscalControl &c) { return !c.enhancement; }));
}

int OscalCatalog::enhancementCount() const
{
    return static_cast<int>(controls.size()) - baseControlCount();
}

Result<OscalCatalog> readOscalCatalog(const QString &path)
{
    OscalDocument doc(path);
    auto root = doc.root("catalog");
    if (!root)
        return root.error();
    OscalCatalog catalog;
    catalog.title = root->value(QLatin1String("metadata")).toObject().value(QLatin1String("title")).toString();
    CatalogReader reader(doc);
    if (auto groups = reader.readGroups(*root, QStringLiteral("$.catalog"), catalog); !groups)
        return groups.error();
    if (auto controls = reader.readControls(*root, QStringLiteral("$.catalog"), {}, false, catalog); !controls)
        return controls.error();
    if (catalog.controls.isEmpty())
        return doc.error(QStringLiteral("$.catalog"), QStringLiteral("holds no controls"));
    return catalog;
}

Result<OscalProfile> readOscalProfile(const QString &path)
{
    OscalDocument doc(path);
    auto root = doc.root("profile");
    if (!root)
        return root.error();
    OscalProfile profile;
    profile.title = root->value(QLatin1String("metadata")).toObject().value(QLatin1String("title")).toString();
    auto imports = doc.array(*root, "imports", QStringLiteral("$.profile"));
    if (!imports)
        return imports.error();
    if (imports->isEmpty())
        return doc.error(QStringLiteral("$.profile.imports"), QStringLiteral("a profile must import at least one catalog"));
    for (qsizetype i = 0; i < imports->size(); ++i) {
        const QString at = QStringLiteral("$.profile.imports[%1]").arg(i);
        auto includes = doc.array(imports->at(i).toObject(), "include-controls", at);
        if (!includes)
            return includes.error();
        for (qsizetype j = 0; j < includes->size(); ++j) {
            const QString includeAt = QStringLiteral("%1.include-controls[%2]").arg(at).arg(j);
            auto ids = doc.array(includes->at(j).toObject(), "with-ids", includeAt);
            if (!ids)
                return ids.error();
            for (qsizetype k = 0; k < ids->size(); ++k) {
                if (!ids->at(k).isString())
                    return doc.error(QStringLiteral("%1.with-ids[%2]").arg(includeAt).arg(k),
                                     QStringLiteral("must be a control id string"));
                profile.controlIds << oscalDisplayId(ids->at(k).toString());
            }
        }
    }
    return profile;
}

Result<OscalProfile> readOscalBaseline(const QString &path)
{
    QFile file(path);
    const bool isCatalog = file.open(QIODevice::ReadOnly)
        && QJsonDocument::fromJson(file.readAll()).object().contains(QLatin1String("catalog"));
    if (!isCatalog)
        return readOscalProfile(path); // also names the file when it is neither, or unreadable
    auto catalog = readOscalCatalog(path);
    if (!catalog)
        return catalog.error();
    OscalProfile selected;
    selected.title = catalog->title;
    for (const auto &c : catalog->controls)
        selected.controlIds << c.id;
    return selected;
}

} // namespace bulkhead
