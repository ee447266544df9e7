#pragma once

#include "http/router.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// The OpenAPI 3.1 document of the API, assembled from two sources so that it cannot drift from what
// is served:
//  - the Router's routes: paths, methods, summaries, path parameters, which routes are authenticated
//    (and accept an API key) and which sit behind the startup gate (503);
//  - the parts each controller contributes (Controller::openApi()): its tags, its schemas and the
//    per-route details (bodies, responses) keyed "METHOD /pattern".
// It knows no domain: tst_openapi checks that every route has details and every detail a route, that
// every $ref resolves, and that the API model's schemas match shared/api.
class OpenApiDocument
{
public:
    // Merges one part: {"tags": [...], "components": {section: {name: …}}, "operations": {key: …}}.
    // A name defined twice or a part that is not JSON is a programming error (qFatal at start-up).
    void add(QByteArrayView part);

    const QJsonObject &operations() const { return m_operations; }
    const QJsonObject &components() const { return m_components; }
    static QString operationKey(const QByteArray &method, const QString &pattern);
    // A part as compiled into the binary (each controller's `<name>.openapi.json` beside its code, a
    // Qt resource under :/openapi/); a missing resource is a build error (qFatal at start-up).
    static QByteArray readPart(const QString &resource);
    // The whole document for the routes of `router`.
    QJsonObject build(const Router &router, const QString &version) const;

private:
    QJsonArray m_tags;
    QJsonObject m_components;
    QJsonObject m_operations;
};
