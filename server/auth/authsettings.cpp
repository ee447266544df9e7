#include "auth/authsettings.h"

#include "core/config.h"

#include <QFile>
#include <QRegularExpression>

namespace {

QUrl endpoint(const ServerConfig &config, const QString &variable, const QString &fallback)
{
    const QString raw = config.value(variable, fallback);
    const QUrl url(raw, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.isRelative() || url.host().isEmpty() ||
        (scheme != u"https" && scheme != u"http") || !url.userInfo().isEmpty() || url.hasFragment())
        throw ConfigError(variable, QStringLiteral("must be an absolute http(s) URL without credentials"));
    return url;
}

// A provider's default endpoints; each is overridable by <envPrefix>_<AUTHORIZE|TOKEN|USERINFO|EMAILS>_URL
// (tests point them at the fake provider).
struct Endpoints
{
    QString authorize;
    QString token;
    QString userinfo;
    QString emails; // GitHub only: its user endpoint may hide the address
};

ProviderSettings provider(const ServerConfig &config, OAuthProvider id, const char *name, const char *scope,
                          bool oidc, const Endpoints &defaults)
{
    ProviderSettings p;
    p.id = id;
    p.name = QString::fromLatin1(name);
    p.envPrefix = QStringLiteral("OAUTH_") + p.name.toUpper();
    p.scope = QString::fromLatin1(scope);
    p.oidc = oidc;
    const auto url = [&](const char *kind, const QString &fallback) {
        return endpoint(config, p.envPrefix + QLatin1Char('_') + QLatin1String(kind) + QStringLiteral("_URL"),
                        fallback);
    };
    p.authorizeUrl = url("AUTHORIZE", defaults.authorize);
    p.tokenUrl = url("TOKEN", defaults.token);
    p.userinfoUrl = url("USERINFO", defaults.userinfo);
    if (!defaults.emails.isEmpty())
        p.emailsUrl = url("EMAILS", defaults.emails);
    return p;
}

ProviderSettings github(const ServerConfig &config)
{
    return provider(config, OAuthProvider::GitHub, "github", "read:user user:email", false,
                    {QStringLiteral("https://github.com/login/oauth/authorize"),
                     QStringLiteral("https://github.com/login/oauth/access_token"),
                     QStringLiteral("https://api.github.com/user"),
                     QStringLiteral("https://api.github.com/user/emails")});
}

ProviderSettings google(const ServerConfig &config)
{
    return provider(config, OAuthProvider::Google, "google", "openid profile email", true,
                    {QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"),
                     QStringLiteral("https://oauth2.googleapis.com/token"),
                     QStringLiteral("https://openidconnect.googleapis.com/v1/userinfo"),
                     {}});
}

ProviderSettings microsoft(const ServerConfig &config)
{
    const QString tenant =
        config.value(QStringLiteral("OAUTH_MICROSOFT_TENANT_ID"), QStringLiteral("common"));
    static const QRegularExpression tenantPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$"));
    if (!tenantPattern.match(tenant).hasMatch())
        throw ConfigError(
            QStringLiteral("OAUTH_MICROSOFT_TENANT_ID"),
            QStringLiteral("must be common, organizations, consumers, a tenant GUID or a domain"));
    const QString base = QStringLiteral("https://login.microsoftonline.com/") + tenant;
    ProviderSettings p = provider(config, OAuthProvider::Microsoft, "microsoft", "openid profile email", true,
                                  {base + QStringLiteral("/oauth2/v2.0/authorize"),
                                   base + QStringLiteral("/oauth2/v2.0/token"),
                                   QStringLiteral("https://graph.microsoft.com/oidc/userinfo"),
                                   {}});
    p.tenant = tenant;
    return p;
}

void readCredentials(const ServerConfig &config, ProviderSettings &p)
{
    p.clientId = config.value(p.envPrefix + QStringLiteral("_CLIENT_ID")).trimmed();
    p.clientSecret = config.value(p.envPrefix + QStringLiteral("_CLIENT_SECRET"));
    for (QChar c : std::as_const(p.clientId)) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            throw ConfigError(p.envPrefix + QStringLiteral("_CLIENT_ID"),
                              QStringLiteral("must be printable ASCII without spaces"));
    }
}

} // namespace

QStringList ProviderSettings::missingVariables() const
{
    QStringList missing;
    if (clientId.isEmpty())
        missing << envPrefix + QStringLiteral("_CLIENT_ID");
    if (clientSecret.isEmpty())
        missing << envPrefix + QStringLiteral("_CLIENT_SECRET");
    return missing;
}

AuthSettings AuthSettings::fromConfig(const ServerConfig &config, QByteArray localLoginSecret)
{
    AuthSettings s;
    QUrl base = config.apiBaseUrl;
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
        throw ConfigError(QStringLiteral("API_BASE_URL"), QStringLiteral("must be an absolute http(s) URL"));
    QString path = base.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    base.setPath(path);
    base.setQuery(QString());
    base.setFragment(QString());
    s.apiBaseUrl = base;
    s.secureCookies = scheme == u"https";

    s.accessTokenTtlS =
        config.intValue(QStringLiteral("ACCESS_TOKEN_TTL_S"), s.accessTokenTtlS, 30, 24 * 3600);
    s.refreshAbsoluteTtlS = config.intValue(QStringLiteral("REFRESH_TOKEN_ABSOLUTE_TTL_S"),
                                            s.refreshAbsoluteTtlS, 60, 365LL * 86400);
    s.refreshIdleTtlS =
        config.intValue(QStringLiteral("REFRESH_TOKEN_IDLE_TTL_S"), s.refreshIdleTtlS, 60, 365LL * 86400);
    s.refreshReuseLeewayS = config.intValue(QStringLiteral("REFRESH_REUSE_LEEWAY_S"), s.refreshReuseLeewayS,
                                            0, 30); // TK-8: ≤ 30 s
    s.accessTokenCacheMs =
        int(config.intValue(QStringLiteral("ACCESS_TOKEN_CACHE_MS"), s.accessTokenCacheMs, 0, 30000));
    s.providerTimeoutMs =
        int(config.intValue(QStringLiteral("OAUTH_HTTP_TIMEOUT_MS"), s.providerTimeoutMs, 100, 120000));

    s.providers = {github(config), google(config), microsoft(config)};
    for (ProviderSettings &p : s.providers)
        readCredentials(config, p);
    s.localLoginSecret = std::move(localLoginSecret);
    return s;
}

const ProviderSettings *AuthSettings::provider(QStringView name) const
{
    for (const ProviderSettings &p : providers) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

QString AuthSettings::callbackUrl(const ProviderSettings &provider) const
{
    return apiBaseUrl.toString(QUrl::FullyEncoded) + QStringLiteral("/api/auth/oauth/") + provider.name +
           QStringLiteral("/callback");
}

QByteArray readLocalLoginSecretFile(const QString &path)
{
    const QString option = QStringLiteral("--local-login-secret-file");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ConfigError(option, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QByteArray secret = file.read(4097);
    if (secret.size() > 4096)
        throw ConfigError(option, QStringLiteral("the secret file is larger than 4 KiB"));
    while (secret.endsWith('\n') || secret.endsWith('\r'))
        secret.chop(1);
    if (secret.size() < 16)
        throw ConfigError(option, QStringLiteral("the secret must be at least 16 bytes"));
    return secret;
}
