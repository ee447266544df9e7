// The app's flows against the real in-process server: native sign-in through a scripted "system
// browser" for all three (fake) providers, silent access-token expiry, session restore from the token
// store, sign-out; and the studio: generation, session log wording, history paging cache and
// delete-with-undo, favourites.
#include "apiclient.h"
#include "appsettings.h"
#include "authmanager.h"
#include "historymodel.h"
#include "librarymodel.h"
#include "localsignin.h"
#include "sessionlogmodel.h"
#include "studio.h"
#include "tokenstore.h"

#include "core/clock.h"
#include "fakeoauthprovider.h"
#include "scriptedbrowser.h"
#include "testserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray Secret = "app-flows-local-secret-0123456789abcdef";

int freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

ApiReply::Outcome call(ApiClient &api, const QByteArray &verb, const QString &path, int *status = nullptr)
{
    ApiReply *r = api.request(verb, path);
    ApiReply::Outcome outcome = ApiReply::Outcome::Pending;
    QObject::connect(r, &ApiReply::finished, r, [&] {
        outcome = r->outcome();
        if (status)
            *status = r->status();
    });
    (void)QTest::qWaitFor([&] { return outcome != ApiReply::Outcome::Pending; }, 15000);
    return outcome;
}
} // namespace

class TestAppFlows : public QObject
{
    Q_OBJECT

    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::vector<std::unique_ptr<FakeOAuthProvider>> m_fakes;
    std::unique_ptr<TestServer> m_server;
    QTemporaryDir m_dir;

    FakeOAuthProvider &fake(const QString &name)
    {
        for (auto &f : m_fakes)
            if (f->name() == name)
                return *f;
        qFatal("no fake %s", qPrintable(name));
    }

    struct Client
    {
        ApiClient api;
        InMemoryTokenStore store;
        QSettings settings;
        AuthManager auth;
        QUrl opened;
        Client(const QUrl &server, const QString &ini)
            : settings(ini, QSettings::IniFormat)
            , auth(&api, &store, &settings)
        {
            api.setBaseUrl(server);
            auth.setBrowserOpener([this](const QUrl &u) {
                opened = u;
                return true;
            });
        }
    };

