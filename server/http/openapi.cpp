#include "http/openapi.h"

#include "core/logging.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

void mergeNew(QJsonObject &into, const QJsonObject &from, const QString &where)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (into.contains(it.key()))
            qFatal("OpenAPI: %s defined twice", qPrintable(where + it.key()));
        into.insert(it.key(), it.value());
    }
}

QJsonArray pathParameters(const QString &pattern, const QJsonArray &declared)
{
    QJsonArray parameters = declared;
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
    auto it = placeholder.globalMatch(pattern);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        bool present = false;
        for (const QJsonValue &p : declared) {
            const QJsonObject o = p.toObject();
            present = present || (o.value(QLatin1String("in")) == QLatin1String("path") &&
                                  o.value(QLatin1String("name")) == name);
        }
        if (!present) {
            parameters.append(QJsonObject{
                {QStringLiteral("name"), name},
                {QStringLiteral("in"), QStringLiteral("path")},
                {QStringLiteral("required"), true},
                {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
        }
    }
    return parameters;
}

} // namespace

void OpenApiDocument::add(QByteArrayView part)
{
    if (part.isEmpty())
        return;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(part.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("OpenAPI part is not a JSON object: %s at %d", qPrintable(error.errorString()), error.offset);
    const QJsonObject o = doc.object();
    for (const QJsonValue &tag : o.value(QLatin1String("tags")).toArray())
        m_tags.append(tag);
    const QJsonObject components = o.value(QLatin1String("components")).toObject();
    for (auto section = components.begin(); section != components.end(); ++section) {
        QJsonObject merged = m_components.value(section.key()).toObject();
        mergeNew(merged, section.value().toObject(), section.key() + u'/');
        m_components.insert(section.key(), merged);
    }
    mergeNew(m_operations, o.value(QLatin1String("operations")).toObject(), QString());
}

QString OpenApiDocument::operationKey(const QByteArray &method, const QString &pattern)
{
    return QString::fromLatin1(method.toUpper()) + u' ' + pattern;
}

QJsonObject OpenApiDocument::build(const Router &router, const QString &version) const
{
    const QJsonObject &table = operations();
    QJsonObject paths;
    for (const Router::Route &route : router.routes()) {
        const QString key = operationKey(route.method, route.pattern);
        QJsonObject operation = table.value(key).toObject();
        if (!table.contains(key))
            qCWarning(lcHttp).noquote() << "OpenAPI: no schema details for" << key;
        if (!route.summary.isEmpty())
            operation.insert(QStringLiteral("summary"), route.summary);
        const QJsonArray parameters =
            pathParameters(route.pattern, operation.value(QLatin1String("parameters")).toArray());
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        QJsonObject responses = operation.value(QLatin1String("responses")).toObject();
        if (responses.isEmpty())
            responses.insert(QStringLiteral("default"),
                             QJsonObject{{QStringLiteral("description"), QStringLiteral("Response")}});
        if (route.authenticated) {
            QJsonArray security{QJsonObject{{QStringLiteral("bearerAuth"), QJsonArray()}}};
            if (route.acceptsApiKey)
                security.append(QJsonObject{{QStringLiteral("apiKeyAuth"), QJsonArray()}});
            operation.insert(QStringLiteral("security"), security);
            if (!responses.contains(QLatin1String("401")))
                responses.insert(QStringLiteral("401"),
                                 QJsonObject{{QStringLiteral("$ref"),
                                              QStringLiteral("#/components/responses/Unauthorized")}});
        }
        // A route behind the start-up gate answers 503 while the server starts (the schema is not
        // there yet) or the database is unavailable.
        if (!responses.contains(QLatin1String("503")) && route.gated)
            responses.insert(QStringLiteral("503"),
                             QJsonObject{{QStringLiteral("$ref"),
                                          QStringLiteral("#/components/responses/ServiceUnavailable")}});
        operation.insert(QStringLiteral("responses"), responses);

        QJsonObject item = paths.value(route.pattern).toObject();
        item.insert(QString::fromLatin1(route.method.toLower()), operation);
        paths.insert(route.pattern, item);
    }

    return QJsonObject{
        {QStringLiteral("openapi"), QStringLiteral("3.1.0")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), QStringLiteral("Parametric Icons API")},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("description"),
                      QStringLiteral(
                          "Generate CAD toolbar icons from prompts and keep them. Every error has the body "
                          "{error, message, requestId, _tag}.")}}},
        {QStringLiteral("tags"), m_tags},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"), m_components},
    };
}

QByteArray OpenApiDocument::readPart(const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("OpenAPI part %s is not compiled in", qPrintable(resource));
    return file.readAll();
}
