// The app's flows against the real in-process server: native sign-in through a scripted "system
// browser" for all three (fake) providers, silent access-token expiry, session restore from the token
// store, sign-out; and the studio: generation, session log wording, history paging cache and
// delete-with-undo, favourites; history rows from the thumbnail view, revalidated with If-None-Match,
// and the full icon fetched when one is opened.
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
#include <QJsonArray>
#include <QJsonDocument>
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

// The app's own client, recording each request it makes and the status the real server answered.
class RecordingApiClient : public ApiClient
{
public:
    struct Call
    {
        QByteArray verb;
        QString path;
        QUrlQuery query;
        int status = 0; // 0 until answered
    };
    QList<Call> calls;

    ApiReply *request(const QByteArray &verb, const QString &path, const QUrlQuery &query = {},
                      const QByteArray &jsonBody = {}, Auth auth = Auth::Bearer, int timeoutMs = 0) override
    {
        ApiReply *reply = ApiClient::request(verb, path, query, jsonBody, auth, timeoutMs);
        const qsizetype index = calls.size();
        calls.append({verb, path, query, 0});
        QObject::connect(reply, &ApiReply::finished, this,
                         [this, reply, index] { calls[index].status = reply->status(); });
        return reply;
    }

    // The answered GET requests of `path` (a reload cancels the one it replaces: that one has no
    // status).
    QList<Call> callsTo(const QString &path) const
    {
        QList<Call> out;
        for (const Call &c : calls)
            if (c.verb == "GET" && c.path == path && c.status != 0)
                out << c;
        return out;
    }
};

// Sends a request with `body` and waits for the answer's JSON; an empty object when it failed.
QJsonObject callJson(ApiClient &api, const QByteArray &verb, const QString &path,
                     const QJsonObject &body = {})
{
    ApiReply *r = api.request(verb, path, {}, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(),
                              ApiClient::Auth::Bearer, 60000);
    QJsonObject out;
    bool done = false;
    QObject::connect(r, &ApiReply::finished, r, [&] {
        done = true;
        if (r->isOk())
            out = r->json();
    });
    (void)QTest::qWaitFor([&] { return done; }, 60000);
    return out;
}

