// GET /api/openapi.json (issue 4 point 7) against the full ApiServer: an OpenAPI 3.1 document in
// which every registered route is documented (with its schema details from the table) and every
// documented route exists; protected routes declare the bearer scheme; every $ref resolves.
#include "api/apienums.h"
#include "api/icon.h"
#include "http/openapi.h"
#include "http/router.h"
#include "server/httpclient.h"
#include "server/testserver.h"
#include "testaccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

void collectRefs(const QJsonValue &value, QStringList &refs)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("$ref"))
                refs.append(it.value().toString());
            else
                collectRefs(it.value(), refs);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            collectRefs(v, refs);
    }
}

QJsonValue resolvePointer(const QJsonObject &document, const QString &ref)
{
    if (!ref.startsWith(QLatin1String("#/")))
        return QJsonValue::Undefined;
    QJsonValue current = document;
    for (const QString &part : ref.mid(2).split(u'/')) {
        if (!current.isObject())
            return QJsonValue::Undefined;
        current = current.toObject().value(part);
    }
    return current;
}

// A small JSON Schema check, enough for the API model's schemas: $ref, type (also ["string", "null"]),
// enum, const, required, properties, items, oneOf/allOf, minimum/maximum, minItems/maxItems. The
// model's own objects (Icon, IconThumbnail, IconVariant) must also declare every member they carry,
// so a field added on one side only fails here.
class SchemaCheck
{
public:
    explicit SchemaCheck(QJsonObject document)
        : m_document(std::move(document))
    {}

    QStringList errors(const QJsonValue &value, const QString &schemaName) const
    {
        QStringList out;
        check(value, ref(QStringLiteral("#/components/schemas/") + schemaName), schemaName, out);
        return out;
    }

private:
    static QJsonObject ref(const QString &pointer) { return QJsonObject{{QStringLiteral("$ref"), pointer}}; }

    static bool hasType(const QJsonValue &value, const QString &type)
    {
        if (type == u"null")
            return value.isNull();
        if (type == u"string")
            return value.isString();
        if (type == u"boolean")
            return value.isBool();
        if (type == u"object")
            return value.isObject();
        if (type == u"array")
            return value.isArray();
        if (type == u"number")
            return value.isDouble();
        if (type == u"integer")
            return value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
        return false;
    }

