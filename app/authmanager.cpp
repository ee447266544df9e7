#include "authmanager.h"
#include "applogging.h"

#include "appcore.h"
#include "tokenstore.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QUrlQuery>

namespace {
QString base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray randomBytes(int n)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(b.data()),
                                         reinterpret_cast<quint32 *>(b.data() + n));
    return b;
}

QString accountSettingsKey(const QUrl &server)
{
    // QSettings keys cannot hold '/' reliably: hash the origin.
    const QByteArray origin =
        server.adjusted(QUrl::RemovePath | QUrl::StripTrailingSlash).toString().toUtf8();
    return QStringLiteral("accounts/") +
           QString::fromLatin1(QCryptographicHash::hash(origin, QCryptographicHash::Sha1).toHex().left(16));
}
} // namespace

AuthManager::AuthManager(ApiClient *api, TokenStore *store, QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_store(store)
    , m_settings(settings)
{
    m_openBrowser = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    connect(m_api, &ApiClient::tokensRefreshed, this, &AuthManager::storeRefreshToken);
    connect(m_api, &ApiClient::signedOut, this,
            [this](const QString &) { forgetSession(tr("Your session has ended. Sign in again.")); });
    if (auto *keychain = qobject_cast<KeychainTokenStore *>(m_store)) {
        connect(keychain, &KeychainTokenStore::unavailable, this, [this](const QString &error) {
            m_keychainNotice =
                tr("The system keychain is unavailable (%1). You stay signed in for this session only.")
                    .arg(error);
            Q_EMIT keychainNoticeChanged();
        });
    }
}

AuthManager::~AuthManager()
{
    stopReceiver();
}

AuthManager *AuthManager::create(QQmlEngine *, QJSEngine *engine)
{
    AuthManager *a = AppCore::instance()->auth();
    QJSEngine::setObjectOwnership(a, QJSEngine::CppOwnership);
    Q_UNUSED(engine)
    return a;
}

bool AuthManager::busy() const
{
    return m_state == Restoring || m_state == WaitingForBrowser || m_state == ExchangingCode ||
           m_state == SigningInLocally || m_state == CheckingServer;
}

QString AuthManager::initials() const
{
    const QString local = m_email.section(QLatin1Char('@'), 0, 0);
    const QStringList parts = local.split(QRegularExpression(QStringLiteral("[._-]")), Qt::SkipEmptyParts);
    QString out;
    for (const QString &p : parts.mid(0, 2))
        out += p.at(0).toUpper();
    return out; // empty (the local user has no email): the avatar shows a user glyph
}

QStringList AuthManager::providers() const
{
    return {QStringLiteral("github"), QStringLiteral("google"), QStringLiteral("microsoft")};
}

QString AuthManager::makeVerifier()
{
    return base64Url(randomBytes(32)); // 43 characters from [A-Za-z0-9-_]
}

QString AuthManager::challengeFor(const QString &verifier)
{
    return base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256));
}

void AuthManager::setState(State s)
{
    if (m_state == s)
        return;
    const bool wasSignedIn = m_state == SignedIn;
    m_state = s;
    Q_EMIT stateChanged();
    if (wasSignedIn != (s == SignedIn))
        Q_EMIT signedInChanged(s == SignedIn);
}

void AuthManager::setError(const QString &message)
{
    if (m_errorMessage == message)
        return;
    m_errorMessage = message;
    Q_EMIT errorMessageChanged();
}

void AuthManager::clearError()
{
    setError({});
}

void AuthManager::signIn(const QString &provider)
{
    if (!providers().contains(provider)) {
        setError(tr("Unknown sign-in provider “%1”.").arg(provider));
        return;
    }
    cancelSignIn();
    setError({});
    m_provider = provider;
    // Ask the server first: against a dead or wrong address the browser would show an error page and
    // the app would wait for a callback that never comes (up to the callback timeout).
    setState(CheckingServer);
    const QUrl server = m_api->baseUrl();
    ApiReply *check = m_api->checkReadiness(server, m_serverCheckTimeoutMs);
    m_pending = check;
    connect(check, &ApiReply::finished, this, [this, check, server, provider] {
        if (check->outcome() == ApiReply::Outcome::Canceled || m_state != CheckingServer)
            return;
        m_pending = nullptr;
        if (check->outcome() == ApiReply::Outcome::NetworkError) {
            setError(tr("The server %1 cannot be reached: %2").arg(server.host(), check->errorMessage()));
            setState(SignedOut);
            return;
        }
        if (!check->isOk()) {
            setError(check->status() == 503
                         ? tr("The server %1 is not ready (its database is unavailable). Try again later.")
                               .arg(server.host())
                         : tr("%1 answered %2 instead of a Parametric Icons server.")
                               .arg(server.host())
                               .arg(check->status()));
            setState(SignedOut);
            return;
        }
        openBrowserFlow(provider);
    });
}

