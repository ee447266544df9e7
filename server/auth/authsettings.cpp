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

// One provider's defaults. The variable names stay whole literals (not built from the prefix) so
// that a search for OAUTH_GOOGLE_TOKEN_URL finds where it is read (deploy/ checks them too).
struct Endpoint
{
    const char *variable = nullptr; // null: the provider has no such endpoint
    const char *url = nullptr;      // relative to the tenant's base for Microsoft
};

struct ProviderDefaults
{
    OAuthProvider id;
    const char *name;
    const char *envPrefix;
    const char *scope;
    bool oidc;
    Endpoint authorize, token, userinfo, emails;
};

constexpr ProviderDefaults kGitHub{
    OAuthProvider::GitHub,
    "github",
    "OAUTH_GITHUB",
    "read:user user:email",
    false,
    {"OAUTH_GITHUB_AUTHORIZE_URL", "https://github.com/login/oauth/authorize"},
    {"OAUTH_GITHUB_TOKEN_URL", "https://github.com/login/oauth/access_token"},
    {"OAUTH_GITHUB_USERINFO_URL", "https://api.github.com/user"},
    {"OAUTH_GITHUB_EMAILS_URL", "https://api.github.com/user/emails"},
};

constexpr ProviderDefaults kGoogle{
    OAuthProvider::Google,
    "google",
    "OAUTH_GOOGLE",
    "openid profile email",
    true,
    {"OAUTH_GOOGLE_AUTHORIZE_URL", "https://accounts.google.com/o/oauth2/v2/auth"},
    {"OAUTH_GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token"},
    {"OAUTH_GOOGLE_USERINFO_URL", "https://openidconnect.googleapis.com/v1/userinfo"},
    {},
};

// Authorize and token live under the tenant: https://login.microsoftonline.com/<tenant>/…
constexpr ProviderDefaults kMicrosoft{
    OAuthProvider::Microsoft,
    "microsoft",
    "OAUTH_MICROSOFT",
    "openid profile email",
    true,
    {"OAUTH_MICROSOFT_AUTHORIZE_URL", "/oauth2/v2.0/authorize"},
    {"OAUTH_MICROSOFT_TOKEN_URL", "/oauth2/v2.0/token"},
    {"OAUTH_MICROSOFT_USERINFO_URL", "https://graph.microsoft.com/oidc/userinfo"},
    {},
};

ProviderSettings fromDefaults(const ServerConfig &config, const ProviderDefaults &d,
                              const QString &tenantBase = {})
{
    ProviderSettings p;
    p.id = d.id;
    p.name = QLatin1StringView(d.name);
    p.envPrefix = QLatin1StringView(d.envPrefix);
    p.scope = QLatin1StringView(d.scope);
    p.oidc = d.oidc;
    const auto read = [&](const Endpoint &e, const QString &base) {
        return e.variable ? endpoint(config, QLatin1StringView(e.variable), base + QLatin1StringView(e.url))
                          : QUrl();
    };
    p.authorizeUrl = read(d.authorize, tenantBase);
    p.tokenUrl = read(d.token, tenantBase);
    p.userinfoUrl = read(d.userinfo, {});
    p.emailsUrl = read(d.emails, {});
    return p;
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
    ProviderSettings p =
        fromDefaults(config, kMicrosoft, QStringLiteral("https://login.microsoftonline.com/") + tenant);
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

    s.providers = {fromDefaults(config, kGitHub), fromDefaults(config, kGoogle), microsoft(config)};
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
