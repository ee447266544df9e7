#include "authtestenv.h"

#include "apiserver.h"
#include "db/database.h"
#include "http/router.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTcpServer>

AuthServer::~AuthServer()
{
    http.reset();
    ownAuth.reset();
    server.reset();
}

bool AuthServer::start(const TestServer::Variables &variables, const std::shared_ptr<ManualClock> &clock,
                       const DatabaseSettings &database, const QByteArray &localSecret)
{
    TestServer::Variables vars = variables;
    const int port = freePort();
    vars.insert(QStringLiteral("API_PORT"), QString::number(port));
    if (!vars.contains(QStringLiteral("API_BASE_URL")))
        vars.insert(QStringLiteral("API_BASE_URL"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    ApiServerOptions options;
    options.clock = clock;
    options.localLoginSecret = localSecret;
    server = std::make_unique<TestServer>(vars, options, database);
    if (!server->start()) {
        qWarning() << "server did not start:" << server->error();
        return false;
    }
    // ApiServer wires AuthController itself once integrated; until then wire it the same way here.
    Router &router = server->server().router();
    if (!router.match("GET", QStringLiteral("/api/auth/me")).pathExists()) {
        ownAuth = std::make_unique<AuthController>(server->server().database(), server->server().config(),
                                                   clock, localSecret);
        ownAuth->registerRoutes(router);
    }
    base = server->url();
    http = std::make_unique<HttpClient>(base);
    return true;
}

Pkce Pkce::make()
{
    QByteArray raw(32, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    Pkce p;
    p.verifier = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    p.challenge = QCryptographicHash::hash(p.verifier, QCryptographicHash::Sha256)
                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return p;
}

QString pathWithQuery(const QUrl &url)
{
    return QString::fromLatin1(url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
}

int freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}
