#include "apikeymodel.h"

#include "appcore.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLocale>

namespace {

QDateTime parseTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString date(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime().date(), QLocale::ShortFormat);
}

QString dateTime(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

ApiKeyModel::Key ApiKeyModel::Key::fromJson(const QJsonObject &o)
{
    Key k;
    k.id = o.value(QLatin1String("id")).toString();
    k.name = o.value(QLatin1String("name")).toString();
    k.prefix = o.value(QLatin1String("prefix")).toString();
    k.createdAt = parseTime(o.value(QLatin1String("createdAt")));
    k.lastUsedAt = parseTime(o.value(QLatin1String("lastUsedAt")));
    k.expiresAt = parseTime(o.value(QLatin1String("expiresAt")));
    k.expired = o.value(QLatin1String("expired")).toBool();
    return k;
}

ApiKeyModel::ApiKeyModel(ApiClient *api, QObject *parent)
    : ListModel(parent)
    , m_api(api)
{
    setRoles(
        {
            {IdRole, "keyId", field(m_keys, [](const Key &k) { return k.id; })},
            {NameRole, "name", field(m_keys, [](const Key &k) { return k.name; })},
            {PrefixRole, "prefix", field(m_keys, [](const Key &k) { return k.prefix; })},
            {CreatedAtRole, "createdAt",
             field(m_keys, [](const Key &k) { return k.createdAt.toLocalTime(); })},
            {LastUsedAtRole, "lastUsedAt",
             field(m_keys,
                   [](const Key &k) {
                       return k.lastUsedAt.isValid() ? QVariant(k.lastUsedAt.toLocalTime()) : QVariant();
                   })},
            {ExpiresAtRole, "expiresAt",
             field(m_keys,
                   [](const Key &k) {
                       return k.expiresAt.isValid() ? QVariant(k.expiresAt.toLocalTime()) : QVariant();
                   })},
            {ExpiredRole, "expired", field(m_keys, [](const Key &k) { return k.expired; })},
            {StatusRole, "status",
             field(
                 m_keys,
                 [](const Key &k) { return statusText(k.createdAt, k.lastUsedAt, k.expiresAt, k.expired); })},
            {RevokingRole, "revoking",
             field(m_keys, [this](const Key &k) { return m_revoking.contains(k.id); })},
        },
        NameRole);
}

ApiKeyModel *ApiKeyModel::create(QQmlEngine *, QJSEngine *)
{
    ApiKeyModel *model = AppCore::instance()->apiKeys();
    QJSEngine::setObjectOwnership(model, QJSEngine::CppOwnership);
    return model;
}

QString ApiKeyModel::statusText(const QDateTime &createdAt, const QDateTime &lastUsedAt,
                                const QDateTime &expiresAt, bool expired)
{
    QStringList parts;
    if (createdAt.isValid())
        parts << tr("Created %1").arg(date(createdAt));
    parts << (lastUsedAt.isValid() ? tr("Last used %1").arg(dateTime(lastUsedAt)) : tr("Never used"));
    if (!expiresAt.isValid())
        parts << tr("Never expires");
    else
        parts << (expired ? tr("Expired %1") : tr("Expires %1")).arg(date(expiresAt));
    return parts.join(QStringLiteral(" · "));
}

QVariantList ApiKeyModel::expiryOptions() const
{
    // Values are strings: the choice controls compare them with the selected value as text.
    auto option = [](int days, const QString &text) {
        return QVariantMap{{QStringLiteral("value"), QString::number(days)}, {QStringLiteral("text"), text}};
    };
    return {option(0, tr("Never")), option(30, tr("30 days")), option(90, tr("90 days")),
            option(365, tr("1 year"))};
}

QString ApiKeyModel::usageExample() const
{
    if (m_newKey.isEmpty())
        return {};
    const QString base = m_api->baseUrl().toString(QUrl::StripTrailingSlash);
    return QStringLiteral("curl -H \"X-API-Key: %1\" -H \"Content-Type: application/json\" "
                          "-d '{\"prompt\":\"fillet two curves\"}' %2/api/icons")
        .arg(m_newKey, base);
}

int ApiKeyModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_keys.size(); ++i) {
        if (m_keys.at(i).id == id)
            return i;
    }
    return -1;
}

void ApiKeyModel::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged();
}

void ApiKeyModel::clearError()
{
    setError({});
}