    void check(const QJsonValue &value, const QJsonObject &schema, const QString &at, QStringList &out,
               bool strict = false) const
    {
        if (schema.contains(QLatin1String("$ref"))) {
            const QString pointer = schema.value(QLatin1String("$ref")).toString();
            const QString name = pointer.section(u'/', -1);
            const bool model = name == u"Icon" || name == u"IconThumbnail" || name == u"IconVariant";
            check(value, resolvePointer(m_document, pointer).toObject(), at, out, model);
            return;
        }
        const QJsonValue type = schema.value(QLatin1String("type"));
        if (type.isString() && !hasType(value, type.toString()))
            out << at + QStringLiteral(": not ") + type.toString();
        if (type.isArray()) {
            bool any = false;
            for (const QJsonValue &t : type.toArray())
                any = any || hasType(value, t.toString());
            if (!any)
                out << at + QStringLiteral(": wrong type");
        }
        if (schema.contains(QLatin1String("enum")) &&
            !schema.value(QLatin1String("enum")).toArray().contains(value))
            out << at + QStringLiteral(": not in the enum");
        if (schema.contains(QLatin1String("const")) && schema.value(QLatin1String("const")) != value)
            out << at + QStringLiteral(": not the const");
        if (schema.contains(QLatin1String("minimum")) && value.isDouble() &&
            value.toDouble() < schema.value(QLatin1String("minimum")).toDouble())
            out << at + QStringLiteral(": below the minimum");
        if (schema.contains(QLatin1String("maximum")) && value.isDouble() &&
            value.toDouble() > schema.value(QLatin1String("maximum")).toDouble())
            out << at + QStringLiteral(": above the maximum");
        for (const QJsonValue &part : schema.value(QLatin1String("allOf")).toArray())
            check(value, part.toObject(), at, out);
        if (schema.contains(QLatin1String("oneOf"))) {
            int matching = 0;
            for (const QJsonValue &part : schema.value(QLatin1String("oneOf")).toArray()) {
                QStringList partErrors;
                check(value, part.toObject(), at, partErrors);
                matching += partErrors.isEmpty() ? 1 : 0;
            }
            if (matching != 1)
                out << at + QStringLiteral(": matches %1 of oneOf").arg(matching);
        }
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
            for (const QJsonValue &name : schema.value(QLatin1String("required")).toArray()) {
                if (!object.contains(name.toString()))
                    out << at + QStringLiteral(": missing ") + name.toString();
            }
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (properties.contains(it.key()))
                    check(it.value(), properties.value(it.key()).toObject(), at + u'.' + it.key(), out);
                else if (strict)
                    out << at + QStringLiteral(": undeclared member ") + it.key();
            }
        }
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            if (schema.contains(QLatin1String("minItems")) &&
                array.size() < schema.value(QLatin1String("minItems")).toInt())
                out << at + QStringLiteral(": too few items");
            if (schema.contains(QLatin1String("maxItems")) &&
                array.size() > schema.value(QLatin1String("maxItems")).toInt())
                out << at + QStringLiteral(": too many items");
            if (schema.contains(QLatin1String("items"))) {
                for (qsizetype i = 0; i < array.size(); ++i)
                    check(array.at(i), schema.value(QLatin1String("items")).toObject(),
                          at + u'[' + QString::number(i) + u']', out);
            }
        }
    }

    QJsonObject m_document;
};

// Every `enum` list of the document at a member called `member`, anywhere (schemas, parameters).
void collectEnums(const QJsonValue &value, const QString &member, QList<QJsonArray> &found)
{
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            collectEnums(v, member, found);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonObject child = it.value().toObject();
        if (it.key() == member && child.contains(QLatin1String("enum")))
            found << child.value(QLatin1String("enum")).toArray();
        collectEnums(it.value(), member, found);
    }
    // A query parameter: {"name": member, "schema": {"enum": …}}.
    if (o.value(QLatin1String("name")).toString() == member &&
        o.value(QLatin1String("schema")).toObject().contains(QLatin1String("enum")))
        found << o.value(QLatin1String("schema")).toObject().value(QLatin1String("enum")).toArray();
}

template<typename E> void compareEnums(const QJsonObject &document, const QString &member)
{
    QList<QJsonArray> found;
    collectEnums(document, member, found);
    QVERIFY2(!found.isEmpty(), qPrintable(member));
    for (const QJsonArray &list : std::as_const(found))
        QCOMPARE(list, QJsonArray::fromStringList(api::names<E>()));
}

} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    QJsonObject m_document;

