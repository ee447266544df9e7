// ApiKeyModel (Settings → API keys) through the real ApiClient against the real in-process server:
// list, create (the key once), use of the created key on the icon routes, revoke → 401, errors from
// the server, sign-out forgetting the key, and the clipboard.
#include "apiclient.h"
#include "apikeymodel.h"
#include "localsignin.h"

#include "core/clock.h"
#include "server/httpclient.h"
#include "testserver.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {
const QByteArray Secret = "api-key-model-test-local-secret-0123";

QVariant role(const ApiKeyModel &model, int row, ApiKeyModel::Role r)
{
    return model.data(model.index(row), r);
}
} // namespace

class TestApiKeyModel : public QObject
{
    Q_OBJECT

    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<TestServer> m_server;
    ApiClient m_api;

    // Waits until the model's list request is done.
    bool refreshed(ApiKeyModel &model)
    {
        model.refresh();
        if (!model.loading())
            return false;
        return QTest::qWaitFor([&] { return !model.loading(); }, 15000);
    }

    QString createAndWait(ApiKeyModel &model, const QString &name, int days = 0)
    {
        QSignalSpy created(&model, &ApiKeyModel::created);
        QSignalSpy failed(&model, &ApiKeyModel::failed);
        model.createKey(name, days);
        if (!model.working())
            return {};
        if (!QTest::qWaitFor([&] { return created.count() + failed.count() > 0; }, 15000) ||
            created.isEmpty())
            return {};
        return model.newKey();
    }

    HttpClient::Result generateWith(const QString &key)
    {
        HttpClient http(m_server->url());
        return http.postJson(QStringLiteral("/api/icons"),
                             {{QStringLiteral("prompt"), QStringLiteral("polar array")}},
                             {{"X-API-Key", key.toLatin1()}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        ApiServerOptions options;
        options.clock = m_clock;
        options.localLoginSecret = Secret;
        m_server = std::make_unique<TestServer>(
            TestServer::Variables{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")},
                                  {QStringLiteral("API_KEYS_MAX_PER_USER"), QStringLiteral("3")}},
            options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));

        // Signed in as integrated mode's local user, exactly as the app does it.
        m_api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(m_api, Secret));
    }

    void cleanupTestCase() { m_server.reset(); }

