#include "appsettings.h"
#include "applogging.h"

#include "api/apienums.h"
#include "appcore.h"
#include "net/serverurl.h"
#include "tokenstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace {
QString oneOf(const QString &value, const QStringList &allowed)
{
    return allowed.contains(value) ? value : allowed.first();
}

// The settings that hold one of a few words; the first is the default (and what anything else reads as).
const QStringList &serverModes()
{
    static const QStringList modes{QStringLiteral("integrated"), QStringLiteral("remote")};
    return modes;
}
// The first enumerator of each API enum is its default.
const QStringList &commandModes()
{
    static const QStringList modes = api::names<api::Intent>();
    return modes;
}
const QStringList &outputs()
{
    static const QStringList outputs = api::names<api::Output>();
    return outputs;
}
const QStringList &inks()
{
    static const QStringList inks = api::names<ColorMode>();
    return inks;
}
} // namespace

AppSettings::AppSettings(std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings ? std::move(settings) : std::make_unique<QSettings>())
{}

AppSettings::~AppSettings() = default;

AppSettings *AppSettings::create(QQmlEngine *, QJSEngine *)
{
    AppSettings *s = AppCore::instance()->settings();
    QJSEngine::setObjectOwnership(s, QJSEngine::CppOwnership);
    return s;
}

void AppSettings::setTokenStore(TokenStore *store)
{
    m_store = store;
}

void AppSettings::setServerOverride(const QUrl &url)
{
    m_override = url;
}

QString AppSettings::choice(const char *key, const QStringList &allowed) const
{
    return oneOf(m_settings->value(QLatin1String(key)).toString(), allowed);
}

void AppSettings::setValue(const char *key, const QVariant &value, void (AppSettings::*signal)())
{
    if (m_settings->value(QLatin1String(key)) == value)
        return;
    m_settings->setValue(QLatin1String(key), value);
    Q_EMIT(this->*signal)();
}

QString AppSettings::serverMode() const
{
    return choice("server/mode", serverModes());
}

void AppSettings::setServerMode(const QString &mode)
{
    setValue("server/mode", oneOf(mode, serverModes()), &AppSettings::serverModeChanged);
}

QString AppSettings::serverUrl() const
{
    return m_settings->value(QStringLiteral("server/url")).toString();
}

void AppSettings::setServerUrl(const QString &url)
{
    setValue("server/url", url.trimmed(), &AppSettings::serverUrlChanged);
}

QUrl AppSettings::effectiveServerUrl() const
{
    if (m_override.isValid())
        return m_override;
    if (serverMode() == QLatin1String("remote")) {
        // A saved address that no longer passes (e.g. plain http to another machine, allowed by
        // older versions) falls back to integrated mode rather than sending tokens in clear text.
        const ServerUrl saved = ServerUrl::parse(serverUrl());
        if (saved.isValid())
            return saved.url;
        qCWarning(lcSettings).noquote() << "ignoring the saved server address:" << saved.error;
    }
    return {};
}

bool AppSettings::anthropicKeySet() const
{
    // Only a flag lives here; the key itself is in the keychain.
    return m_settings->value(QStringLiteral("anthropic/keySet")).toBool();
}

void AppSettings::setAnthropicKey(const QString &key)
{
    if (!m_store)
        return;
    const QString trimmed = key.trimmed();
    auto done = [this, set = !trimmed.isEmpty()](TokenStore::Status s, const QString &error) {
        if (s == TokenStore::Status::Unavailable)
            Q_EMIT errorOccurred(
                tr("The system keychain is unavailable (%1): the key is kept for this session only.")
                    .arg(error));
        m_settings->setValue(QStringLiteral("anthropic/keySet"), set);
        Q_EMIT anthropicKeySetChanged();
        Q_EMIT anthropicKeyChanged();
    };
    if (trimmed.isEmpty())
        m_store->remove(TokenStore::anthropicKeyKey(), done);
    else
        m_store->write(TokenStore::anthropicKeyKey(), trimmed, done);
}

void AppSettings::readAnthropicKey(std::function<void(const QString &)> done)
{
    if (!m_store || !anthropicKeySet()) {
        done({});
        return;
    }
    m_store->read(TokenStore::anthropicKeyKey(),
                  [done = std::move(done)](TokenStore::Status, const QString &secret, const QString &) {
                      done(secret);
                  });
}

QString AppSettings::defaultMode() const
{
    return choice("defaults/mode", commandModes());
}
void AppSettings::setDefaultMode(const QString &v)
{
    setValue("defaults/mode", oneOf(v, commandModes()), &AppSettings::defaultModeChanged);
}
QString AppSettings::defaultOutput() const
{
    return choice("defaults/output", outputs());
}
void AppSettings::setDefaultOutput(const QString &v)
{
    setValue("defaults/output", oneOf(v, outputs()), &AppSettings::defaultOutputChanged);
}
QString AppSettings::defaultStyle() const
{
    return choice("defaults/style", inks());
}
void AppSettings::setDefaultStyle(const QString &v)
{
    setValue("defaults/style", oneOf(v, inks()), &AppSettings::defaultStyleChanged);
}
QString AppSettings::theme() const
{
    return choice("ui/theme", inks());
}
void AppSettings::setTheme(const QString &v)
{
    setValue("ui/theme", oneOf(v, inks()), &AppSettings::themeChanged);
}
int AppSettings::historyCacheSize() const
{
    return qBound(10, m_settings->value(QStringLiteral("history/cacheSize"), 200).toInt(), 1000);
}
void AppSettings::setHistoryCacheSize(int v)
{
    setValue("history/cacheSize", qBound(10, v, 1000), &AppSettings::historyCacheSizeChanged);
}
bool AppSettings::sidebarOpen() const
{
    return m_settings->value(QStringLiteral("ui/sidebarOpen"), true).toBool();
}
void AppSettings::setSidebarOpen(bool v)
{
    setValue("ui/sidebarOpen", v, &AppSettings::sidebarOpenChanged);
}
QString AppSettings::sidebarTab() const
{
    return oneOf(m_settings->value(QStringLiteral("ui/sidebarTab")).toString(),
                 {QStringLiteral("history"), QStringLiteral("inspector"), QStringLiteral("library"),
                  QStringLiteral("session")});
}
void AppSettings::setSidebarTab(const QString &v)
{
    setValue("ui/sidebarTab",
             oneOf(v, {QStringLiteral("history"), QStringLiteral("inspector"), QStringLiteral("library"),
                       QStringLiteral("session")}),
             &AppSettings::sidebarTabChanged);
}
bool AppSettings::showGrid() const
{
    return m_settings->value(QStringLiteral("ui/showGrid"), false).toBool();
}
void AppSettings::setShowGrid(bool v)
{
    setValue("ui/showGrid", v, &AppSettings::showGridChanged);
}
bool AppSettings::showBounds() const
{
    return m_settings->value(QStringLiteral("ui/showBounds"), false).toBool();
}
void AppSettings::setShowBounds(bool v)
{
    setValue("ui/showBounds", v, &AppSettings::showBoundsChanged);
}