    // Drives the "system browser" through the server and the fake provider to the app's loopback.
    bool browse(Client &c)
    {
        ScriptedBrowser browser;
        const quint16 port = c.auth.receiver()->port();
        const auto hops = browser.follow(c.opened, [port](const QUrl &u) {
            return u.host() == QLatin1String("127.0.0.1") && u.port() == port;
        });
        if (hops.isEmpty() || hops.last().status != 302) {
            for (const auto &h : hops)
                qWarning() << h.status << h.url << h.location << h.body.left(300);
            return false;
        }
        const QUrl loopback =
            QUrl(QString::fromLatin1(c.opened.toEncoded())).resolved(QUrl::fromEncoded(hops.last().location));
        const ScriptedBrowser::Hop page = browser.get(loopback);
        if (page.status != 200)
            qWarning() << "loopback answered" << page.status << loopback << page.body.left(400);
        return page.status == 200 && page.header("Referrer-Policy") == "no-referrer";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestServer::Variables vars{{QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin")}};
        for (auto kind : {FakeOAuthProvider::Kind::GitHub, FakeOAuthProvider::Kind::Google,
                          FakeOAuthProvider::Kind::Microsoft}) {
            auto f = std::make_unique<FakeOAuthProvider>(kind, m_clock);
            QVERIFY(f->listen());
            const auto v = f->variables();
            for (auto it = v.begin(); it != v.end(); ++it)
                vars.insert(it.key(), it.value());
            m_fakes.push_back(std::move(f));
        }
        const int port = freePort();
        vars.insert(QStringLiteral("API_PORT"), QString::number(port));
        vars.insert(QStringLiteral("API_BASE_URL"), QStringLiteral("http://127.0.0.1:%1").arg(port));
        ApiServerOptions options;
        options.clock = m_clock;
        options.localLoginSecret = Secret;
        m_server = std::make_unique<TestServer>(vars, options);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }

    void cleanupTestCase() { m_server.reset(); }

    void nativeSignIn_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::newRow("github") << QStringLiteral("github");
        QTest::newRow("google") << QStringLiteral("google");
        QTest::newRow("microsoft") << QStringLiteral("microsoft");
    }

    void nativeSignIn()
    {
        QFETCH(QString, provider);
        const QString email = provider + QStringLiteral(".user@example.com");
        fake(provider).identity.email = email;
        fake(provider).identity.subject =
            provider == QLatin1String("github") ? QStringLiteral("4242") : QStringLiteral("sub-") + provider;
        const QString ini = m_dir.filePath(provider + QStringLiteral(".ini"));
        Client c(m_server->url(), ini);

        c.auth.signIn(provider);
        QCOMPARE(c.auth.state(), AuthManager::CheckingServer); // the server is asked before the browser
        QTRY_COMPARE_WITH_TIMEOUT(c.auth.state(), AuthManager::WaitingForBrowser, 10000);
        QVERIFY(c.auth.browserOpened());
        QCOMPARE(c.opened, c.auth.signInUrl());
        const QUrlQuery q(c.opened);
        QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(q.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
        QVERIFY(!c.opened.toString().contains(QStringLiteral("verifier")));

        QVERIFY(browse(c));
        QTRY_COMPARE_WITH_TIMEOUT(c.auth.state(), AuthManager::SignedIn, 15000);
        QCOMPARE(c.auth.email(), email);
        QVERIFY(!c.auth.receiver()); // listener closed after the exchange
        // The refresh token is in the token store under (server, account), and nowhere in the settings file.
        const QString key = TokenStore::refreshTokenKey(m_server->url(), email);
        QTRY_COMPARE(c.store.entries().value(key), c.api.refreshToken());
        c.settings.sync();
        QFile f(ini);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(c.api.refreshToken().toUtf8()));

        // Access token expires mid-session: the next call refreshes silently and the store follows.
        const QString before = c.api.refreshToken();
        m_clock->advance(16 * 60);
        QCOMPARE(call(c.api, "GET", QStringLiteral("/api/icons")), ApiReply::Outcome::Ok);
        QCOMPARE(c.api.refreshRequestCount(), 1);
        QVERIFY(c.api.refreshToken() != before);
        QTRY_COMPARE(c.store.entries().value(key), c.api.refreshToken());
        QCOMPARE(c.auth.state(), AuthManager::SignedIn);

        // A restart: a new client restores the session from the store alone.
        {
            Client again(m_server->url(), ini);
            const auto entries = c.store.entries();
            for (auto it = entries.begin(); it != entries.end(); ++it)
                again.store.write(it.key(), it.value());
            c.api.clearTokens(); // the old process is gone
            again.auth.restoreSession();
            QTRY_COMPARE_WITH_TIMEOUT(again.auth.state(), AuthManager::SignedIn, 15000);
            QCOMPARE(again.auth.email(), email);
            const QString restoredRefresh = again.api.refreshToken();
            QVERIFY(!restoredRefresh.isEmpty());

            // Sign out: server-side revocation and the store entry gone.
            again.auth.signOut();
            QTRY_VERIFY_WITH_TIMEOUT(!again.store.entries().contains(key), 10000);
            QCOMPARE(again.auth.state(), AuthManager::SignedOut);
            ApiClient probe;
            probe.setBaseUrl(m_server->url());
            probe.setTokens({{}, restoredRefresh, {}});
            QSignalSpy out(&probe, &ApiClient::signedOut);
            call(probe, "GET", QStringLiteral("/api/auth/me"));
            QCOMPARE(out.count(), 1);
        }
    }

    void wrongStateNeverReachesTokenEndpoint()
    {
        Client c(m_server->url(), m_dir.filePath(QStringLiteral("forged.ini")));
        c.auth.signIn(QStringLiteral("github"));
        QTRY_COMPARE_WITH_TIMEOUT(c.auth.state(), AuthManager::WaitingForBrowser, 10000);
        const int tokensBefore = fake(QStringLiteral("github")).tokenRequests;
        ScriptedBrowser browser;
        QUrl forged = c.auth.receiver()->redirectUri();
        forged.setQuery(QStringLiteral("code=forged-code&state=not-ours"));
        QCOMPARE(browser.get(forged).status, 400);
        QTest::qWait(200);
        QCOMPARE(c.auth.state(), AuthManager::WaitingForBrowser);
        QCOMPARE(fake(QStringLiteral("github")).tokenRequests, tokensBefore);
        c.auth.cancelSignIn();
        QCOMPARE(c.auth.state(), AuthManager::SignedOut);
        QVERIFY(!c.auth.receiver());
    }

    void signInTimesOut()
    {
        Client c(m_server->url(), m_dir.filePath(QStringLiteral("timeout.ini")));
        c.auth.setCallbackTimeout(std::chrono::milliseconds(200));
        c.auth.signIn(QStringLiteral("google"));
        QTRY_COMPARE_WITH_TIMEOUT(c.auth.state(), AuthManager::SignedOut, 5000);
        QVERIFY(c.auth.errorMessage().contains(QStringLiteral("timed out")));
    }

    // The built-in generator's answers reach the studio: the interpretation of the current icon, and for
    // a prompt it does not understand the suggestions (nothing drawn, the prompt kept to edit),
    // one of which generates at a click.
    void studioShowsInterpretationAndSuggestions()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(api, Secret));
        AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("suggest.ini")), QSettings::IniFormat),
            nullptr);
        Studio studio(&api, &settings);
        studio.setSignedIn(true, m_dir.filePath(QStringLiteral("cache/history-suggest.json")));

        QSignalSpy generated(&studio, &Studio::generated);
        QSignalSpy failed(&studio, &Studio::generationFailed);
        studio.setPrompt(QStringLiteral("gear with eight teeth"));
        studio.submit();
        QVERIFY(generated.wait(30000));
        const QVariantMap in = studio.currentInterpretation();
        QCOMPARE(in.value(QStringLiteral("summary")).toString(), QStringLiteral("gear"));
        const QVariantMap teeth = in.value(QStringLiteral("parameters")).toList().value(0).toMap();
        QCOMPARE(teeth.value(QStringLiteral("label")).toString(), QStringLiteral("Teeth"));
        QCOMPARE(teeth.value(QStringLiteral("value")).toInt(), 8);
        QVERIFY(studio.suggestions().isEmpty());
        const QString gearId = studio.currentId();

        // Not understood: no icon, suggestions, the prompt still in the field; the current icon stays.
        studio.setPrompt(QStringLiteral("a friendly cat"));
        studio.submit();
        QVERIFY(failed.wait(30000));
        QVERIFY(!studio.suggestions().isEmpty() && studio.suggestions().size() <= 5);
        QCOMPARE(studio.notUnderstoodPrompt(), QStringLiteral("a friendly cat"));
        QCOMPARE(studio.prompt(), QStringLiteral("a friendly cat"));
        QCOMPARE(studio.currentId(), gearId);
        QVERIFY(studio.session()->lastText().contains(QStringLiteral("does not know what to draw")));

        // A suggestion generates.
        const QString suggestion = studio.suggestions().constFirst();
        studio.useSuggestion(suggestion);
        QVERIFY(studio.suggestions().isEmpty());
        QVERIFY(generated.wait(30000));
        QCOMPARE(studio.currentPrompt(), suggestion);
        QVERIFY(studio.currentId() != gearId);
        QVERIFY(!studio.currentInterpretation().value(QStringLiteral("summary")).toString().isEmpty());

        // The interpretation survives the history cache (offline start).
        const ClientIcon cached = studio.history()->asset(gearId);
        QCOMPARE(
            ClientIcon::fromJson(cached.toJson()).interpretation.value(QStringLiteral("summary")).toString(),
            QStringLiteral("gear"));
    }

    // Against a dead server the sign-in page says so within seconds instead of waiting for a browser
    // callback (five minutes): the browser is never sent to an address that does not answer.
    void signInToDeadServerFailsFast()
    {
        QTcpServer gone;
        QVERIFY(gone.listen(QHostAddress::LocalHost));
        const QUrl dead(QStringLiteral("http://127.0.0.1:%1").arg(gone.serverPort()));
        gone.close();
        Client c(dead, m_dir.filePath(QStringLiteral("dead.ini")));
        c.auth.signIn(QStringLiteral("github"));
        QTRY_COMPARE_WITH_TIMEOUT(c.auth.state(), AuthManager::SignedOut, 15000);
        QVERIFY2(c.auth.errorMessage().contains(QStringLiteral("cannot be reached")),
                 qPrintable(c.auth.errorMessage()));
        QVERIFY(c.opened.isEmpty());
        QVERIFY(!c.auth.receiver());
    }

    // A history reload that was on its way while an icon was added or changed here does not hide or
    // undo that (its page may have been read before): the icon stays, with its local state.
    void historyReloadKeepsWhatChangedMeanwhile()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(api, Secret));
        HistoryModel history(&api);
        history.refresh();
        QTRY_VERIFY(!history.loading());
        const int before = int(history.count());

        ClientIcon added;
        added.id = QStringLiteral("01900000-0000-7000-8000-000000000001");
        added.prompt = QStringLiteral("made while reloading");
        added.createdAt = QDateTime::currentDateTimeUtc().addSecs(60);
        added.variants << ClientIconVariant{added.id, QStringLiteral("V"), QStringLiteral("<svg/>"), {}};
        history.refresh(); // the page is read by the server before it knows the icon
        QVERIFY(history.loading());
        history.prepend(added);
        QTRY_VERIFY(!history.loading());
        QCOMPARE(history.indexOf(added.id), 0);
        QCOMPARE(int(history.count()), before + 1);
    }

    void studioGeneratesAndKeepsHistory()
    {
        ApiClient api;
        api.setBaseUrl(m_server->url());
        InMemoryTokenStore store;
        QSettings authSettings(m_dir.filePath(QStringLiteral("studio-auth.ini")), QSettings::IniFormat);
        AuthManager auth(&api, &store, &authSettings);
        auth.setPersistRefreshToken(false);
        bool signedIn = false;
        auth.signInLocal(Secret, [&](bool ok, const QString &) { signedIn = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(signedIn, 15000);
        QCOMPARE(auth.state(), AuthManager::SignedIn);

        AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat),
            nullptr);
        Studio studio(&api, &settings);
        const QString cache = m_dir.filePath(QStringLiteral("cache/history-local.json"));
        studio.setSignedIn(true, cache);

        // Refine with nothing selected: the original's message, no request.
        studio.setMode(QStringLiteral("refine"));
        studio.setPrompt(QStringLiteral("make it bolder"));
        studio.submit();
        QCOMPARE(studio.session()->lastText(),
                 QStringLiteral(
                     "Cannot refine: No asset selected. Switch to Create mode or select an asset first."));
        QVERIFY(!studio.busy());

        studio.setMode(QStringLiteral("create"));
        // The batch size is the user's (1 … what the server's OpenAPI document allows).
        QTRY_COMPARE(studio.maxVariants(), 3);
        studio.setVariantsRequested(2);
        QCOMPARE(studio.output(), QStringLiteral("batch"));
        studio.setVariantsRequested(9);
        QCOMPARE(studio.variantsRequested(), 3);
        studio.setOutput(QStringLiteral("batch"));
        studio.setPrompt(QStringLiteral("fillet two curves"));
        QSignalSpy generated(&studio, &Studio::generated);
        studio.submit();
        QVERIFY(studio.busy());
        QVERIFY(studio.session()->thinking());
        QCOMPARE(studio.prompt(), QStringLiteral("fillet two curves")); // kept until it succeeded
        QVERIFY(generated.wait(30000));
        QCOMPARE(studio.prompt(), QString()); // done: the box is ready for the next one
        QVERIFY(!studio.busy());
        QCOMPARE(studio.variantCount(), 3);
        QCOMPARE(studio.variantLabel(), QStringLiteral("01 / 03"));
        QVERIFY(studio.session()->lastText().startsWith(QStringLiteral("Generated 3 variants: ")));
        QVERIFY(studio.currentSvg().contains(QStringLiteral("<svg")));
        const QString id = studio.currentId();
        QTRY_VERIFY(studio.history()->indexOf(id) == 0);
        studio.nextVariant();
        QCOMPARE(studio.variantLabel(), QStringLiteral("02 / 03"));

        // A new request cancels the one in flight, silently.
        studio.setOutput(QStringLiteral("single"));
        studio.setPrompt(QStringLiteral("circle"));
        studio.submit();
        studio.setPrompt(QStringLiteral("polar array"));
        studio.submit();
        QVERIFY(generated.wait(30000));
        QCOMPARE(studio.currentPrompt(), QStringLiteral("polar array"));
        QVERIFY(studio.session()->lastText().startsWith(QStringLiteral("Generated 1 variant: ")));
        QTRY_VERIFY(studio.history()->count() >= 2);
        const int errorsLogged = [&] {
            int n = 0;
            for (int i = 0; i < studio.session()->rowCount(); ++i)
                n += studio.session()
                         ->data(studio.session()->index(i), SessionLogModel::KindRole)
                         .toString() == QLatin1String("error");
            return n;
        }();
        QCOMPARE(errorsLogged, 0);

        // A refused request keeps the prompt in the box for another try.
        QSignalSpy failed(&studio, &Studio::generationFailed);
        const QString tooLong = QString(5000, QLatin1Char('x'));
        studio.setPrompt(tooLong);
        studio.submit();
        QVERIFY(failed.wait(30000));
        QCOMPARE(studio.prompt(), tooLong);
        studio.setPrompt({});

        // Selecting a history entry shows it with its variant; the command bar keeps the user's
        // choices (single output, light ink) instead of the icon's.
        studio.setColorMode(QStringLiteral("light"));
        studio.selectAsset(id);
        QCOMPARE(studio.currentId(), id);
        QCOMPARE(studio.output(), QStringLiteral("single"));
        QCOMPARE(studio.colorMode(), QStringLiteral("light"));
        QCOMPARE(studio.mode(), QStringLiteral("create"));
        QCOMPARE(studio.variantIndex(), 1);
        // The ink changed after the icon was made: the studio asks for it in the new ink.
        QSignalSpy restyle(&studio, &Studio::restyleRequested);
        studio.restyleCurrent();
        QCOMPARE(restyle.count(), 1);
        QCOMPARE(restyle.last().at(1).toString(), QStringLiteral("light"));
        studio.setColorMode(QStringLiteral("dark"));
        studio.restyleCurrent();
        QCOMPARE(restyle.count(), 1); // made in dark ink already: nothing to do

        // Favourite → appears in the library.
        QSignalSpy notify(&studio, &Studio::notify);
        studio.setFavorite(true);
        QVERIFY(notify.wait(10000));
        QCOMPARE(notify.last().at(0).toString(), QStringLiteral("Saved to Library"));
        QVERIFY(studio.library()->indexOf(id) >= 0);

        // The cache shows the history instantly in a new session, before any request.
        {
            HistoryModel cached(&api);
            cached.setCacheFile(cache);
            QVERIFY(cached.fromCache());
            QCOMPARE(cached.count(), studio.history()->count());
            QCOMPARE(cached.asset(id).variants.size(), 3);
        }

        // Delete with undo: hidden at once, back on undo, deleted on the server when the window closes.
        HistoryModel *history = studio.history();
        const int count = history->count();
        const int row = history->indexOf(id);
        QVERIFY(row >= 0);
        history->remove(id);
        QCOMPARE(history->count(), count - 1);
        QVERIFY(history->undoAvailable());
        QVERIFY(!studio.hasCurrent()); // it was the current icon
        history->undoRemove();
        QCOMPARE(history->count(), count);
        QCOMPARE(history->indexOf(id), row);
        int status = 0;
        QCOMPARE(call(api, "GET", QStringLiteral("/api/icons/") + id, &status), ApiReply::Outcome::Ok);

        history->setUndoWindowMs(100);
        QSignalSpy removed(history, &HistoryModel::removed);
        history->remove(id);
        QVERIFY(removed.wait(10000));
        call(api, "GET", QStringLiteral("/api/icons/") + id, &status);
        QCOMPARE(status, 404);
        QTRY_VERIFY(studio.library()->indexOf(id) < 0);

        // Search by prompt (q=).
        history->setSearchText(QStringLiteral("polar"));
        QTRY_VERIFY_WITH_TIMEOUT(!history->loading() && history->count() == 1, 10000);
        QCOMPARE(history->get(0).value(QStringLiteral("prompt")).toString(), QStringLiteral("polar array"));
    }
};

QTEST_MAIN(TestAppFlows)
#include "tst_appflows.moc"
