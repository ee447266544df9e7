// bench_soak: a bounded soak of the real parametric-server (issue 11 point 7).
//
//   bench_soak --server BIN [--seconds 600] [--capacity-seconds 20] [--load 0.8]
//
// Starts a fake GitHub (the test fake, in its own thread) and BIN against the database the
// POSTGRES_* variables name, signs in, then:
//   1. measures capacity: 32 clients run the request mix back to back for --capacity-seconds;
//   2. warms up for a minute at the soak's rate, closes its connections, rests 65 s and reads the
//      server's RSS at rest (after its one-minute memory trim);
//   3. soaks: starts operations of the same mix at --load × that rate, evenly spaced, for --seconds;
//   4. closes its connections, rests again and reads the RSS at rest;
// and prints the errors, latency percentiles, RSS under load and the growth of the RSS at rest.
// The mix: list, /auth/me, generate (built-in generator), import, SVG download, local sign-in +
// refresh + sign-out, a whole GitHub sign-in through the fake provider, bad input of every kind
// (each with its expected status), and clients that disconnect early (mid-head, mid-body, and
// right after sending a generation). An error is any other status, a 5xx, a connection failure or
// no answer within 15 s. Figures only; the exit code is 0 unless the run itself could not happen.
#include "fakeoauthprovider.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace {

constexpr int kAnswerTimeoutMs = 15000;
constexpr int kRestMs = 65 * 1000;   // longer than the server's one-minute memory trim
constexpr int kWarmUpMs = 60 * 1000; // at the soak's rate, before the first rest

QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A field of /proc/<pid>/status in KiB: VmRSS, RssAnon (heap, stacks) or RssFile (mapped code and data).
qint64 statusKb(qint64 pid, const QByteArray &field = "VmRSS")
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
qint64 rssKb(qint64 pid)
{
    return statusKb(pid);
}

// The lowest RSS over kRestMs without load (the driver keeps its event loop turning meanwhile).
qint64 restingRss(qint64 pid)
{
    QElapsedTimer t;
    t.start();
    qint64 lowest = rssKb(pid);
    while (t.elapsed() < kRestMs) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 1000);
        lowest = std::min(lowest, rssKb(pid));
    }
    return lowest;
}

struct Answer
{
    int status = 0; // 0: no answer (connection failed, closed or timed out)
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// One keep-alive HTTP/1.1 connection: one request at a time, Content-Length bodies (what the server
// and the fake provider send).
class Connection : public QObject
{
public:
    Connection(quint16 port, QObject *parent)
        : QObject(parent)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this, &Connection::onRead);
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] { finish(0); });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
            if (e != QAbstractSocket::RemoteHostClosedError)
                finish(0);
        });
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, [this] { finish(0); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

    bool usable() const { return !m_closing && m_socket.state() != QAbstractSocket::UnconnectedState; }
    bool busy() const { return bool(m_done); }

    void send(const QByteArray &bytes, std::function<void(const Answer &)> done)
    {
        m_done = std::move(done);
        m_buffer.clear();
        m_timeout.start(kAnswerTimeoutMs);
        m_socket.write(bytes);
    }
    // Writes and closes at once, waiting for nothing (an early disconnect).
    void sendAndAbandon(const QByteArray &bytes)
    {
        m_closing = true;
        auto write = [this, bytes] {
            m_socket.write(bytes);
            m_socket.flush();
            m_socket.abort();
            deleteLater();
        };
        if (m_socket.state() == QAbstractSocket::ConnectedState)
            write();
        else
            connect(&m_socket, &QTcpSocket::connected, this, write);
    }

private:
    void onRead()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0 || !m_done)
            return;
        Answer a;
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        a.status = lines.value(0).mid(9, 3).toInt();
        qint64 length = 0;
        bool close = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            a.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
            if (name.compare("Connection", Qt::CaseInsensitive) == 0 && value.toLower() == "close")
                close = true;
        }
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        a.body = m_buffer.mid(headEnd + 4, length);
        m_buffer.clear();
        if (close)
            m_closing = true;
        deliver(a);
    }

    void finish(int)
    {
        m_closing = true;
        if (m_done)
            deliver(Answer{});
    }

    void deliver(const Answer &a)
    {
        m_timeout.stop();
        auto done = std::move(m_done);
        m_done = nullptr;
        done(a);
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QTimer m_timeout;
    std::function<void(const Answer &)> m_done;
    bool m_closing = false;
};