QStringList variantSvgs(const QJsonObject &icon)
{
    QStringList out;
    for (const QJsonValue &v : icon.value(QStringLiteral("variants")).toArray())
        out << v.toObject().value(QStringLiteral("svg")).toString();
    return out;
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
        studio.composer()->setPrompt(QStringLiteral("gear with eight teeth"));
        studio.submit();
        QVERIFY(generated.wait(30000));
        const QVariantMap in = studio.current()->interpretation();
        QCOMPARE(in.value(QStringLiteral("summary")).toString(), QStringLiteral("gear"));
        const QVariantMap teeth = in.value(QStringLiteral("parameters")).toList().value(0).toMap();
        QCOMPARE(teeth.value(QStringLiteral("label")).toString(), QStringLiteral("Teeth"));
        QCOMPARE(teeth.value(QStringLiteral("value")).toInt(), 8);
        QVERIFY(studio.suggestions().isEmpty());
        const QString gearId = studio.current()->id();

        // Not understood: no icon, suggestions, the prompt still in the field; the current icon stays.
        studio.composer()->setPrompt(QStringLiteral("a friendly cat"));
        studio.submit();
        QVERIFY(failed.wait(30000));
        QVERIFY(!studio.suggestions().isEmpty() && studio.suggestions().size() <= 5);
        QCOMPARE(studio.notUnderstoodPrompt(), QStringLiteral("a friendly cat"));
        QCOMPARE(studio.composer()->prompt(), QStringLiteral("a friendly cat"));
        QCOMPARE(studio.current()->id(), gearId);
        QVERIFY(studio.session()->lastText().contains(QStringLiteral("does not know what to draw")));

        // A suggestion generates.
        const QString suggestion = studio.suggestions().constFirst();
        studio.useSuggestion(suggestion);
        QVERIFY(studio.suggestions().isEmpty());
        QVERIFY(generated.wait(30000));
        QCOMPARE(studio.current()->prompt(), suggestion);
        QVERIFY(studio.current()->id() != gearId);
        QVERIFY(!studio.current()->interpretation().value(QStringLiteral("summary")).toString().isEmpty());

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

    // History rows come from ?view=thumbnail (the selected variant only, the others placeholders);
    // reloading the first page sends its ETag back and an unchanged page (304) keeps the rows; the
    // ETag and the page survive in the disk cache, so a new session revalidates too.
    void historyUsesThumbnailsAndRevalidates()
    {
        RecordingApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(api, Secret));
        const QJsonObject icon = callJson(api, "POST", QStringLiteral("/api/icons"),
                                          {{"prompt", "fillet two curves"}, {"variantCount", 3}});
        const QString id = icon.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        const QStringList svgs = variantSvgs(icon);
        QCOMPARE(svgs.size(), 3);
        QVERIFY(
            !callJson(api, "PATCH", QStringLiteral("/api/icons/") + id, {{"selectedVariant", 2}}).isEmpty());

        const QString cache = m_dir.filePath(QStringLiteral("cache/history-thumbnails.json"));
        HistoryModel history(&api);
        history.setCacheFile(cache);
        history.refresh();
        QTRY_VERIFY(!history.loading() && history.indexOf(id) >= 0);
        QList<RecordingApiClient::Call> lists = api.callsTo(QStringLiteral("/api/icons"));
        QCOMPARE(lists.size(), 1);
        QCOMPARE(lists.last().query.queryItemValue(QStringLiteral("view")), QStringLiteral("thumbnail"));
        QCOMPARE(lists.last().status, 200);
        const ClientIcon row = history.asset(id);
        QVERIFY(!row.complete);
        QCOMPARE(row.variants.size(), 3);
        QCOMPARE(row.selectedVariant, 2);
        QCOMPARE(row.svg(2), svgs.at(2));
        QVERIFY(row.svg(0).isEmpty() && row.svg(1).isEmpty()); // not sent: GET /api/icons/{id} has them
        QCOMPARE(history.get(history.indexOf(id)).value(QStringLiteral("thumbnailSvg")).toString(),
                 svgs.at(2));
        QVERIFY(row.interpretation.isEmpty());

        // Unchanged: 304, the same rows.
        const int count = int(history.count());
        history.refresh();
        QTRY_VERIFY(!history.loading());
        lists = api.callsTo(QStringLiteral("/api/icons"));
        QCOMPARE(lists.size(), 2);
        QCOMPARE(lists.last().status, 304);
        QCOMPARE(int(history.count()), count);
        QCOMPARE(history.asset(id).svg(2), svgs.at(2));
        QCOMPARE(history.error(), QString());

        // A new session starts from the disk cache and revalidates it.
        {
            HistoryModel cached(&api);
            cached.setCacheFile(cache);
            QVERIFY(cached.fromCache());
            QCOMPARE(cached.asset(id).svg(2), svgs.at(2));
            QVERIFY(!cached.asset(id).complete);
            cached.refresh();
            QTRY_VERIFY(!cached.loading());
            QCOMPARE(api.callsTo(QStringLiteral("/api/icons")).last().status, 304);
            QVERIFY(!cached.fromCache());
            QCOMPARE(int(cached.count()), count);
            QCOMPARE(cached.asset(id).selectedVariant, 2);
        }

        // Changed on the server: 200 with the new state.
        QVERIFY(
            !callJson(api, "PATCH", QStringLiteral("/api/icons/") + id, {{"selectedVariant", 0}}).isEmpty());
        history.refresh();
        QTRY_VERIFY(!history.loading());
        QCOMPARE(api.callsTo(QStringLiteral("/api/icons")).last().status, 200);
        QCOMPARE(history.asset(id).selectedVariant, 0);
        QCOMPARE(history.asset(id).svg(0), svgs.at(0));
    }

    // Opening a row shows its selected variant at once (never an empty stage); the other variants and
    // the interpretation arrive from GET /api/icons/{id}, reach the history row and its disk cache, and
    // outlive the next thumbnail reload. An icon that cannot be fetched says so and keeps its variant.
    void openingAnIconFillsItsVariants()
    {
        RecordingApiClient api;
        api.setBaseUrl(m_server->url());
        QVERIFY(signInLocally(api, Secret));
        const QJsonObject icon = callJson(api, "POST", QStringLiteral("/api/icons"),
                                          {{"prompt", "chamfer the corner of a box"}, {"variantCount", 3}});
        const QString id = icon.value(QStringLiteral("id")).toString();
        const QStringList svgs = variantSvgs(icon);
        QCOMPARE(svgs.size(), 3);
        const QJsonObject gone = callJson(api, "POST", QStringLiteral("/api/icons"),
                                          {{"prompt", "fillet two curves"}, {"variantCount", 2}});
        const QString goneId = gone.value(QStringLiteral("id")).toString();
        QVERIFY(!goneId.isEmpty());

        AppSettings settings(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("open.ini")), QSettings::IniFormat),
            nullptr);
        Studio studio(&api, &settings);
        const QString cache = m_dir.filePath(QStringLiteral("cache/history-open.json"));
        studio.setSignedIn(true, cache);
        QTRY_VERIFY(!studio.history()->loading() && studio.history()->indexOf(id) >= 0);
        QVERIFY(!studio.history()->asset(id).complete);

        const QString iconPath = QStringLiteral("/api/icons/") + id;
        studio.selectAsset(id);
        QCOMPARE(studio.current()->id(), id);
        QCOMPARE(studio.current()->svg(), svgs.at(0)); // what the row showed, at once
        QVERIFY(studio.current()->variantsLoading());
        QCOMPARE(studio.current()->variantCount(), 3);
        QVERIFY(studio.current()->variantSvgs().isEmpty());
        studio.nextVariant(); // waits for the variants instead of showing an empty stage
        QCOMPARE(studio.current()->variantIndex(), 0);
        QCOMPARE(studio.current()->svg(), svgs.at(0));

        QTRY_VERIFY(!studio.current()->variantsLoading());
        QCOMPARE(studio.current()->variantSvgs(), svgs);
        QCOMPARE(studio.current()->interpretation().value(QStringLiteral("summary")).toString(),
                 QStringLiteral("chamfer · box"));
        QCOMPARE(api.callsTo(iconPath).size(), 1);
        QCOMPARE(api.callsTo(iconPath).last().status, 200);
        const ClientIcon row = studio.history()->asset(id);
        QVERIFY(row.complete);
        QCOMPARE(row.svg(1), svgs.at(1));
        {
            HistoryModel cached(&api);
            cached.setCacheFile(cache);
            QVERIFY(cached.fromCache());
            QVERIFY(cached.asset(id).complete);
            QCOMPARE(cached.asset(id).svg(2), svgs.at(2));
            QCOMPARE(cached.asset(id).interpretation, row.interpretation);
        }

        // A thumbnail reload keeps the variants the row already has; opening it again asks nothing.
        studio.history()->refresh();
        QTRY_VERIFY(!studio.history()->loading());
        QVERIFY(studio.history()->asset(id).complete);
        studio.clearCurrent();
        studio.selectAsset(id);
        QVERIFY(!studio.current()->variantsLoading());
        QCOMPARE(api.callsTo(iconPath).size(), 1);
        studio.nextVariant();
        QCOMPARE(studio.current()->variantIndex(), 1);
        QCOMPARE(studio.current()->svg(), svgs.at(1));

        // Deleted elsewhere after the page was read: the stage keeps the row's variant and says why
        // the others are missing.
        QVERIFY(studio.history()->indexOf(goneId) >= 0);
        int status = 0;
        QCOMPARE(call(api, "DELETE", QStringLiteral("/api/icons/") + goneId, &status), ApiReply::Outcome::Ok);
        QSignalSpy notify(&studio, &Studio::notify);
        studio.selectAsset(goneId);
        QCOMPARE(studio.current()->svg(), variantSvgs(gone).at(0));
        QVERIFY(notify.wait(10000));
        QVERIFY2(notify.last().at(0).toString().contains(QStringLiteral("could not be loaded")),
                 qPrintable(notify.last().at(0).toString()));
        QVERIFY(studio.current()->variantsLoading());
        QCOMPARE(studio.current()->svg(), variantSvgs(gone).at(0));
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
        added.variants << ClientIconVariant{added.id, QStringLiteral("V"), QStringLiteral("<svg/>"), {}, {}};
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
        studio.composer()->setMode(QStringLiteral("refine"));
        studio.composer()->setPrompt(QStringLiteral("make it bolder"));
        studio.submit();
        QCOMPARE(studio.session()->lastText(),
                 QStringLiteral(
                     "Cannot refine: No asset selected. Switch to Create mode or select an asset first."));
        QVERIFY(!studio.busy());

        studio.composer()->setMode(QStringLiteral("create"));
        // The batch size is the user's (1 … what the server's OpenAPI document allows).
        QTRY_COMPARE(studio.composer()->maxVariants(), 3);
        studio.composer()->setVariantsRequested(2);
        QCOMPARE(studio.composer()->output(), QStringLiteral("batch"));
        studio.composer()->setVariantsRequested(9);
        QCOMPARE(studio.composer()->variantsRequested(), 3);
        studio.composer()->setOutput(QStringLiteral("batch"));
        studio.composer()->setPrompt(QStringLiteral("fillet two curves"));
        QSignalSpy generated(&studio, &Studio::generated);
        studio.submit();
        QVERIFY(studio.busy());
        QVERIFY(studio.session()->thinking());
        QCOMPARE(studio.composer()->prompt(), QStringLiteral("fillet two curves")); // kept until it succeeded
        QVERIFY(generated.wait(30000));
        QCOMPARE(studio.composer()->prompt(), QString()); // done: the box is ready for the next one
        QVERIFY(!studio.busy());
        QCOMPARE(studio.current()->variantCount(), 3);
        QCOMPARE(studio.current()->variantLabel(), QStringLiteral("01 / 03"));
        QVERIFY(studio.session()->lastText().startsWith(QStringLiteral("Generated 3 variants: ")));
        QVERIFY(studio.current()->svg().contains(QStringLiteral("<svg")));
        const QString id = studio.current()->id();
        QTRY_VERIFY(studio.history()->indexOf(id) == 0);
        studio.nextVariant();
        QCOMPARE(studio.current()->variantLabel(), QStringLiteral("02 / 03"));

        // A new request cancels the one in flight, silently.
        studio.composer()->setOutput(QStringLiteral("single"));
        studio.composer()->setPrompt(QStringLiteral("circle"));
        studio.submit();
        studio.composer()->setPrompt(QStringLiteral("polar array"));
        studio.submit();
        QVERIFY(generated.wait(30000));
        QCOMPARE(studio.current()->prompt(), QStringLiteral("polar array"));
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
        studio.composer()->setPrompt(tooLong);
        studio.submit();
        QVERIFY(failed.wait(30000));
        QCOMPARE(studio.composer()->prompt(), tooLong);
        studio.composer()->setPrompt({});

        // Selecting a history entry shows it with its variant; the command bar keeps the user's
        // choices (single output, light ink) instead of the icon's.
        studio.composer()->setColorMode(QStringLiteral("light"));
        studio.selectAsset(id);
        QCOMPARE(studio.current()->id(), id);
        QCOMPARE(studio.composer()->output(), QStringLiteral("single"));
        QCOMPARE(studio.composer()->colorMode(), QStringLiteral("light"));
        QCOMPARE(studio.composer()->mode(), QStringLiteral("create"));
        QCOMPARE(studio.current()->variantIndex(), 1);
        // The ink changed after the icon was made: the studio asks for it in the new ink.
        QSignalSpy restyle(&studio, &Studio::restyleRequested);
        studio.restyleCurrent();
        QCOMPARE(restyle.count(), 1);
        QCOMPARE(restyle.last().at(1).toString(), QStringLiteral("light"));
        // Drawn again from its scene (loaded on demand): shown in light ink.
        QTRY_COMPARE_WITH_TIMEOUT(studio.current()->colorMode(), QStringLiteral("light"), 10000);
        studio.composer()->setColorMode(QStringLiteral("dark"));
        studio.restyleCurrent();
        QCOMPARE(restyle.count(), 2);
        QCOMPARE(studio.current()->colorMode(), QStringLiteral("dark"));
        studio.restyleCurrent();
        QCOMPARE(restyle.count(), 2); // shown in dark ink already: nothing to do

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
        QVERIFY(!studio.current()->valid()); // it was the current icon
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
