#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <array>

class ServerConfig;

enum class OAuthProvider { GitHub, Google, Microsoft };

// One upstream identity provider as configured by OAUTH_<P>_* (issue 3 point 8).
struct ProviderSettings
{
    OAuthProvider id = OAuthProvider::GitHub;
    QString name;      // "github" | "google" | "microsoft" (path segment and oauth_accounts.provider)
    QString envPrefix; // "OAUTH_GITHUB"
    QString clientId;
    QString clientSecret; // never logged, never answered
    QUrl authorizeUrl;
    QUrl tokenUrl;
    QUrl userinfoUrl;
    QUrl emailsUrl;    // GitHub only
    QString tenant;    // Microsoft only
    QString scope;     // space separated
    bool oidc = false; // Google and Microsoft: nonce + id_token

    bool isConfigured() const { return !clientId.isEmpty() && !clientSecret.isEmpty(); }
    QStringList missingVariables() const;
};

// Everything auth reads from the configuration, validated once at startup.
struct AuthSettings
{
    QUrl apiBaseUrl;                         // API_BASE_URL, without a trailing slash
    bool secureCookies = false;              // API_BASE_URL is https
    qint64 accessTokenTtlS = 15 * 60;        // ACCESS_TOKEN_TTL_S
    qint64 refreshAbsoluteTtlS = 30 * 86400; // REFRESH_TOKEN_ABSOLUTE_TTL_S
    qint64 refreshIdleTtlS = 7 * 86400;      // REFRESH_TOKEN_IDLE_TTL_S
    qint64 refreshReuseLeewayS = 0;          // REFRESH_REUSE_LEEWAY_S (0: off, TK-8)
    int accessTokenCacheMs = 5000;           // ACCESS_TOKEN_CACHE_MS: validated-token cache lifetime (0: off)
    qint64 loginTtlS = 10 * 60;              // login transaction (state) lifetime
    qint64 handoffTtlS = 60;                 // native handoff code lifetime
    int providerTimeoutMs = 10000;           // OAUTH_HTTP_TIMEOUT_MS, per provider request
    QByteArray localLoginSecret;             // non-empty enables POST /auth/local
    std::array<ProviderSettings, 3> providers;

    // Throws ConfigError naming the variable.
    static AuthSettings fromConfig(const ServerConfig &config, QByteArray localLoginSecret = {});

    const ProviderSettings *provider(QStringView name) const;
    // ${API_BASE_URL}/api/auth/oauth/<provider>/callback, registered with the provider.
    QString callbackUrl(const ProviderSettings &provider) const;
};

// Reads the secret for `--local-login-secret-file`: the file's bytes without the trailing newline.
// Throws ConfigError("--local-login-secret-file", …) when the file cannot be read, is empty or is
// shorter than 16 bytes.
QByteArray readLocalLoginSecretFile(const QString &path);