struct Stats
{
    std::map<QString, std::vector<double>> latencyMs; // per request kind
    std::map<QString, int> errors;                    // "kind: what" → count
    std::map<QString, QString> errorExample;
    qint64 requests = 0;
    qint64 operations = 0;
    qint64 abandoned = 0; // early disconnects sent

    void reset() { *this = Stats(); }
    double p99() const;
    int errorCount() const
    {
        int n = 0;
        for (const auto &[k, v] : errors)
            n += v;
        return n;
    }
};

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size())))];
}

double Stats::p99() const
{
    std::vector<double> all;
    for (const auto &[kind, v] : latencyMs)
        all.insert(all.end(), v.begin(), v.end());
    return percentile(std::move(all), 0.99);
}

class Soak : public QObject
{
public:
    Soak(quint16 apiPort, QUrl providerBase, QByteArray localSecret)
        : m_port(apiPort)
        , m_provider(std::move(providerBase))
        , m_secret(std::move(localSecret))
    {}

    Stats stats;
    int outstanding = 0;

    // Signs in as the local user (its tokens serve list, generate, import and download).
    bool prepare()
    {
        bool ok = false;
        bool done = false;
        request("POST", "/api/auth/local", json({{"secret", QString::fromLatin1(m_secret)}}), {}, "setup",
                200, [&](const Answer &a) {
                    m_access = a.json().value("accessToken").toString().toLatin1();
                    ok = a.status == 200 && !m_access.isEmpty();
                    done = true;
                });
        QElapsedTimer t;
        t.start();
        while (!done && t.elapsed() < kAnswerTimeoutMs)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        return ok;
    }

    // Closes the keep-alive connections kept for reuse: the server holds buffers for each open
    // connection, so RSS at rest is only comparable with none open.
    void closeIdleConnections()
    {
        for (Connection *c : m_idle)
            delete c;
        m_idle.clear();
    }

    // One operation of the mix; `done` runs when its last request is answered.
    void operation(std::function<void()> done)
    {
        ++outstanding;
        ++stats.operations;
        auto finish = [this, done = std::move(done)] {
            --outstanding;
            if (done)
                done();
        };
        static const std::vector<std::pair<int, void (Soak::*)(std::function<void()>)>> mix = {
            {24, &Soak::list},      {10, &Soak::me},           {14, &Soak::generate},
            {9, &Soak::importIcon}, {5, &Soak::download},      {12, &Soak::badInput},
            {8, &Soak::disconnect}, {10, &Soak::localSession}, {8, &Soak::oauthSignIn},
        };
        static const int total = [] {
            int t = 0;
            for (const auto &m : mix)
                t += m.first;
            return t;
        }();
        int pick = QRandomGenerator::global()->bounded(total);
        for (const auto &[weight, run] : mix) {
            if (pick < weight) {
                (this->*run)(finish);
                return;
            }
            pick -= weight;
        }
    }

private:
    static QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

    Connection *connection()
    {
        while (!m_idle.empty()) {
            Connection *c = m_idle.back();
            m_idle.pop_back();
            if (c->usable())
                return c;
            c->deleteLater();
        }
        return new Connection(m_port, this);
    }
    void release(Connection *c)
    {
        if (c->usable() && m_idle.size() < 256)
            m_idle.push_back(c);
        else
            c->deleteLater();
    }

    static QByteArray head(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                           const QList<std::pair<QByteArray, QByteArray>> &headers,
                           const QByteArray &host = "127.0.0.1")
    {
        QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
        bool hasType = false;
        for (const auto &[k, v] : headers) {
            r += k + ": " + v + "\r\n";
            hasType = hasType || k.compare("Content-Type", Qt::CaseInsensitive) == 0;
        }
        if (!body.isEmpty() && !hasType)
            r += "Content-Type: application/json\r\n";
        if (!body.isEmpty() || method == "POST" || method == "PATCH")
            r += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        return r + "\r\n" + body;
    }