void AuthManager::openBrowserFlow(const QString &provider)
{
    m_verifier = makeVerifier();
    m_appState = base64Url(randomBytes(32));
    m_receiver = new LoopbackReceiver(this);
    m_receiver->setTimeout(m_callbackTimeout);
    QString error;
    if (!m_receiver->start(m_appState, &error)) {
        stopReceiver();
        setError(tr("Could not open the sign-in listener: %1").arg(error));
        return;
    }
    m_redirectUri = m_receiver->redirectUri();
    connect(m_receiver, &LoopbackReceiver::codeReceived, this, &AuthManager::onCode);
    connect(m_receiver, &LoopbackReceiver::failed, this, [this](const QString &message) {
        if (m_state != WaitingForBrowser)
            return;
        stopReceiver();
        setError(message);
        setState(SignedOut);
    });

    // The browser itself starts the flow (redirect=1): the server binds the login transaction to the
    // browser with a cookie, so the app must not fetch the provider URL on the browser's behalf.
    // Nothing secret is in this URL: the challenge is public and the state only names this attempt.
    QUrl url = m_api->baseUrl();
    url.setPath(url.path() + QStringLiteral("/api/auth/oauth/") + provider);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("redirect_uri"),
                   QString::fromLatin1(QUrl::toPercentEncoding(m_redirectUri.toString())));
    q.addQueryItem(QStringLiteral("state"), m_appState);
    q.addQueryItem(QStringLiteral("code_challenge"), challengeFor(m_verifier));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    q.addQueryItem(QStringLiteral("redirect"), QStringLiteral("1"));
    url.setQuery(q);
    m_signInUrl = url;
    setState(WaitingForBrowser);
    m_browserOpened = m_openBrowser && m_openBrowser(url);
    if (!m_browserOpened)
        qCInfo(lcSignIn) << "could not open the system browser; the user can copy the link";
    Q_EMIT stateChanged();
}

void AuthManager::openSignInLinkAgain()
{
    if (m_state == WaitingForBrowser && m_openBrowser) {
        m_browserOpened = m_openBrowser(m_signInUrl);
        Q_EMIT stateChanged();
    }
}

void AuthManager::copySignInLink()
{
    if (!m_signInUrl.isEmpty())
        if (QClipboard *c = QGuiApplication::clipboard())
            c->setText(m_signInUrl.toString(QUrl::FullyEncoded));
}

void AuthManager::cancelSignIn()
{
    if (m_state != WaitingForBrowser && m_state != ExchangingCode && m_state != CheckingServer)
        return;
    stopReceiver();
    if (m_pending)
        m_pending->abort();
    m_verifier.clear();
    m_appState.clear();
    m_signInUrl.clear();
    setState(SignedOut);
}

void AuthManager::stopReceiver()
{
    if (m_receiver) {
        m_receiver->stop();
        m_receiver->deleteLater();
        m_receiver = nullptr;
    }
}

void AuthManager::onCode(const QString &code)
{
    if (m_state != WaitingForBrowser)
        return;
    setState(ExchangingCode);
    const QJsonObject body{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("code_verifier"), m_verifier},
                           {QStringLiteral("redirect_uri"), m_redirectUri.toString()}};
    m_verifier.clear(); // single use
    ApiReply *reply = m_api->post(QStringLiteral("/api/auth/token"), body, ApiClient::Auth::None);
    m_pending = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] {
        // The browser has had its page; the listener keeps answering "already handled" until now.
        stopReceiver();
        if (reply->outcome() == ApiReply::Outcome::Canceled)
            return;
        if (!reply->isOk()) {
            setError(tr("Sign-in failed: %1").arg(reply->errorMessage()));
            setState(SignedOut);
            return;
        }
        acceptTokens(reply->json());
    });
}

void AuthManager::signInLocal(const QByteArray &secret, std::function<void(bool, const QString &)> done)
{
    setError({});
    setState(SigningInLocally);
    ApiReply *reply =
        m_api->post(QStringLiteral("/api/auth/local"),
                    {{QStringLiteral("secret"), QString::fromLatin1(secret)}}, ApiClient::Auth::None);
    m_pending = reply;
    m_localDone = std::move(done);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (!reply->isOk()) {
            const QString message = reply->errorMessage();
            setError(tr("Local sign-in failed: %1").arg(message));
            setState(SignedOut);
            finishLocal(false, message);
            return;
        }
        acceptTokens(reply->json()); // → /me → SignedIn → finishLocal
    });
}

void AuthManager::finishLocal(bool ok, const QString &error)
{
    if (auto done = std::exchange(m_localDone, {}))
        done(ok, error);
}