private Q_SLOTS:
    void initTestCase()
    {
        // Every optional route enabled: local sign-in exists only with a local-login secret.
        ApiServerOptions options;
        options.localLoginSecret = QByteArrayLiteral("openapi-test-local-secret-0123456789");
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}}, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        HttpClient http(m_server->url());
        const auto r = http.get(QStringLiteral("/api/openapi.json"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        m_document = r.json();
        QVERIFY(!m_document.isEmpty());
    }

    void cleanupTestCase() { m_server.reset(); }

    void isOpenApi31()
    {
        QCOMPARE(m_document.value("openapi").toString(), QStringLiteral("3.1.0"));
        QVERIFY(!m_document.value("info").toObject().value("title").toString().isEmpty());
        QVERIFY(!m_document.value("info").toObject().value("version").toString().isEmpty());
        QCOMPARE(m_document.value("components")
                     .toObject()
                     .value("securitySchemes")
                     .toObject()
                     .value("bearerAuth")
                     .toObject()
                     .value("scheme")
                     .toString(),
                 QStringLiteral("bearer"));
        const QJsonObject apiKey = m_document.value("components")
                                       .toObject()
                                       .value("securitySchemes")
                                       .toObject()
                                       .value("apiKeyAuth")
                                       .toObject();
        QCOMPARE(apiKey.value("type").toString(), QStringLiteral("apiKey"));
        QCOMPARE(apiKey.value("in").toString(), QStringLiteral("header"));
        QCOMPARE(apiKey.value("name").toString(), QStringLiteral("X-API-Key"));
    }

    void everyRegisteredRouteIsDocumented()
    {
        const Router &router = m_server->server().router();
        const QJsonObject paths = m_document.value("paths").toObject();
        const QJsonObject &table = m_server->server().openApi().operations();
        QVERIFY(router.routes().size() >= 20); // auth, icons, health and this document
        QSet<QString> tags;
        for (const Router::Route &route : router.routes()) {
            const QString key = OpenApiDocument::operationKey(route.method, route.pattern);
            QVERIFY2(table.contains(key),
                     qPrintable(key + QStringLiteral(" has no entry in the OpenAPI table")));
            const QJsonObject operation = paths.value(route.pattern)
                                              .toObject()
                                              .value(QString::fromLatin1(route.method.toLower()))
                                              .toObject();
            QVERIFY2(!operation.isEmpty(), qPrintable(key + QStringLiteral(" is missing from the document")));
            QVERIFY2(!operation.value("summary").toString().isEmpty(),
                     qPrintable(key + QStringLiteral(" has no summary")));
            QVERIFY2(!operation.value("operationId").toString().isEmpty(), qPrintable(key));
            QVERIFY2(!operation.value("responses").toObject().isEmpty(), qPrintable(key));
            const QJsonArray tagList = operation.value("tags").toArray();
            QVERIFY2(!tagList.isEmpty(), qPrintable(key));
            tags.insert(tagList[0].toString());
            QCOMPARE(operation.contains("security"), route.authenticated);
            if (route.authenticated)
                QVERIFY2(operation.value("responses").toObject().contains("401"), qPrintable(key));
            // The document offers an API key exactly where the guard takes one: the icon routes,
            // never key management, sessions or sign-in.
            bool documentsApiKey = false;
            for (const QJsonValue &requirement : operation.value("security").toArray())
                documentsApiKey = documentsApiKey || requirement.toObject().contains("apiKeyAuth");
            QVERIFY2(documentsApiKey == route.acceptsApiKey, qPrintable(key));
            QCOMPARE(route.acceptsApiKey, route.pattern.startsWith(QLatin1String("/api/icons")));
            // Every {placeholder} is a declared path parameter.
            for (const QString &segment : route.pattern.split(u'/')) {
                if (!segment.startsWith(u'{'))
                    continue;
                const QString name = segment.mid(1, segment.size() - 2);
                bool declared = false;
                for (const QJsonValue &p : operation.value("parameters").toArray()) {
                    declared = declared || (p.toObject().value("in").toString() == QLatin1String("path") &&
                                            p.toObject().value("name").toString() == name &&
                                            p.toObject().value("required").toBool());
                }
                QVERIFY2(declared, qPrintable(key + QStringLiteral(" does not declare {") + name + u'}'));
            }
        }
        QVERIFY(tags.contains(QStringLiteral("auth")));
        QVERIFY(tags.contains(QStringLiteral("icons")));
        QVERIFY(tags.contains(QStringLiteral("health")));
    }

    void everyDocumentedRouteExists()
    {
        const Router &router = m_server->server().router();
        QSet<QString> registered;
        for (const Router::Route &route : router.routes())
            registered.insert(OpenApiDocument::operationKey(route.method, route.pattern));

        const QJsonObject paths = m_document.value("paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QString key = OpenApiDocument::operationKey(op.key().toLatin1(), path.key());
                QVERIFY2(registered.contains(key),
                         qPrintable(key + QStringLiteral(" is documented but not served")));
            }
        }
        // The table has no entries for routes that do not exist.
        const QJsonObject &table = m_server->server().openApi().operations();
        for (auto it = table.begin(); it != table.end(); ++it)
            QVERIFY2(registered.contains(it.key()),
                     qPrintable(it.key() + QStringLiteral(" is in the table but not served")));
        // And the router dispatches each documented path + method to that route (not 404/405).
        for (const Router::Route &route : router.routes()) {
            QString concrete = route.pattern;
            concrete.replace(QStringLiteral("{provider}"), QStringLiteral("github"));
            static const QRegularExpression placeholder(QStringLiteral("\\{[^}]+\\}"));
            concrete.replace(placeholder, QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d"));
            const Router::Match match = router.match(route.method, concrete);
            QVERIFY2(match.route == &route, qPrintable(route.method + u' ' + concrete));
        }
    }

    void everyReferenceResolves()
    {
        QStringList refs;
        collectRefs(m_document, refs);
        QVERIFY(!refs.isEmpty());
        for (const QString &ref : std::as_const(refs))
            QVERIFY2(!resolvePointer(m_document, ref).isUndefined(), qPrintable(ref));
    }

    // The document describes what this server serves: without a local-login secret there is no
    // POST /api/auth/local, and the document does not pretend otherwise.
    void documentFollowsTheConfiguration()
    {
        QVERIFY(m_document.value("paths").toObject().value("/api/auth/local").toObject().contains("post"));
        TestServer plain(TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}},
                         ApiServerOptions{}, m_server->database());
        QVERIFY2(plain.start(), qPrintable(plain.error()));
        HttpClient http(plain.url());
        const QJsonObject document = http.get(QStringLiteral("/api/openapi.json")).json();
        QVERIFY(document.value("paths").toObject().contains("/api/icons"));
        QVERIFY(!document.value("paths").toObject().contains("/api/auth/local"));
    }

    // The built-in generator's answers are described: interpretation and scenes on icons, and the 422
    // with suggestions on create.
    void interpretationAndPromptNotUnderstoodAreDescribed()
    {
        const QJsonObject schemas = m_document.value("components").toObject().value("schemas").toObject();
        const QJsonObject icon = schemas.value("Icon").toObject().value("properties").toObject();
        QVERIFY(icon.contains("interpretation"));
        const QJsonObject interpretation = schemas.value("Interpretation").toObject();
        for (const char *field : {"summary", "concepts", "parameters", "ignoredWords"})
            QVERIFY2(interpretation.value("required").toArray().contains(QString::fromLatin1(field)), field);
        QVERIFY(schemas.value("IconVariant").toObject().value("properties").toObject().contains("scene"));
        QVERIFY(schemas.contains("Scene"));
        const QJsonObject create =
            m_document.value("paths").toObject().value("/api/icons").toObject().value("post").toObject();
        const QJsonObject unprocessable = create.value("responses").toObject().value("422").toObject();
        QVERIFY(!unprocessable.isEmpty());
        const QString ref = unprocessable.value("content")
                                .toObject()
                                .value("application/json")
                                .toObject()
                                .value("schema")
                                .toObject()
                                .value("$ref")
                                .toString();
        const QJsonObject body = resolvePointer(m_document, ref).toObject();
        QVERIFY(QJsonDocument(body).toJson().contains("suggestions"));
        QVERIFY(QJsonDocument(body).toJson().contains("prompt_not_understood"));
        QVERIFY(QJsonDocument(body).toJson().contains("refine_needs_scene"));
        // Refining a stored icon and editing parameters per variant are in the contract.
        const QJsonObject createBody =
            schemas.value("CreateIconRequest").toObject().value("properties").toObject();
        for (const char *field : {"referenceIcon", "referenceVariant", "referenceScene"})
            QVERIFY2(createBody.contains(QLatin1String(field)), field);
        const QJsonObject patchBody =
            schemas.value("PatchIconRequest").toObject().value("properties").toObject();
        for (const char *field : {"parameters", "variant", "variants", "colorMode"})
            QVERIFY2(patchBody.contains(QLatin1String(field)), field);
        QVERIFY(
            schemas.value("Interpretation").toObject().value("properties").toObject().contains("changes"));
    }

    // The API model of shared/api and the document agree: every enum list is the model's, and what
    // the model writes (api::Icon::toJson) and what the server answers are valid against the
    // published schemas, and the model reads the server's answers back to the same bytes.
    void apiModelEnumsAreTheDocumentsEnums()
    {
        compareEnums<api::Intent>(m_document, QStringLiteral("intent"));
        compareEnums<ColorMode>(m_document, QStringLiteral("colorMode"));
        compareEnums<api::IconSource>(m_document, QStringLiteral("source"));
        compareEnums<api::IconView>(m_document, QStringLiteral("view"));
    }

    void apiModelObjectsMatchTheSchemas()
    {
        const SchemaCheck schemas(m_document);
        api::Icon icon;
        icon.id = QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d");
        icon.prompt = QStringLiteral("gear with eight teeth");
        icon.intent = api::Intent::Refine;
        icon.colorMode = ColorMode::Light;
        icon.source = api::IconSource::Generated;
        icon.selectedVariant = 1;
        icon.createdAt = QDateTime::fromMSecsSinceEpoch(1764900000123, Qt::UTC);
        icon.updatedAt = icon.createdAt.addSecs(5);
        for (int i = 0; i < 2; ++i)
            icon.variants << api::IconVariant{QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c2%1").arg(i),
                                              QStringLiteral("Gear"),
                                              QStringLiteral("<svg/>"),
                                              {QStringLiteral("a finding")},
                                              {}};
        icon.interpretation = QJsonObject{{"summary", "gear"},
                                          {"concepts", QJsonArray()},
                                          {"parameters", QJsonArray()},
                                          {"ignoredWords", QJsonArray()}};
        QCOMPARE(schemas.errors(icon.toJson(), QStringLiteral("Icon")), QStringList());
        icon.complete = false; // the thumbnail shape
        QCOMPARE(schemas.errors(icon.toJson(), QStringLiteral("IconThumbnail")), QStringList());
        QVERIFY(!schemas.errors(icon.toJson(), QStringLiteral("Icon")).isEmpty()); // the check can fail

        // Real answers of the server, written by PostgreSQL.
        TestAccount account =
            createTestAccount(m_server->server().database(), QDateTime::currentDateTimeUtc());
        HttpClient http(m_server->url());
        http.setBearer(account.token);
        const auto created = http.postJson(QStringLiteral("/api/icons"),
                                           {{"prompt", "gear with eight teeth"}, {"variantCount", 2}});
        QCOMPARE(created.status, 201);
        QCOMPARE(schemas.errors(created.json(), QStringLiteral("Icon")), QStringList());
        QCOMPARE(api::Icon::fromJson(created.json()).toJson(), created.json());
        const auto page = http.get(QStringLiteral("/api/icons?view=thumbnail"));
        QCOMPARE(page.status, 200);
        QCOMPARE(schemas.errors(page.json(), QStringLiteral("IconPage")), QStringList());
        const QJsonObject thumbnail = page.json().value("data").toArray().at(0).toObject();
        QCOMPARE(schemas.errors(thumbnail, QStringLiteral("IconThumbnail")), QStringList());
        QCOMPARE(api::Icon::fromJson(thumbnail).toJson(), thumbnail);
    }

    void operationIdsAreUnique()
    {
        QSet<QString> ids;
        const QJsonObject paths = m_document.value("paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                const QString id = op.value().toObject().value("operationId").toString();
                QVERIFY2(!ids.contains(id), qPrintable(id));
                ids.insert(id);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