    // The acceptance path: a key created through the model generates icons with X-API-Key; after
    // revoking it through the model, the same call gets 401.
    void createUseRevoke()
    {
        ApiKeyModel model(&m_api);
        QVERIFY(!model.loaded());
        QVERIFY(refreshed(model));
        QVERIFY(model.loaded());
        QCOMPARE(model.count(), 0);
        QVERIFY(model.error().isEmpty());

        QSignalSpy newKeyChanged(&model, &ApiKeyModel::newKeyChanged);
        const QString key = createAndWait(model, QStringLiteral("  Rhino plugin CI "), 30);
        QVERIFY2(QRegularExpression(QStringLiteral("^pi_[A-Za-z0-9_-]{43}$")).match(key).hasMatch(),
                 qPrintable(key));
        QCOMPARE(newKeyChanged.count(), 1);
        QCOMPARE(model.newKeyName(), QStringLiteral("Rhino plugin CI"));
        QCOMPARE(model.count(), 1);
        QCOMPARE(role(model, 0, ApiKeyModel::NameRole).toString(), QStringLiteral("Rhino plugin CI"));
        QCOMPARE(role(model, 0, ApiKeyModel::PrefixRole).toString(), key.left(11));
        const QDateTime expires = role(model, 0, ApiKeyModel::ExpiresAtRole).toDateTime();
        QVERIFY(qAbs(expires.secsTo(QDateTime::currentDateTimeUtc().addDays(30))) < 120);
        QVERIFY(!role(model, 0, ApiKeyModel::LastUsedAtRole).isValid());
        QVERIFY(role(model, 0, ApiKeyModel::StatusRole).toString().contains(QStringLiteral("Never used")));
        QVERIFY(role(model, 0, ApiKeyModel::StatusRole).toString().contains(QStringLiteral("Expires")));
        QVERIFY(model.usageExample().contains(key));
        QVERIFY(model.usageExample().contains(m_server->url().toString() + QStringLiteral("/api/icons")));

        // The key works on the icon routes.
        const auto generated = generateWith(key);
        QCOMPARE(generated.status, 201);

        // Listed again (e.g. Settings reopened): the key itself is gone from the list data, the use shows.
        model.dismissNewKey();
        QVERIFY(model.newKey().isEmpty());
        QVERIFY(refreshed(model));
        QCOMPARE(model.count(), 1);
        QVERIFY(role(model, 0, ApiKeyModel::LastUsedAtRole).toDateTime().isValid());
        QVERIFY(role(model, 0, ApiKeyModel::StatusRole).toString().contains(QStringLiteral("Last used")));

        // Revoked through the model: the same call now gets 401 with the JSON error body.
        QSignalSpy revoked(&model, &ApiKeyModel::revoked);
        model.revoke(role(model, 0, ApiKeyModel::IdRole).toString());
        QVERIFY(role(model, 0, ApiKeyModel::RevokingRole).toBool());
        QVERIFY(model.working());
        QVERIFY(revoked.wait(15000));
        QCOMPARE(revoked.first().first().toString(), QStringLiteral("Rhino plugin CI"));
        QCOMPARE(model.count(), 0);
        QVERIFY(!model.working());
        const auto refused = generateWith(key);
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.json().value("error").toString(), QStringLiteral("invalid_api_key"));
    }

    // The server's validation and limits reach the user as its message; nothing is added.
    void serverErrorsAreShown()
    {
        ApiKeyModel model(&m_api);
        QVERIFY(refreshed(model));
        const int before = model.count();
        QSignalSpy failed(&model, &ApiKeyModel::failed);
        model.createKey(QString(101, u'x'));
        QVERIFY(failed.wait(15000));
        QVERIFY2(model.error().contains(QStringLiteral("at most 100 characters")), qPrintable(model.error()));
        QCOMPARE(model.count(), before);
        QVERIFY(model.newKey().isEmpty());

        // A blank name never leaves the app.
        model.createKey(QStringLiteral("   "));
        QVERIFY(!model.working());

        // The server's cap (3 here).
        while (model.count() < 3)
            QVERIFY(!createAndWait(model, QStringLiteral("key %1").arg(model.count())).isEmpty());
        failed.clear();
        model.createKey(QStringLiteral("one too many"));
        QVERIFY(failed.wait(15000));
        QVERIFY2(model.error().contains(QStringLiteral("3 active API keys")), qPrintable(model.error()));
        model.clearError();
        QVERIFY(model.error().isEmpty());

        // A key revoked elsewhere (here: another model, as on another device) answers 404; it
        // leaves the list without an error.
        const QString id = role(model, 0, ApiKeyModel::IdRole).toString();
        ApiKeyModel other(&m_api);
        QVERIFY(refreshed(other));
        QSignalSpy otherRevoked(&other, &ApiKeyModel::revoked);
        other.revoke(id);
        QVERIFY(otherRevoked.wait(15000));
        QSignalSpy revoked(&model, &ApiKeyModel::revoked);
        model.revoke(id);
        QVERIFY(revoked.wait(15000));
        QVERIFY(model.error().isEmpty());
        for (int row = 0; row < model.count(); ++row)
            QVERIFY(role(model, row, ApiKeyModel::IdRole).toString() != id);
        // Clean up for the other tests.
        while (model.count() > 0) {
            QSignalSpy gone(&model, &ApiKeyModel::revoked);
            model.revoke(role(model, 0, ApiKeyModel::IdRole).toString());
            QVERIFY(gone.wait(15000));
        }
    }

    void copyAndForget()
    {
        ApiKeyModel model(&m_api);
        const QString key = createAndWait(model, QStringLiteral("clipboard"));
        QVERIFY(!key.isEmpty());
        model.copyNewKey();
        QCOMPARE(QGuiApplication::clipboard()->text(), key);
        model.copyUsageExample();
        QVERIFY(
            QGuiApplication::clipboard()->text().startsWith(QStringLiteral("curl -H \"X-API-Key: ") + key));
        // Sign-out: the key, the rows and any error are gone.
        QSignalSpy countChanged(&model, &ApiKeyModel::countChanged);
        model.clear();
        QVERIFY(model.newKey().isEmpty());
        QVERIFY(model.usageExample().isEmpty());
        QCOMPARE(model.count(), 0);
        QVERIFY(!model.loaded());
        QVERIFY(countChanged.count() >= 1);
        model.copyNewKey(); // nothing to copy: the clipboard keeps what it had
        QVERIFY(QGuiApplication::clipboard()->text().startsWith(QStringLiteral("curl")));
    }

    void statusText()
    {
        const QDateTime created = QDateTime::currentDateTimeUtc().addDays(-3);
        QCOMPARE(ApiKeyModel::statusText(created, {}, {}, false).count(QStringLiteral(" · ")), 2);
        QVERIFY(ApiKeyModel::statusText(created, {}, {}, false)
                    .endsWith(QStringLiteral("Never used · Never expires")));
        QVERIFY(ApiKeyModel::statusText(created, created, created.addDays(1), true)
                    .contains(QStringLiteral("Expired ")));
        QVERIFY(ApiKeyModel::statusText(created, created, created.addDays(9), false)
                    .contains(QStringLiteral("Expires ")));
    }

    void unreachableServer()
    {
        ApiClient offline;
        offline.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
        offline.setTransferTimeout(3000);
        ApiKeyModel model(&offline);
        model.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 15000);
        QVERIFY(!model.loaded());
        QVERIFY2(model.error().startsWith(QStringLiteral("Could not load your API keys")),
                 qPrintable(model.error()));
    }
};

QTEST_MAIN(TestApiKeyModel)
#include "tst_apikeymodel.moc"
