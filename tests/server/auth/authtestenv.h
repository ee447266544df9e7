#pragma once

#include "auth/authcontroller.h"
#include "fakeoauthprovider.h"
#include "httpclient.h"
#include "scriptedbrowser.h"
#include "testserver.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QUrl>

#include <memory>

// One API server wired like production, with the three fake providers configured purely through
// OAUTH_* variables, and a manual clock.
struct AuthServer
{
    std::unique_ptr<TestServer> server;
    std::unique_ptr<AuthController> ownAuth; // only while ApiServer does not wire auth itself
    std::unique_ptr<HttpClient> http;
    QUrl base;

    ~AuthServer();
    bool start(const TestServer::Variables &variables, const std::shared_ptr<ManualClock> &clock,
               const DatabaseSettings &database, const QByteArray &localSecret = {});
};

// PKCE pair for a native client.
struct Pkce
{
    QByteArray verifier;
    QByteArray challenge;
    static Pkce make();
};

QString pathWithQuery(const QUrl &url);
int freePort();