    // One request to the server; an answer other than `expected` is an error of `kind`.
    void request(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                 QList<std::pair<QByteArray, QByteArray>> headers, const QString &kind, int expected,
                 std::function<void(const Answer &)> then)
    {
        Connection *c = connection();
        QElapsedTimer timer;
        timer.start();
        ++stats.requests;
        c->send(head(method, target, body, headers), [=, this](const Answer &a) {
            stats.latencyMs[kind].push_back(double(timer.nsecsElapsed()) / 1e6);
            if (a.status != expected) {
                const QString what =
                    kind + QStringLiteral(": ") +
                    (a.status ? QStringLiteral("HTTP %1 (expected %2)").arg(a.status).arg(expected)
                              : QStringLiteral("no answer"));
                ++stats.errors[what];
                stats.errorExample.try_emplace(what, QString::fromUtf8(a.body.left(300)));
            }
            release(c);
            then(a);
        });
    }

    QList<std::pair<QByteArray, QByteArray>> bearer(const QByteArray &token = {}) const
    {
        return {{"Authorization", "Bearer " + (token.isEmpty() ? m_access : token)}};
    }

    void list(std::function<void()> done)
    {
        const int offset = QRandomGenerator::global()->bounded(3) * 20;
        request("GET", "/api/icons?limit=20&offset=" + QByteArray::number(offset), {}, bearer(), "list", 200,
                [done](const Answer &) { done(); });
    }

    void me(std::function<void()> done)
    {
        request("GET", "/api/auth/me", {}, bearer(), "me", 200, [done](const Answer &) { done(); });
    }

    void generate(std::function<void()> done)
    {
        static const QStringList prompts{QStringLiteral("fillet two curves"),
                                         QStringLiteral("polar array"),
                                         QStringLiteral("circle"),
                                         QStringLiteral("line"),
                                         QStringLiteral("mirror"),
                                         QStringLiteral("extrude")};
        const QJsonObject body{{"prompt", prompts.at(QRandomGenerator::global()->bounded(prompts.size()))},
                               {"variantCount", 1 + QRandomGenerator::global()->bounded(3)}};
        request("POST", "/api/icons", json(body), bearer(), "generate", 201, [this, done](const Answer &a) {
            const QString id = a.json().value("id").toString();
            if (!id.isEmpty()) {
                m_recentIcons.push_back(id.toLatin1());
                if (m_recentIcons.size() > 200)
                    m_recentIcons.pop_front();
            }
            done();
        });
    }

    void importIcon(std::function<void()> done)
    {
        const QString svg =
            QStringLiteral(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><g id=\"Primary\" "
                "fill=\"none\" stroke=\"#000\" stroke-width=\"1\"><path d=\"M4 28 L%1 4\"/></g></svg>")
                .arg(4 + QRandomGenerator::global()->bounded(25));
        request("POST", "/api/icons/import", json({{"name", "soak upload"}, {"svg", svg}}), bearer(),
                "import", 201, [done](const Answer &) { done(); });
    }

    void download(std::function<void()> done)
    {
        if (m_recentIcons.empty())
            return list(std::move(done));
        const QByteArray id =
            m_recentIcons.at(QRandomGenerator::global()->bounded(int(m_recentIcons.size())));
        request("GET", "/api/icons/" + id + "/svg", {}, bearer(), "download", 200,
                [done](const Answer &) { done(); });
    }