void ApiKeyModel::refresh()
{
    if (m_listReply)
        m_listReply->abort();
    ApiReply *reply = m_api->get(QStringLiteral("/api/auth/api-keys"));
    m_listReply = reply;
    Q_EMIT loadingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply] {
        if (m_listReply == reply)
            m_listReply = nullptr;
        if (reply->outcome() == ApiReply::Outcome::Canceled) {
            Q_EMIT loadingChanged();
            return;
        }
        if (!reply->isOk()) {
            setError(tr("Could not load your API keys: %1").arg(reply->errorMessage()));
            Q_EMIT loadingChanged();
            return;
        }
        beginResetModel();
        m_keys.clear();
        for (const QJsonValue &v : reply->json().value(QLatin1String("data")).toArray())
            m_keys << Key::fromJson(v.toObject());
        endResetModel();
        m_loaded = true;
        setError({});
        Q_EMIT countChanged();
        Q_EMIT loadingChanged();
    });
}

void ApiKeyModel::createKey(const QString &name, int expiresInDays)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || m_createReply)
        return;
    QJsonObject body{{QStringLiteral("name"), trimmed}};
    if (expiresInDays > 0)
        body.insert(QStringLiteral("expiresAt"),
                    QDateTime::currentDateTimeUtc().addDays(expiresInDays).toString(Qt::ISODateWithMs));
    ApiReply *reply = m_api->post(QStringLiteral("/api/auth/api-keys"), body);
    m_createReply = reply;
    Q_EMIT workingChanged();
    connect(reply, &ApiReply::finished, this, [this, reply] {
        m_createReply = nullptr;
        Q_EMIT workingChanged();
        if (reply->outcome() == ApiReply::Outcome::Canceled)
            return;
        if (!reply->isOk()) {
            const QString message = reply->errorMessage();
            setError(message);
            Q_EMIT failed(message);
            return;
        }
        const QJsonObject json = reply->json();
        const Key key = Key::fromJson(json);
        beginInsertRows({}, 0, 0);
        m_keys.prepend(key);
        endInsertRows();
        Q_EMIT countChanged();
        m_newKey = json.value(QLatin1String("key")).toString();
        m_newKeyName = key.name;
        Q_EMIT newKeyChanged();
        setError({});
        Q_EMIT created(key.name);
    });
}

void ApiKeyModel::revoke(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0 || m_revoking.contains(id))
        return;
    const QString name = m_keys.at(row).name;
    m_revoking.insert(id);
    Q_EMIT dataChanged(index(row), index(row), {RevokingRole});
    Q_EMIT workingChanged();
    ApiReply *reply = m_api->deleteResource(QStringLiteral("/api/auth/api-keys/") + id);
    connect(reply, &ApiReply::finished, this, [this, reply, id, name] {
        m_revoking.remove(id);
        Q_EMIT workingChanged();
        const int row = rowOf(id);
        if (reply->outcome() == ApiReply::Outcome::Canceled)
            return;
        // 404: already revoked elsewhere (another device, an expired-key sweep): gone either way.
        if (reply->isOk() || reply->status() == 404) {
            if (row >= 0) {
                beginRemoveRows({}, row, row);
                m_keys.removeAt(row);
                endRemoveRows();
                Q_EMIT countChanged();
            }
            setError({});
            Q_EMIT revoked(name);
            return;
        }
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {RevokingRole});
        const QString message = tr("Could not revoke “%1”: %2").arg(name, reply->errorMessage());
        setError(message);
        Q_EMIT failed(message);
    });
}

void ApiKeyModel::copyNewKey() const
{
    if (QClipboard *c = QGuiApplication::clipboard(); c && !m_newKey.isEmpty())
        c->setText(m_newKey);
}

void ApiKeyModel::copyUsageExample() const
{
    if (QClipboard *c = QGuiApplication::clipboard(); c && !m_newKey.isEmpty())
        c->setText(usageExample());
}

void ApiKeyModel::dismissNewKey()
{
    if (m_newKey.isEmpty() && m_newKeyName.isEmpty())
        return;
    m_newKey.clear();
    m_newKeyName.clear();
    Q_EMIT newKeyChanged();
}

void ApiKeyModel::clear()
{
    for (ApiReply *r : {m_listReply.data(), m_createReply.data()}) {
        if (r)
            r->abort();
    }
    dismissNewKey();
    beginResetModel();
    m_keys.clear();
    endResetModel();
    m_revoking.clear();
    m_loaded = false;
    setError({});
    Q_EMIT countChanged();
    Q_EMIT loadingChanged();
    Q_EMIT workingChanged();
}
