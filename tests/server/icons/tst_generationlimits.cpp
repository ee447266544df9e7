// Generation limits kept in PostgreSQL (issue 4 point 6; security-policy RL-1…RL-3, RL-6): the
// rolling-minute rate, the rolling-day cap, in-flight leases per user and their expiry, the global
// upstream cap, and that concurrent admissions cannot overshoot. Time moves through a ManualClock.
#include "core/clock.h"
#include "db/database.h"
#include "db/dberror.h"
#include "db/sqlquery.h"
#include "http/apierror.h"
#include "icons/generationlimiter.h"
#include "pg/testpostgres.h"

#include <QAtomicInt>
#include <QSemaphore>
#include <QTest>

namespace {

struct Rejection
{
    int status = 0;
    QByteArray retryAfter;
};

// Admission outcome: a lease id or the ApiError's status and Retry-After.
std::optional<Rejection> tryAdmit(const GenerationLimiter &limiter, Database &db, const QString &user,
                                  bool upstream, QString *leaseOut = nullptr)
{
    try {
        const QString lease = limiter.admit(db.connection(), user, upstream);
        if (leaseOut)
            *leaseOut = lease;
        return std::nullopt;
    } catch (const ApiError &e) {
        Rejection r;
        r.status = e.status();
        for (const auto &h : e.headers()) {
            if (h.first.compare("Retry-After", Qt::CaseInsensitive) == 0)
                r.retryAfter = h.second;
        }
        return r;
    }
}

int retryAfterSeconds(const Rejection &r)
{
    bool ok = false;
    const int seconds = r.retryAfter.toInt(&ok);
    return ok ? seconds : -1;
}

} // namespace

class TestGenerationLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    int m_users = 0;

    QString newUser()
    {
        SqlQuery q(m_db->connection(),
                   QStringLiteral("INSERT INTO users (email) VALUES (:email::text) RETURNING id::text"));
        q.bind(QStringLiteral(":email"), QStringLiteral("limits%1@example.test").arg(++m_users)).exec();
        q.next();
        return q.value(0).toString();
    }

    static void kinds()
    {
        QTest::addColumn<bool>("upstream");
        QTest::newRow("built-in") << false;
        QTest::newRow("upstream") << true;
    }

    QString newLocalUser()
    {
        SqlQuery q(m_db->connection(),
                   QStringLiteral("INSERT INTO users (is_local) VALUES (true) RETURNING id::text"));
        q.exec();
        q.next();
        return q.value(0).toString();
    }

    int count(const QString &sql, const QString &user)
    {
        SqlQuery q(m_db->connection(), sql);
        q.bind(QStringLiteral(":user"), user).exec();
        q.next();
        return q.value(0).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<Database>(
            TestPostgres::instance().createFreshDatabase(QStringLiteral("limits")), 4);
    }

    void cleanupTestCase() { m_db.reset(); }

    void defaultsAndConfiguration()
    {
        const GenerationLimits defaults;
        QCOMPARE(defaults.ratePerMinute, 10);
        QCOMPARE(defaults.dailyCap, 200);
        QCOMPARE(defaults.builtinRatePerMinute, 300);
        QCOMPARE(defaults.builtinDailyCap, 10000);
        QCOMPARE(defaults.dailyBudget, 1000);
        QCOMPARE(defaults.maxInFlightPerUser, 2);
        QCOMPARE(defaults.maxConcurrentUpstream, 4);
    }

    // Both kinds of generator (rows): the built-in one is limited by GENERATION_BUILTIN_*, an upstream
    // one by GENERATION_RATE_PER_MIN / GENERATION_DAILY_CAP.
    void rateLimitPerMinute_data() { kinds(); }
    void dailyCap_data() { kinds(); }

    // RL-6: the (rate+1)-th admission within a minute → 429 with an integral Retry-After in [1, 60];
    // after that many seconds it is admitted again; another user is unaffected throughout. Released
    // (finished or failed) generations still count.
    void rateLimitPerMinute()
    {
        QFETCH(bool, upstream);
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        (upstream ? limits.ratePerMinute : limits.builtinRatePerMinute) = 5;
        GenerationLimiter limiter(limits, clock);
        const QString alice = newUser();
        const QString bob = newUser();

        for (int i = 0; i < 5; ++i) {
            QString lease;
            QVERIFY(!tryAdmit(limiter, *m_db, alice, upstream, &lease));
            GenerationLimiter::release(m_db->connection(), lease); // "failed" or finished: counts anyway
            clock->advance(2);
        }
        const auto rejected = tryAdmit(limiter, *m_db, alice, upstream);
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 429);
        const int wait = retryAfterSeconds(*rejected);
        QVERIFY2(wait >= 1 && wait <= 60, rejected->retryAfter.constData());
        QCOMPARE(wait, 60 - 10); // the oldest admission was 10 s ago

        QString lease;
        QVERIFY(!tryAdmit(limiter, *m_db, bob, upstream, &lease)); // bob is unaffected
        GenerationLimiter::release(m_db->connection(), lease);

        clock->advance(wait - 1);
        QVERIFY(tryAdmit(limiter, *m_db, alice, upstream)); // one second early: still refused
        clock->advance(1);
        QVERIFY(!tryAdmit(limiter, *m_db, alice, upstream, &lease));
        GenerationLimiter::release(m_db->connection(), lease);
        // Rejections were not recorded as attempts: 5 + 1.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                       alice),
                 6);
    }

    void dailyCap()
    {
        QFETCH(bool, upstream);
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.ratePerMinute = limits.builtinRatePerMinute = 100;
        (upstream ? limits.dailyCap : limits.builtinDailyCap) = 4;
        GenerationLimiter limiter(limits, clock);
        const QString user = newUser();
        for (int i = 0; i < 4; ++i) {
            QString lease;
            QVERIFY(!tryAdmit(limiter, *m_db, user, upstream, &lease));
            GenerationLimiter::release(m_db->connection(), lease);
            clock->advance(3600); // one an hour
        }
        const auto rejected = tryAdmit(limiter, *m_db, user, upstream);
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 429);
        // The first admission was 4 h ago, so the window frees up in 20 h.
        QCOMPARE(retryAfterSeconds(*rejected), 20 * 3600);
        clock->advance(20 * 3600);
        QString lease;
        QVERIFY(!tryAdmit(limiter, *m_db, user, upstream, &lease));
        GenerationLimiter::release(m_db->connection(), lease);
        // Attempts older than a day are pruned on admission: a day later only the newest is left.
        clock->advance(24 * 3600 - 1);
        QVERIFY(!tryAdmit(limiter, *m_db, user, upstream, &lease));
        GenerationLimiter::release(m_db->connection(), lease);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                       user),
                 2);
    }

    void inFlightPerUser()
    {
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.ratePerMinute = 100;
        GenerationLimiter limiter(limits, clock);
        const QString user = newUser();
        QString first, second, third;
        QVERIFY(!tryAdmit(limiter, *m_db, user, true, &first));
        QVERIFY(!tryAdmit(limiter, *m_db, user, true, &second));
        const auto rejected = tryAdmit(limiter, *m_db, user, true);
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 429);
        const int wait = retryAfterSeconds(*rejected);
        QVERIFY(wait >= 1 && wait <= 10);

        GenerationLimiter::release(m_db->connection(), first);
        QVERIFY(!tryAdmit(limiter, *m_db, user, true, &third));
        GenerationLimiter::release(m_db->connection(), second);
        GenerationLimiter::release(m_db->connection(), third);
        GenerationLimiter::release(m_db->connection(), third); // idempotent
    }

    // A replica that dies mid-generation never releases its leases; they stop counting at expiry.
    void leasesOfACrashedProcessExpire()
    {
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.ratePerMinute = 100;
        limits.generationTimeoutSeconds = 90;
        GenerationLimiter limiter(limits, clock);
        const QString user = newUser();
        QVERIFY(!tryAdmit(limiter, *m_db, user, true));
        QVERIFY(!tryAdmit(limiter, *m_db, user, true));
        QVERIFY(tryAdmit(limiter, *m_db, user, true)); // both "stuck"
        clock->advance(90 + limits.leaseMarginSeconds - 1);
        QVERIFY(tryAdmit(limiter, *m_db, user, true));
        clock->advance(2);
        QString lease;
        QVERIFY(!tryAdmit(limiter, *m_db, user, true, &lease));
        // The expired leases were pruned; only the new one is left.
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM generation_leases WHERE user_id = :user::uuid"), user),
            1);
        GenerationLimiter::release(m_db->connection(), lease);
    }

    // RL-3: the global cap on upstream calls → 503 with Retry-After; a local (built-in) generation is
    // not an upstream call and is still admitted.
    void globalUpstreamCap()
    {
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.maxConcurrentUpstream = 3;
        GenerationLimiter limiter(limits, clock);
        QStringList leases;
        for (int i = 0; i < 3; ++i) {
            QString lease;
            QVERIFY(!tryAdmit(limiter, *m_db, newUser(), true, &lease));
            leases.append(lease);
        }
        const QString late = newUser();
        const auto rejected = tryAdmit(limiter, *m_db, late, true);
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 503);
        const int wait = retryAfterSeconds(*rejected);
        QVERIFY(wait >= 1 && wait <= 10);
        // The refusal recorded nothing against the user.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                       late),
                 0);

        QString local;
        QVERIFY(!tryAdmit(limiter, *m_db, late, false, &local));
        GenerationLimiter::release(m_db->connection(), local);

        GenerationLimiter::release(m_db->connection(), leases.takeFirst());
        QString lease;
        QVERIFY(!tryAdmit(limiter, *m_db, late, true, &lease));
        leases.append(lease);
        for (const QString &l : std::as_const(leases))
            GenerationLimiter::release(m_db->connection(), l);
    }

    // Admissions serialise in the database: 8 simultaneous requests of one user on 4 connections
    // admit exactly the in-flight maximum; 8 requests of 8 users against a global cap of 3 admit 3.
    void concurrentAdmissionsDoNotOvershoot()
    {
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.ratePerMinute = 1000;
        limits.maxConcurrentUpstream = 3;
        GenerationLimiter limiter(limits, clock);

        auto run = [&](const QStringList &users) {
            QAtomicInt admitted, limited;
            QSemaphore done;
            for (const QString &user : users) {
                m_db->run([&, user] {
                    const auto r = tryAdmit(limiter, *m_db, user, true);
                    (r ? limited : admitted).fetchAndAddRelaxed(1);
                    done.release();
                });
            }
            done.acquire(int(users.size()));
            return std::pair<int, int>(admitted.loadRelaxed(), limited.loadRelaxed());
        };

        const QString one = newUser();
        auto [admitted, limited] = run(QStringList(8, one));
        QCOMPARE(admitted, 2);
        QCOMPARE(limited, 6);
        SqlQuery clear(m_db->connection(), QStringLiteral("DELETE FROM generation_leases"));
        clear.exec();

        QStringList many;
        for (int i = 0; i < 8; ++i)
            many.append(newUser());
        std::tie(admitted, limited) = run(many);
        QCOMPARE(admitted, 3);
        QCOMPARE(limited, 5);
        SqlQuery clearAgain(m_db->connection(), QStringLiteral("DELETE FROM generation_leases"));
        clearAgain.exec();
    }

    // The two kinds are counted apart: a user who used up the built-in rate may still use an upstream
    // generator up to its own limit, and the other way round.
    void kindsAreCountedApart()
    {
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.builtinRatePerMinute = 3;
        limits.ratePerMinute = 2;
        GenerationLimiter limiter(limits, clock);
        const QString user = newUser();
        auto admitAndRelease = [&](bool upstream) {
            QString lease;
            const auto rejected = tryAdmit(limiter, *m_db, user, upstream, &lease);
            if (!rejected)
                GenerationLimiter::release(m_db->connection(), lease);
            return rejected ? rejected->status : 0;
        };
        for (int i = 0; i < 3; ++i)
            QCOMPARE(admitAndRelease(false), 0);
        QCOMPARE(admitAndRelease(false), 429);
        QCOMPARE(admitAndRelease(true), 0);
        QCOMPARE(admitAndRelease(true), 0);
        QCOMPARE(admitAndRelease(true), 429);
    }

    // RL-3: the daily budget of upstream admissions of all users together → 503 with the seconds until
    // the oldest of them is a day old; built-in generations neither count nor are refused.
    void dailyBudget()
    {
        SqlQuery clear(m_db->connection(), QStringLiteral("DELETE FROM generation_attempts"));
        clear.exec();
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.dailyBudget = 3;
        GenerationLimiter limiter(limits, clock);
        for (int i = 0; i < 3; ++i) {
            QString lease;
            QVERIFY(!tryAdmit(limiter, *m_db, newUser(), true, &lease));
            GenerationLimiter::release(m_db->connection(), lease);
            QString builtin;
            QVERIFY(!tryAdmit(limiter, *m_db, newUser(), false, &builtin));
            GenerationLimiter::release(m_db->connection(), builtin);
            clock->advance(600);
        }
        const QString late = newUser();
        const auto rejected = tryAdmit(limiter, *m_db, late, true);
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 503);
        QCOMPARE(retryAfterSeconds(*rejected), 24 * 3600 - 1800);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                       late),
                 0);
        QString builtin;
        QVERIFY(!tryAdmit(limiter, *m_db, late, false, &builtin));
        GenerationLimiter::release(m_db->connection(), builtin);

        clock->advance(24 * 3600 - 1800);
        QString lease;
        QVERIFY(!tryAdmit(limiter, *m_db, late, true, &lease));
        GenerationLimiter::release(m_db->connection(), lease);
    }

    // Issue 9 point 5: the local user (integrated mode) has no per-user limit and no budget, and its
    // generations are not counted; only the upstream concurrency cap still applies.
    void localUserIsNotLimited()
    {
        auto clock = std::make_shared<ManualClock>();
        GenerationLimits limits;
        limits.ratePerMinute = limits.builtinRatePerMinute = 1;
        limits.dailyCap = limits.builtinDailyCap = 1;
        limits.dailyBudget = 1;
        limits.maxInFlightPerUser = 1;
        limits.maxConcurrentUpstream = 2;
        GenerationLimiter limiter(limits, clock);
        const QString local = newLocalUser();
        QStringList leases;
        for (bool upstream : {false, false, false, true, true}) {
            QString lease;
            const auto rejected = tryAdmit(limiter, *m_db, local, upstream, &lease);
            QVERIFY2(!rejected, rejected ? qPrintable(QString::number(rejected->status)) : "");
            leases << lease; // still in flight: the in-flight limit does not apply either
        }
        const auto busy = tryAdmit(limiter, *m_db, local, true);
        QVERIFY(busy);
        QCOMPARE(busy->status, 503); // two upstream calls are running
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM generation_attempts WHERE user_id = :user::uuid"),
                       local),
                 0);
        for (const QString &l : std::as_const(leases))
            GenerationLimiter::release(m_db->connection(), l);
    }
};

QTEST_GUILESS_MAIN(TestGenerationLimits)
#include "tst_generationlimits.moc"