    void badInput(std::function<void()> done)
    {
        struct Bad
        {
            QByteArray method, target, body;
            QList<std::pair<QByteArray, QByteArray>> headers;
            int expected;
        };
        const auto auth = bearer();
        const QList<Bad> cases{
            {"POST", "/api/icons", "{\"prompt\":", auth, 400},
            {"POST", "/api/icons", "{\"prompt\":\"\"}", auth, 400},
            {"POST", "/api/icons", "{\"prompt\":\"" + QByteArray(1200, 'x') + "\"}", auth, 400},
            {"POST", "/api/icons", "prompt=circle",
             auth + QList<std::pair<QByteArray, QByteArray>>{{"Content-Type", "text/plain"}}, 415},
            {"GET", "/api/icons?limit=abc", {}, auth, 400},
            {"GET", "/api/icons", {}, {}, 401},
            {"GET", "/api/icons", {}, {{"Authorization", "Bearer not-a-token-0123456789abcdef"}}, 401},
            {"GET", "/api/nothing-here", {}, {}, 404},
            {"DELETE", "/api/health/liveness", {}, {}, 405},
            {"GET", "/api/icons/not-a-uuid", {}, auth, 404},
            {"POST", "/api/icons/import", "{\"name\":\"x\",\"svg\":\"<html><script>1</script></html>\"}",
             auth, 400},
            {"POST",
             "/api/auth/refresh",
             {},
             {{"Authorization", "Bearer unknown-refresh-token-0123456789"}},
             401},
        };
        const Bad &b = cases.at(QRandomGenerator::global()->bounded(int(cases.size())));
        request(b.method, b.target, b.body, b.headers, QStringLiteral("bad input"), b.expected,
                [done](const Answer &) { done(); });
    }

    void disconnect(std::function<void()> done)
    {
        const QByteArray generate = head("POST", "/api/icons", json({{"prompt", "circle"}}), bearer());
        const QList<QByteArray> variants{
            generate,                                     // sent whole: the server works for nobody
            generate.left(generate.indexOf("\r\n") + 10), // mid-head
            head("POST", "/api/icons/import", {}, bearer())
                    .replace("Content-Length: 0", "Content-Length: 500") +
                "{\"name\":\"half", // mid-body
        };
        auto *c = new Connection(m_port, this);
        c->sendAndAbandon(variants.at(QRandomGenerator::global()->bounded(int(variants.size()))));
        ++stats.abandoned;
        // Counted as done at once: nothing comes back.
        QTimer::singleShot(0, this, done);
    }

    // Local sign-in, a refresh (rotation), then sign-out of that session.
    void localSession(std::function<void()> done)
    {
        request("POST", "/api/auth/local", json({{"secret", QString::fromLatin1(m_secret)}}), {},
                "sign-in (local)", 200, [this, done](const Answer &a) {
                    const QByteArray refresh = a.json().value("refreshToken").toString().toLatin1();
                    if (refresh.isEmpty())
                        return done();
                    request("POST", "/api/auth/refresh", {}, bearer(refresh), "refresh", 200,
                            [this, done](const Answer &r) {
                                const QByteArray access = r.json().value("accessToken").toString().toLatin1();
                                if (access.isEmpty())
                                    return done();
                                request("POST", "/api/auth/logout", {}, bearer(access), "sign-out", 200,
                                        [done](const Answer &) { done(); });
                            });
                });
    }

    // The desktop app's GitHub sign-in: start (302 to the provider, login cookie), the provider's
    // consent (302 back), the callback (the server exchanges the code with the fake provider and
    // redirects to the app's loopback with a one-time code), then the token request.
    void oauthSignIn(std::function<void()> done)
    {
        const QByteArray verifier = randomUrlSafe(48);
        const QByteArray challenge =
            QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QByteArray loopback = "http://127.0.0.1:49152/callback";
        const QByteArray state = randomUrlSafe(12);
        QUrlQuery q;
        q.addQueryItem("redirect_uri",
                       QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(loopback))));
        q.addQueryItem("code_challenge", QString::fromLatin1(challenge));
        q.addQueryItem("code_challenge_method", "S256");
        q.addQueryItem("state", QString::fromLatin1(state));
        q.addQueryItem("redirect", "1");
        const QByteArray start = "/api/auth/oauth/github?" + q.toString(QUrl::FullyEncoded).toLatin1();
        request("GET", start, {}, {}, "sign-in (github) start", 302, [=, this](const Answer &a) {
            const QByteArray cookie = a.header("Set-Cookie").split(';').value(0);
            const QUrl provider = QUrl::fromEncoded(a.header("Location"));
            if (cookie.isEmpty() || !provider.isValid())
                return done();
            // The provider: a connection of its own (it answers one request per connection).
            auto *c = new Connection(quint16(provider.port()), this);
            const QByteArray target = provider.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
            c->send(head("GET", target, {}, {}), [=, this](const Answer &consent) {
                c->deleteLater();
                const QUrl callback = QUrl::fromEncoded(consent.header("Location"));
                if (consent.status != 302 || !callback.isValid()) {
                    ++stats.errors[QStringLiteral("fake provider: no consent redirect")];
                    return done();
                }
                const QByteArray path = callback.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
                request("GET", path, {}, {{"Cookie", cookie}}, "sign-in (github) callback", 302,
                        [=, this](const Answer &back) {
                            const QUrlQuery result(QUrl::fromEncoded(back.header("Location")));
                            const QByteArray code = result.queryItemValue("code").toLatin1();
                            if (code.isEmpty())
                                return done();
                            const QByteArray form =
                                "grant_type=authorization_code&code=" + code + "&code_verifier=" + verifier +
                                "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromLatin1(loopback));
                            request("POST", "/api/auth/token", form,
                                    {{"Content-Type", "application/x-www-form-urlencoded"}},
                                    "sign-in (github) token", 200, [done](const Answer &) { done(); });
                        });
            });
        });
    }

    quint16 m_port;
    QUrl m_provider;
    QByteArray m_secret;
    QByteArray m_access;
    std::vector<Connection *> m_idle;
    std::deque<QByteArray> m_recentIcons;
};

