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

ProviderSettings github(const ServerConfig &config)
{
    ProviderSettings p;
    p.id = OAuthProvider::GitHub;
    p.name = QStringLiteral("github");
    p.envPrefix = QStringLiteral("OAUTH_GITHUB");
    p.scope = QStringLiteral("read:user user:email");
    p.authorizeUrl = endpoint(config, QStringLiteral("OAUTH_GITHUB_AUTHORIZE_URL"),
                              QStringLiteral("https://github.com/login/oauth/authorize"));
    p.tokenUrl = endpoint(config, QStringLiteral("OAUTH_GITHUB_TOKEN_URL"),
                          QStringLiteral("https://github.com/login/oauth/access_token"));
    p.userinfoUrl = endpoint(config, QStringLiteral("OAUTH_GITHUB_USERINFO_URL"),
                             QStringLiteral("https://api.github.com/user"));
    p.emailsUrl = endpoint(config, QStringLiteral("OAUTH_GITHUB_EMAILS_URL"),
                           QStringLiteral("https://api.github.com/user/emails"));
    return p;
}

ProviderSettings google(const ServerConfig &config)
{
    ProviderSettings p;
    p.id = OAuthProvider::Google;
    p.name = QStringLiteral("google");
    p.envPrefix = QStringLiteral("OAUTH_GOOGLE");
    p.scope = QStringLiteral("openid profile email");
    p.oidc = true;
    p.authorizeUrl = endpoint(config, QStringLiteral("OAUTH_GOOGLE_AUTHORIZE_URL"),
                              QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth"));
    p.tokenUrl = endpoint(config, QStringLiteral("OAUTH_GOOGLE_TOKEN_URL"),
                          QStringLiteral("https://oauth2.googleapis.com/token"));
    p.userinfoUrl = endpoint(config, QStringLiteral("OAUTH_GOOGLE_USERINFO_URL"),
                             QStringLiteral("https://openidconnect.googleapis.com/v1/userinfo"));
    return p;
}

ProviderSettings microsoft(const ServerConfig &config)
{
    ProviderSettings p;
    p.id = OAuthProvider::Microsoft;
    p.name = QStringLiteral("microsoft");
    p.envPrefix = QStringLiteral("OAUTH_MICROSOFT");
    p.scope = QStringLiteral("openid profile email");
    p.oidc = true;
    p.tenant = config.value(QStringLiteral("OAUTH_MICROSOFT_TENANT_ID"), QStringLiteral("common"));
    static const QRegularExpression tenantPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$"));
    if (!tenantPattern.match(p.tenant).hasMatch())
        throw ConfigError(
            QStringLiteral("OAUTH_MICROSOFT_TENANT_ID"),
            QStringLiteral("must be common, organizations, consumers, a tenant GUID or a domain"));
    const QString base = QStringLiteral("https://login.microsoftonline.com/") + p.tenant;
    p.authorizeUrl = endpoint(config, QStringLiteral("OAUTH_MICROSOFT_AUTHORIZE_URL"),
                              base + QStringLiteral("/oauth2/v2.0/authorize"));
    p.tokenUrl = endpoint(config, QStringLiteral("OAUTH_MICROSOFT_TOKEN_URL"),
                          base + QStringLiteral("/oauth2/v2.0/token"));
    p.userinfoUrl = endpoint(config, QStringLiteral("OAUTH_MICROSOFT_USERINFO_URL"),
                             QStringLiteral("https://graph.microsoft.com/oidc/userinfo"));
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
