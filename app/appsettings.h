#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QSettings>
#include <QUrl>

#include <memory>

class TokenStore;

// User preferences, persisted with QSettings. Secrets (the Anthropic key) go to the keychain
// through TokenStore and are never written here. QML: `AppSettings` singleton.
class AppSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // "integrated" (private database + in-process server) or "remote" (serverUrl)
    Q_PROPERTY(QString serverMode READ serverMode WRITE setServerMode NOTIFY serverModeChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    // true when --server or PARAMETRIC_SERVER_URL overrides the saved choice (show it read-only)
    Q_PROPERTY(bool serverOverridden READ serverOverridden CONSTANT)
    Q_PROPERTY(QString overrideUrl READ overrideUrl CONSTANT)
    // an Anthropic key is stored in the keychain (the key itself never reaches QML)
    Q_PROPERTY(bool anthropicKeySet READ anthropicKeySet NOTIFY anthropicKeySetChanged)
    Q_PROPERTY(
        QString defaultMode READ defaultMode WRITE setDefaultMode NOTIFY defaultModeChanged) // create|refine
    Q_PROPERTY(QString defaultOutput READ defaultOutput WRITE setDefaultOutput NOTIFY
                   defaultOutputChanged) // single|batch
    Q_PROPERTY(
        QString defaultStyle READ defaultStyle WRITE setDefaultStyle NOTIFY defaultStyleChanged) // dark|light
    Q_PROPERTY(QString theme READ theme WRITE setTheme NOTIFY themeChanged)                      // dark|light
    Q_PROPERTY(int historyCacheSize READ historyCacheSize WRITE setHistoryCacheSize NOTIFY
                   historyCacheSizeChanged) // icons kept offline (10–1000)
    // UI state worth keeping across restarts
    Q_PROPERTY(bool sidebarOpen READ sidebarOpen WRITE setSidebarOpen NOTIFY sidebarOpenChanged)
    Q_PROPERTY(QString sidebarTab READ sidebarTab WRITE setSidebarTab NOTIFY
                   sidebarTabChanged) // history|inspector|library|session
    Q_PROPERTY(bool showGrid READ showGrid WRITE setShowGrid NOTIFY showGridChanged)
    Q_PROPERTY(bool showBounds READ showBounds WRITE setShowBounds NOTIFY showBoundsChanged)

public:
    // `settings` null → the default QSettings of the application.
    // No default arguments: with a default constructor Qt 6.4 would build its own instance for QML
    // and ignore create(), so QML and C++ would edit different settings.
    AppSettings(std::unique_ptr<QSettings> settings, QObject *parent);
    ~AppSettings() override;
    static AppSettings *create(QQmlEngine *, QJSEngine *);

    void setTokenStore(TokenStore *store);   // for the Anthropic key
    void setServerOverride(const QUrl &url); // from --server / PARAMETRIC_SERVER_URL (before QML loads)

    QString serverMode() const;
    void setServerMode(const QString &mode);
    QString serverUrl() const;
    void setServerUrl(const QString &url);
    bool serverOverridden() const { return m_override.isValid(); }
    QString overrideUrl() const { return m_override.toString(); }
    // What the app should use now: the override, else the saved remote URL, else empty (= integrated).
    QUrl effectiveServerUrl() const;

    bool anthropicKeySet() const;
    QString defaultMode() const;
    void setDefaultMode(const QString &v);
    QString defaultOutput() const;
    void setDefaultOutput(const QString &v);
    QString defaultStyle() const;
    void setDefaultStyle(const QString &v);
    QString theme() const;
    void setTheme(const QString &v);
    int historyCacheSize() const;
    void setHistoryCacheSize(int v);
    bool sidebarOpen() const;
    void setSidebarOpen(bool v);
    QString sidebarTab() const;
    void setSidebarTab(const QString &v);
    bool showGrid() const;
    void setShowGrid(bool v);
    bool showBounds() const;
    void setShowBounds(bool v);

    // Stores the key in the keychain (empty = remove); the integrated server restarts to pick it up.
    Q_INVOKABLE void setAnthropicKey(const QString &key);
    Q_INVOKABLE void clearAnthropicKey() { setAnthropicKey({}); }
    // C++ only: reads the key for the in-process server.
    void readAnthropicKey(std::function<void(const QString &key)> done);

    QSettings &raw() { return *m_settings; }

Q_SIGNALS:
    void serverModeChanged();
    void serverUrlChanged();
    void anthropicKeySetChanged();
    void anthropicKeyChanged(); // stored or removed: the integrated backend restarts its server
    void defaultModeChanged();
    void defaultOutputChanged();
    void defaultStyleChanged();
    void themeChanged();
    void historyCacheSizeChanged();
    void sidebarOpenChanged();
    void sidebarTabChanged();
    void showGridChanged();
    void showBoundsChanged();
    void errorOccurred(const QString &message); // e.g. the keychain refused the key

private:
    void setValue(const char *key, const QVariant &value, void (AppSettings::*signal)());
    // The value of `key` when it is one of `allowed`, else the first of them (the default).
    QString choice(const char *key, const QStringList &allowed) const;
    std::unique_ptr<QSettings> m_settings;
    TokenStore *m_store = nullptr;
    QUrl m_override;
};