void printStats(const Stats &s, double seconds)
{
    std::vector<double> all;
    std::printf("  %-28s %9s %9s %9s\n", "request", "count", "p50 ms", "p99 ms");
    for (const auto &[kind, v] : s.latencyMs) {
        all.insert(all.end(), v.begin(), v.end());
        std::printf("  %-28s %9zu %9.1f %9.1f\n", qPrintable(kind), v.size(), percentile(v, 0.5),
                    percentile(v, 0.99));
    }
    std::printf("  %-28s %9zu %9.1f %9.1f\n", "all", all.size(), percentile(all, 0.5), percentile(all, 0.99));
    std::printf("  operations %lld (%.1f/s), requests %lld (%.1f/s), early disconnects %lld\n", s.operations,
                double(s.operations) / seconds, s.requests, double(s.requests) / seconds, s.abandoned);
    std::printf("  errors: %d\n", s.errorCount());
    for (const auto &[what, n] : s.errors)
        std::printf("    %6d  %s  %s\n", n, qPrintable(what),
                    qPrintable(s.errorExample.count(what) ? s.errorExample.at(what) : QString()));
    std::fflush(stdout);
}

// Runs `clients` operations back to back for `ms`.
void closedLoop(Soak &soak, int clients, qint64 ms)
{
    QElapsedTimer t;
    t.start();
    std::function<void()> next = [&] {
        if (t.elapsed() < ms)
            soak.operation(next);
    };
    for (int i = 0; i < clients; ++i)
        soak.operation(next);
    while (t.elapsed() < ms || soak.outstanding > 0) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        if (t.elapsed() > ms + kAnswerTimeoutMs + 5000)
            break;
    }
}

struct LoadResult
{
    qint64 backlogSkipped = 0;
    qint64 rssMin = -1;
    qint64 rssMax = -1;
};

