// Integrated mode's limits (issue 9 point 5): the desktop app's in-process server, configured exactly as
// Backend configures it (integratedServerConfig, a local-login secret), signed in as the local user
// through AuthManager, generating through Studio like the command bar does. The per-minute and daily
// limits exist to cap paid upstream calls for a shared server; here nothing is shared, so 30 icons in a
// minute go through without a limit message, with the built-in generator and with an Anthropic key.
#include "apiclient.h"
#include "appsettings.h"
#include "authmanager.h"
#include "integratedserver.h"
#include "sessionlogmodel.h"
#include "studio.h"
#include "tokenstore.h"

#include "apiserver.h"
#include "fakeanthropic.h"
#include "pg/testpostgres.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray Secret = "integrated-mode-local-secret-0123456789";

// A valid scene through the forced tool call (the default ANTHROPIC_OUTPUT=scene), so each generation is
// one upstream call.
QJsonObject archToolInput()
{
    return FakeAnthropic::sceneToolInput({{QStringLiteral("Arch"), FakeAnthropic::archScene()}});
}

// Prompts a CAD user types; all of them name something the built-in generator draws.
const QStringList kPrompts = {QStringLiteral("fillet two curves"),
                              QStringLiteral("polar array"),
                              QStringLiteral("circle"),
                              QStringLiteral("line"),
                              QStringLiteral("mirror"),
                              QStringLiteral("extrude")};

} // namespace

class TestIntegratedMode : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Starts the server as Backend::startServer does, signs in as Backend::signIn does, then submits
    // `count` prompts one after another through Studio. Returns the number generated; every failure
    // message lands in `failures`.
    int generate(const QString &anthropicKey, const QProcessEnvironment &environment, int count,
                 QStringList *failures)
    {
        const DatabaseSettings database =
            TestPostgres::instance().createEmptyDatabase(QStringLiteral("integrated"));
        const ServerConfig config =
            integratedServerConfig(environment, database, QStringLiteral("127.0.0.1"), 0, anthropicKey);
        ApiServer::Options options;
        options.localLoginSecret = Secret;
        ApiServer server(config, options);
        QString error;
        if (!server.start(&error)) {
            *failures << error;
            return 0;
        }
        if (!QTest::qWaitFor([&] { return server.isReady(); }, 30000)) {
            *failures << QStringLiteral("the server never became ready");
            return 0;
        }

        ApiClient api;
        api.setBaseUrl(server.url());
        InMemoryTokenStore store;
        QSettings authSettings(m_dir.filePath(QStringLiteral("auth.ini")), QSettings::IniFormat);
        AuthManager auth(&api, &store, &authSettings);
        auth.setPersistRefreshToken(false);
        bool signedIn = false;
        auth.signInLocal(Secret, [&](bool ok, const QString &) { signedIn = ok; });
        if (!QTest::qWaitFor([&] { return signedIn; }, 15000)) {
            *failures << QStringLiteral("local sign-in failed");
            return 0;
        }

        AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat),
            nullptr);
        Studio studio(&api, &settings);
        studio.setSignedIn(true, m_dir.filePath(QStringLiteral("cache/history.json")));
        studio.composer()->setMode(QStringLiteral("create"));
        studio.composer()->setOutput(QStringLiteral("single"));
        QSignalSpy generated(&studio, &Studio::generated);
        connect(&studio, &Studio::generationFailed, this, [failures](const QString &m) { *failures << m; });
        for (int i = 0; i < count; ++i) {
            const int before = int(generated.count());
            const int failedBefore = int(failures->size());
            studio.composer()->setPrompt(kPrompts.at(i % kPrompts.size()));
            studio.submit();
            if (!QTest::qWaitFor(
                    [&] { return generated.count() > before || failures->size() > failedBefore; }, 30000))
                *failures << QStringLiteral("generation %1 never finished").arg(i + 1);
        }
        return int(generated.count());
    }

private Q_SLOTS:
    void thirtyIconsInAMinuteWithTheBuiltinGenerator()
    {
        QProcessEnvironment environment;
        QStringList failures;
        QElapsedTimer minute;
        minute.start();
        const int n = generate(QString(), environment, 30, &failures);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(n, 30);
        QVERIFY2(minute.elapsed() < 60000,
                 "the 30 generations did not fit in one minute; the test proves nothing");
    }

    // With the user's own Anthropic key the server's default Anthropic limits (10 a minute) would
    // refuse the 11th: the local user is not held to them.
    void thirtyIconsInAMinuteWithAnAnthropicKey()
    {
        FakeAnthropic fake;
        QVERIFY(fake.start());
        for (int i = 0; i < 30; ++i)
            fake.enqueue(FakeAnthropic::toolUse(QStringLiteral("draw_icon_scenes"), archToolInput()));
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("ANTHROPIC_BASE_URL"), fake.baseUrl().toString());
        QStringList failures;
        QElapsedTimer minute;
        minute.start();
        const int n = generate(fake.apiKey, environment, 30, &failures);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(n, 30);
        QCOMPARE(fake.scriptedRequestCount(), 30);
        QVERIFY2(minute.elapsed() < 60000,
                 "the 30 generations did not fit in one minute; the test proves nothing");
    }
};

QTEST_MAIN(TestIntegratedMode)
#include "tst_integratedmode.moc"