void AuthManager::acceptTokens(const QJsonObject &json)
{
    const ApiClient::Tokens tokens = ApiClient::Tokens::fromJson(json, QDateTime::currentDateTimeUtc());
    if (tokens.accessToken.isEmpty()) {
        setError(tr("The server sent an invalid session."));
        setState(SignedOut);
        finishLocal(false, m_errorMessage);
        return;
    }
    m_api->setTokens(tokens);
    fetchMe();
}

void AuthManager::fetchMe()
{
    ApiReply *reply = m_api->get(QStringLiteral("/api/auth/me"));
    m_pending = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (reply->isOk()) {
            const QJsonObject me = reply->json();
            m_email = me.value(QStringLiteral("email")).toString();
            m_userId = me.value(QStringLiteral("id")).toString();
            m_settings->setValue(accountSettingsKey(m_api->baseUrl()) + QStringLiteral("/email"), m_email);
            Q_EMIT accountChanged();
            storeRefreshToken();
            setState(SignedIn);
            finishLocal(true, {});
        } else if (reply->outcome() == ApiReply::Outcome::NetworkError && m_api->hasSession()) {
            // Offline with a valid session: stay signed in with the remembered account.
            m_email =
                m_settings->value(accountSettingsKey(m_api->baseUrl()) + QStringLiteral("/email")).toString();
            Q_EMIT accountChanged();
            setState(SignedIn);
            finishLocal(true, {});
        } else if (reply->outcome() != ApiReply::Outcome::Canceled) {
            setError(reply->errorMessage());
            m_api->clearTokens();
            setState(SignedOut);
            finishLocal(false, reply->errorMessage());
        }
    });
}

QString AuthManager::storeKey() const
{
    const QString account =
        m_email.isEmpty()
            ? m_settings->value(accountSettingsKey(m_api->baseUrl()) + QStringLiteral("/email")).toString()
            : m_email;
    return TokenStore::refreshTokenKey(m_api->baseUrl(), account);
}

void AuthManager::storeRefreshToken()
{
    if (!m_persist || m_api->refreshToken().isEmpty() || !m_store)
        return;
    if (m_email.isEmpty())
        return; // the key needs the account: stored once /me answered
    m_store->write(storeKey(), m_api->refreshToken(), [this](TokenStore::Status s, const QString &error) {
        if (s == TokenStore::Status::Unavailable && m_keychainNotice.isEmpty()) {
            m_keychainNotice =
                tr("The system keychain is unavailable (%1). You stay signed in for this session only.")
                    .arg(error);
            Q_EMIT keychainNoticeChanged();
        }
    });
}

void AuthManager::restoreSession()
{
    const QString account =
        m_settings->value(accountSettingsKey(m_api->baseUrl()) + QStringLiteral("/email")).toString();
    if (account.isEmpty() || !m_store || !m_persist) {
        setState(SignedOut);
        return;
    }
    setState(Restoring);
    m_store->read(TokenStore::refreshTokenKey(m_api->baseUrl(), account),
                  [this, account](TokenStore::Status s, const QString &secret, const QString &) {
                      if (m_state != Restoring)
                          return;
                      if (s != TokenStore::Status::Ok || secret.isEmpty()) {
                          setState(SignedOut);
                          return;
                      }
                      m_email = account;
                      Q_EMIT accountChanged();
                      m_api->setTokens({{}, secret, {}});
                      m_api->refreshNow([this](bool ok) {
                          if (m_state != Restoring)
                              return;
                          if (ok)
                              fetchMe();
                          else if (m_api->hasSession())
                              setState(SignedIn); // offline: the session resumes when the server is back
                          // else: signedOut() already reset the state
                      });
                  });
}

void AuthManager::signOut()
{
    cancelSignIn();
    if (m_state != SignedIn)
        return;
    if (m_api->hasSession()) {
        // Revoke server-side first (needs the token), then forget locally whatever the answer.
        ApiReply *reply =
            m_api->request("POST", QStringLiteral("/api/auth/logout"), {}, {}, ApiClient::Auth::Bearer, 5000);
        connect(reply, &ApiReply::finished, this, [this] { forgetSession({}); });
        setState(SignedOut);
        return;
    }
    forgetSession({});
}

void AuthManager::forgetSession(const QString &reason)
{
    if (m_store && m_persist && !m_email.isEmpty())
        m_store->remove(storeKey());
    m_settings->remove(accountSettingsKey(m_api->baseUrl()));
    m_api->clearTokens();
    m_email.clear();
    m_userId.clear();
    Q_EMIT accountChanged();
    if (!reason.isEmpty())
        setError(reason);
    setState(SignedOut);
}