// Starts operations at `rate` per second, evenly spaced, for `ms`, then waits for the last answers.
// At most 512 are outstanding: beyond that the server has fallen behind, and what is not started is
// counted. With `sample`, prints the server's RSS every 30 s.
LoadResult openLoop(Soak &soak, double rate, qint64 ms, qint64 pid, bool sample)
{
    LoadResult result;
    QElapsedTimer clock;
    clock.start();
    double owed = 0;
    qint64 lastTick = 0, lastSample = 0;
    while (clock.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        const qint64 now = clock.elapsed();
        owed += rate * double(now - lastTick) / 1000.0;
        lastTick = now;
        while (owed >= 1) {
            owed -= 1;
            if (soak.outstanding >= 512) {
                ++result.backlogSkipped;
                continue;
            }
            soak.operation({});
        }
        if (sample && now - lastSample >= 30000) {
            lastSample = now;
            const qint64 rss = rssKb(pid);
            result.rssMin = result.rssMin < 0 ? rss : std::min(result.rssMin, rss);
            result.rssMax = std::max(result.rssMax, rss);
            std::printf("  t=%4llds RSS %lld KiB (anon %lld, file %lld), errors so far %d\n", now / 1000, rss,
                        statusKb(pid, "RssAnon"), statusKb(pid, "RssFile"), soak.stats.errorCount());
            std::fflush(stdout);
        }
    }
    QElapsedTimer drain;
    drain.start();
    while (soak.outstanding > 0 && drain.elapsed() < kAnswerTimeoutMs + 5000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    return result;
}

// Closes every connection, waits kRestMs and returns the server's lowest RSS meanwhile.
qint64 rest(Soak &soak, qint64 pid)
{
    std::printf("== at rest for %d s, no connection open\n", kRestMs / 1000);
    std::fflush(stdout);
    soak.closeIdleConnections();
    const qint64 rss = restingRss(pid);
    std::printf("  RSS at rest %lld KiB (anon %lld, file %lld)\n", rss, statusKb(pid, "RssAnon"),
                statusKb(pid, "RssFile"));
    return rss;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QStringLiteral("parametric-server binary"), QStringLiteral("path"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("soak duration"),
                                           QStringLiteral("s"), QStringLiteral("600"));
    const QCommandLineOption capacityOption(QStringLiteral("capacity-seconds"),
                                            QStringLiteral("capacity measurement"), QStringLiteral("s"),
                                            QStringLiteral("20"));
    const QCommandLineOption loadOption(QStringLiteral("load"), QStringLiteral("fraction of capacity"),
                                        QStringLiteral("f"), QStringLiteral("0.8"));
    parser.addOptions({serverOption, secondsOption, capacityOption, loadOption});
    parser.process(app);
    const int seconds = parser.value(secondsOption).toInt();
    const int capacitySeconds = parser.value(capacityOption).toInt();
    const double load = parser.value(loadOption).toDouble();
    if (!parser.isSet(serverOption) || seconds <= 0 || capacitySeconds <= 0 || load <= 0 || load > 1)
        parser.showHelp(2);

    // The fake GitHub runs in a thread of its own, so the driver's own work never delays the server's
    // calls to it.
    QThread providerThread;
    providerThread.start();
    QObject providerContext;
    providerContext.moveToThread(&providerThread);
    std::unique_ptr<FakeOAuthProvider> github;
    QHash<QString, QString> providerVariables;
    QUrl providerBase;
    QMetaObject::invokeMethod(
        &providerContext,
        [&] {
            github = std::make_unique<FakeOAuthProvider>(FakeOAuthProvider::Kind::GitHub);
            github->identity.subject = QStringLiteral("77077");
            github->identity.email = QStringLiteral("soak@example.com");
            if (github->listen()) {
                providerVariables = github->variables();
                providerBase = github->baseUrl();
            }
        },
        Qt::BlockingQueuedConnection);
    if (providerVariables.isEmpty()) {
        std::fprintf(stderr, "bench_soak: the fake GitHub could not listen\n");
        return 1;
    }

    QTemporaryDir work;
    const QByteArray secret = randomUrlSafe(32);
    QFile secretFile(work.filePath(QStringLiteral("local-secret")));
    if (!secretFile.open(QIODevice::WriteOnly) || secretFile.write(secret) != secret.size())
        return 1;
    secretFile.close();
    quint16 port = 0;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port = probe.serverPort();
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = providerVariables.cbegin(); it != providerVariables.cend(); ++it)
        env.insert(it.key(), it.value());
    env.insert(QStringLiteral("API_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("API_PORT"), QString::number(port));
    env.insert(QStringLiteral("API_BASE_URL"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    env.insert(QStringLiteral("ICON_GENERATOR"), QStringLiteral("builtin"));
    QProcess server;
    server.setProcessEnvironment(env);
    server.setProcessChannelMode(QProcess::MergedChannels);
    const QString serverLog = work.filePath(QStringLiteral("server.log"));
    server.setStandardOutputFile(serverLog);
    // SOAK_SERVER_WRAPPER runs the server under a tool (diagnosis), e.g. "heaptrack -o /tmp/soak"; the RSS
    // figures are then the tool's process.
    QStringList command = qEnvironmentVariable("SOAK_SERVER_WRAPPER").split(u' ', Qt::SkipEmptyParts);
    command << parser.value(serverOption) << QStringLiteral("serve")
            << QStringLiteral("--local-login-secret-file") << secretFile.fileName();
    server.start(command.takeFirst(), command);
    if (!server.waitForStarted(10000)) {
        std::fprintf(stderr, "bench_soak: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const qint64 pid = server.processId();
    const qint64 rssAtStart = [&] {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            if (s.waitForConnected(500)) {
                s.write("GET /api/health/readiness HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                if (s.waitForReadyRead(2000) && s.readAll().startsWith("HTTP/1.1 200"))
                    return rssKb(pid);
            }
            QThread::msleep(100);
        }
        return qint64(-1);
    }();
    if (rssAtStart < 0) {
        QFile log(serverLog);
        log.open(QIODevice::ReadOnly);
        std::fprintf(stderr, "bench_soak: the server never became ready:\n%s\n", log.readAll().constData());
        server.kill();
        return 1;
    }

    Soak soak(port, providerBase, secret);
    if (!soak.prepare()) {
        std::fprintf(stderr, "bench_soak: local sign-in failed\n");
        server.kill();
        return 1;
    }
    std::printf("server pid %lld ready, RSS %lld KiB\n", pid, rssAtStart);

    std::printf("== capacity: 32 clients back to back for %d s\n", capacitySeconds);
    std::fflush(stdout);
    closedLoop(soak, 32, qint64(capacitySeconds) * 1000);
    const double capacity = double(soak.stats.operations) / capacitySeconds;
    printStats(soak.stats, capacitySeconds);
    const double rate = capacity * load;

    // RSS at rest before and after: the server's memory while nothing runs and no connection is open,
    // once its minute trim (MemoryTrimmer) has handed freed memory back. The first rest follows a
    // minute at the soak's rate, so the allocator has already met that load once; the difference is
    // what the soak itself left behind. RSS under load also holds the requests in flight, so it is
    // sampled but not compared.
    std::printf("== warm-up: %.0f operations/s (%.0f%% of %.0f) for %d s\n", rate, load * 100, capacity,
                kWarmUpMs / 1000);
    std::fflush(stdout);
    openLoop(soak, rate, kWarmUpMs, pid, false);
    std::printf("  errors: %d\n", soak.stats.errorCount());
    const int warmUpErrors = soak.stats.errorCount();
    const qint64 rssStart = rest(soak, pid);

    std::printf("== soak: %.0f operations/s (%.0f%% of %.0f) for %d s\n", rate, load * 100, capacity,
                seconds);
    std::fflush(stdout);
    soak.stats.reset();
    const LoadResult loadResult = openLoop(soak, rate, qint64(seconds) * 1000, pid, true);
    printStats(soak.stats, seconds);
    if (loadResult.backlogSkipped)
        std::printf("  operations not started because 512 were outstanding (the server fell behind): %lld\n",
                    loadResult.backlogSkipped);
    std::printf("  RSS under load, sampled every 30 s: %lld to %lld KiB\n", loadResult.rssMin,
                loadResult.rssMax);
    const qint64 rssEnd = rest(soak, pid);
    std::printf(
        "RESULT: %d errors (warm-up %d), p99 %.1f ms, RSS at rest %lld KiB before the soak and %lld KiB "
        "after it: growth %+.1f%%\n",
        soak.stats.errorCount(), warmUpErrors, soak.stats.p99(), rssStart, rssEnd,
        100.0 * double(rssEnd - rssStart) / double(rssStart));

    server.terminate();
    const bool stopped = server.waitForFinished(20000);
    std::printf("server %s\n", stopped && server.exitStatus() == QProcess::NormalExit
                                   ? qPrintable(QStringLiteral("exited with code %1").arg(server.exitCode()))
                                   : "did not stop cleanly");
    QMetaObject::invokeMethod(
        &providerContext, [&] { github.reset(); }, Qt::BlockingQueuedConnection);
    providerThread.quit();
    providerThread.wait();
    return 0;
}
