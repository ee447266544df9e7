#pragma once

#include "apiclient.h"
#include "loopbackreceiver.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QUrl>

#include <functional>

class TokenStore;
class QSettings;

// Sign-in state and flows. QML: `Auth` singleton.
//  Remote: signIn(provider) → PKCE S256 + app state → loopback receiver → system browser at the
//  server's start URL → callback → POST /api/auth/token → refresh token to the keychain, access
//  token in memory → GET /api/auth/me for the email.
//  Integrated: signInLocal(secret) → POST /api/auth/local.
class AuthManager : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Auth)
    QML_SINGLETON
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool signedIn READ signedIn NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged) // restoring, waiting for the browser or exchanging
    Q_PROPERTY(QString email READ email NOTIFY accountChanged)
    Q_PROPERTY(QString initials READ initials NOTIFY accountChanged) // for the avatar: "JD" from john.doe@…
    Q_PROPERTY(QString provider READ provider NOTIFY stateChanged)   // provider of the flow in progress
    // The URL opened in the browser (offer "Copy link" — it carries no secret).
    Q_PROPERTY(QUrl signInUrl READ signInUrl NOTIFY stateChanged)
    // false when the system browser could not be opened: show the link prominently.
    Q_PROPERTY(bool browserOpened READ browserOpened NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    // Non-empty while the keychain is unavailable: "tokens are kept for this session only".
    Q_PROPERTY(QString keychainNotice READ keychainNotice NOTIFY keychainNoticeChanged)
    Q_PROPERTY(QStringList providers READ providers CONSTANT) // github, google, microsoft

public:
    // CheckingServer: signIn() asks the server's readiness before opening the browser.
    enum State {
        SignedOut,
        Restoring,
        WaitingForBrowser,
        ExchangingCode,
        SigningInLocally,
        SignedIn,
        CheckingServer
    };
    Q_ENUM(State)

    AuthManager(ApiClient *api, TokenStore *store, QSettings *settings, QObject *parent = nullptr);
    ~AuthManager() override;
    static AuthManager *create(QQmlEngine *, QJSEngine *);

    State state() const { return m_state; }
    bool signedIn() const { return m_state == SignedIn; }
    bool busy() const;
    QString email() const { return m_email; }
    QString initials() const;
    QString provider() const { return m_provider; }
    QUrl signInUrl() const { return m_signInUrl; }
    bool browserOpened() const { return m_browserOpened; }
    QString errorMessage() const { return m_errorMessage; }
    QString keychainNotice() const { return m_keychainNotice; }
    QStringList providers() const;

    Q_INVOKABLE void signIn(const QString &provider);
    Q_INVOKABLE void cancelSignIn();
    Q_INVOKABLE void copySignInLink();      // to the clipboard
    Q_INVOKABLE void openSignInLinkAgain(); // re-opens the browser
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void clearError();

    // C++ side.
    void restoreSession(); // remote: keychain refresh token → refresh → /me; else SignedOut
    void signInLocal(const QByteArray &secret, std::function<void(bool ok, const QString &error)> done = {});
    void setBrowserOpener(std::function<bool(const QUrl &)> opener) { m_openBrowser = std::move(opener); }
    void setCallbackTimeout(std::chrono::milliseconds t) { m_callbackTimeout = t; }
    void setServerCheckTimeout(int ms) { m_serverCheckTimeoutMs = ms; }
    void setPersistRefreshToken(bool persist) { m_persist = persist; } // off in integrated mode
    LoopbackReceiver *receiver() const { return m_receiver; }          // tests

    // PKCE helpers (RFC 7636): 32 random bytes → 43 base64url chars; S256 challenge.
    static QString makeVerifier();
    static QString challengeFor(const QString &verifier);

Q_SIGNALS:
    void stateChanged();
    void accountChanged();
    void errorMessageChanged();
    void keychainNoticeChanged();
    void signedInChanged(bool signedIn);

private:
    void setState(State s);
    void setError(const QString &message);
    void openBrowserFlow(const QString &provider);
    void onCode(const QString &code);
    void acceptTokens(const QJsonObject &json);
    void fetchMe();
    void finishLocal(bool ok, const QString &error);
    std::function<void(bool, const QString &)> m_localDone;
    void storeRefreshToken();
    void forgetSession(const QString &reason);
    void stopReceiver();
    QString storeKey() const;

    ApiClient *m_api;
    TokenStore *m_store;
    QSettings *m_settings;
    State m_state = SignedOut;
    QString m_email;
    QString m_userId;
    QString m_provider;
    QUrl m_signInUrl;
    bool m_browserOpened = true;
    QString m_errorMessage;
    QString m_keychainNotice;
    QString m_verifier;
    QString m_appState;
    QUrl m_redirectUri;
    bool m_persist = true;
    QPointer<LoopbackReceiver> m_receiver;
    QPointer<ApiReply> m_pending;
    std::function<bool(const QUrl &)> m_openBrowser;
    std::chrono::milliseconds m_callbackTimeout{std::chrono::minutes(5)};
    int m_serverCheckTimeoutMs = 5000;
};
