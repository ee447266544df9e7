// The icons SQL (migration 0003 + IconRepository) below the HTTP layer: owner scoping, newest-first
// pagination with a stable tie-break, favourites and prompt search (LIKE wildcards taken literally),
// soft delete, and the trigger-maintained per-user totals staying equal to a real count through
// inserts, favourite changes, soft deletes, hard deletes and user deletion.
#include "api/uuid.h"
#include "db/database.h"
#include "db/sqlquery.h"
#include "db/transaction.h"
#include "icons/iconrepository.h"
#include "pg/testpostgres.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestIconRepository : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> m_db;
    int m_users = 0;

    QSqlDatabase db() { return m_db->connection(); }

    QString newUser()
    {
        SqlQuery q(db(),
                   QStringLiteral("INSERT INTO users (email) VALUES (:email::text) RETURNING id::text"));
        q.bind(QStringLiteral(":email"), QStringLiteral("repo%1@example.test").arg(++m_users)).exec();
        q.next();
        return q.value(0).toString();
    }

    Icon makeIcon(const QString &prompt, const QDateTime &at, int variants = 1)
    {
        Icon icon;
        icon.id = api::newUuid();
        icon.prompt = prompt;
        icon.intent = api::Intent::Create;
        icon.colorMode = ColorMode::Dark;
        icon.source = api::IconSource::Generated;
        for (int i = 0; i < variants; ++i) {
            icon.variants.append(
                {api::newUuid(),
                 QStringLiteral("V%1").arg(i),
                 QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><path "
                                "d=\"M4 4 L28 %1\"/></svg>")
                     .arg(4 + i),
                 {QStringLiteral("w%1").arg(i)},
                 {}});
        }
        icon.createdAt = at;
        icon.updatedAt = at;
        return icon;
    }

    // The counters must always equal the truth.
    void verifyCounts()
    {
        SqlQuery q(
            db(),
            QStringLiteral(
                "SELECT count(*) FROM ("
                "  SELECT u.id, coalesce(c.live, 0) AS live, coalesce(c.favorites, 0) AS favorites,"
                "         (SELECT count(*) FROM assets a WHERE a.user_id = u.id AND a.deleted_at IS NULL) AS "
                "real_live,"
                "         (SELECT count(*) FROM assets a WHERE a.user_id = u.id AND a.deleted_at IS NULL"
                "            AND a.favorite) AS real_favorites"
                "    FROM users u LEFT JOIN asset_counts c ON c.user_id = u.id) x "
                "WHERE live <> real_live OR favorites <> real_favorites"));
        q.exec();
        q.next();
        QCOMPARE(q.value(0).toInt(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<Database>(
            TestPostgres::instance().createFreshDatabase(QStringLiteral("iconrepo")), 2);
    }

    void cleanupTestCase() { m_db.reset(); }

    void roundTripKeepsEveryField()
    {
        const QString user = newUser();
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-5);
        Icon icon = makeIcon(QStringLiteral("Fillet two curves"), at, 3);
        icon.intent = api::Intent::Refine;
        icon.colorMode = ColorMode::Light;
        IconRepository::insert(db(), user, icon, QStringLiteral("builtin"));

        const auto found = IconRepository::find(db(), user, icon.id);
        QVERIFY(found);
        QCOMPARE(found->id, icon.id);
        QCOMPARE(found->prompt, icon.prompt);
        QCOMPARE(api::name(found->intent), QStringLiteral("refine"));
        QCOMPARE(api::name(found->colorMode), QStringLiteral("light"));
        QCOMPARE(api::name(found->source), QStringLiteral("generated"));
        QCOMPARE(found->favorite, false);
        QCOMPARE(found->selectedVariant, 0);
        QCOMPARE(found->variants.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(found->variants[i].id, icon.variants[i].id);
            QCOMPARE(found->variants[i].svg, icon.variants[i].svg);
            QCOMPARE(found->variants[i].warnings, icon.variants[i].warnings);
        }
        QCOMPARE(found->createdAt.toMSecsSinceEpoch(), at.toMSecsSinceEpoch());

        // As the API answers it: written by PostgreSQL, in the same shape from every read.
        const QJsonObject json = object(*IconRepository::findJson(db(), user, icon.id));
        QCOMPARE(json.value(QLatin1String("id")).toString(), icon.id);
        QCOMPARE(json.value(QLatin1String("svg")).toString(), icon.variants[0].svg);
        QCOMPARE(json.value(QLatin1String("variants")).toArray().size(), 3);
        QCOMPARE(json.value(QLatin1String("variants")).toArray()[2].toObject().value("warnings").toArray(),
                 QJsonArray::fromStringList(icon.variants[2].warnings));
        QCOMPARE(json.value(QLatin1String("createdAt")).toString(), at.toString(Qt::ISODateWithMs));
        IconListFilter thumbnails;
        thumbnails.view = IconView::Thumbnail;
        const QJsonObject thumbnail = object(IconRepository::list(db(), user, thumbnails).icons.value(0));
        QCOMPARE(thumbnail.value(QLatin1String("variantCount")).toInt(), 3);
        QCOMPARE(thumbnail.value(QLatin1String("selected")).toObject().value("svg").toString(),
                 icon.variants[0].svg);
        QVERIFY(!thumbnail.contains(QLatin1String("variants")));

        // The original's columns are filled too: svg = first variant, metadata = {colorMode, intent}.
        SqlQuery q(
            db(),
            QStringLiteral(
                "SELECT svg, metadata->>'colorMode', metadata->>'intent' FROM assets WHERE id = :id::uuid"));
        q.bind(QStringLiteral(":id"), icon.id).exec();
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), icon.variants[0].svg);
        QCOMPARE(q.value(1).toString(), QStringLiteral("light"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("refine"));

        // Another user cannot see it.
        QVERIFY(!IconRepository::find(db(), newUser(), icon.id));
        verifyCounts();
    }

    void paginationIsNewestFirstAndStable()
    {
        const QString user = newUser();
        const QDateTime base = QDateTime::currentDateTimeUtc().addDays(-1);
        QList<std::pair<int, QString>> inserted;
        for (int i = 0; i < 25; ++i) {
            // Pairs of icons share a timestamp: the id breaks the tie.
            const Icon icon = makeIcon(QStringLiteral("icon %1").arg(i), base.addSecs(i / 2));
            IconRepository::insert(db(), user, icon, QStringLiteral("builtin"));
            inserted.append({i / 2, icon.id});
        }
        std::sort(inserted.begin(), inserted.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second > b.second;
        });
        QStringList expected; // newest first
        for (const auto &entry : std::as_const(inserted))
            expected.append(entry.second);

        QStringList seen;
        for (int offset = 0; offset < 30; offset += 10) {
            IconListFilter f;
            f.limit = 10;
            f.offset = offset;
            const IconPage page = IconRepository::list(db(), user, f);
            QCOMPARE(page.total, 25);
            for (const QByteArray &icon : page.icons)
                seen.append(object(icon).value(QLatin1String("id")).toString());
        }
        QCOMPARE(seen.size(), 25);
        QCOMPARE(seen, expected);

        IconListFilter beyond;
        beyond.offset = 100;
        const IconPage empty = IconRepository::list(db(), user, beyond);
        QVERIFY(empty.icons.isEmpty());
        QCOMPARE(empty.total, 25); // the total is still known on an empty page
    }

    void favouritesSearchAndSoftDelete()
    {
        const QString user = newUser();
        const QString other = newUser();
        const QDateTime t = QDateTime::currentDateTimeUtc().addSecs(-100);
        const QStringList prompts{QStringLiteral("Fillet two curves"),
                                  QStringLiteral("fillet with 50% radius"), QStringLiteral("chamfer_edge"),
                                  QStringLiteral("Mirror"), QStringLiteral("polar array")};
        QList<Icon> icons;
        for (int i = 0; i < prompts.size(); ++i) {
            icons.append(makeIcon(prompts[i], t.addSecs(i)));
            IconRepository::insert(db(), user, icons.last(), QStringLiteral("builtin"));
        }
        IconRepository::insert(db(), other, makeIcon(QStringLiteral("fillet of another user"), t),
                               QStringLiteral("builtin"));

        auto list = [&](std::optional<bool> favorite, const QString &search) {
            IconListFilter f;
            f.favorite = favorite;
            f.search = search;
            return IconRepository::list(db(), user, f);
        };

        // Case-insensitive substring search, scoped to the user.
        IconPage page = list(std::nullopt, QStringLiteral("FILLET"));
        QCOMPARE(page.total, 2);
        QCOMPARE(page.icons.size(), 2);
        QCOMPARE(object(page.icons[0]).value(QLatin1String("prompt")).toString(), prompts[1]);
        // Wildcards are literal: "%" and "_" match only themselves.
        QCOMPARE(list(std::nullopt, QStringLiteral("50%")).total, 1);
        QCOMPARE(list(std::nullopt, QStringLiteral("%")).total, 1);
        QCOMPARE(list(std::nullopt, QStringLiteral("r_e")).total, 1); // chamfer_edge, not "mirror edge"-likes
        QCOMPARE(list(std::nullopt, QStringLiteral("_")).total, 1);
        QCOMPARE(list(std::nullopt, QStringLiteral("\\")).total, 0);
        QCOMPARE(list(std::nullopt, QStringLiteral("nothing like it")).total, 0);

        // Favourites.
        QSqlDatabase connection = db();
        withTransaction(connection, [&] {
            QVERIFY(IconRepository::findForUpdate(connection, user, icons[0].id));
            const QByteArray updated = IconRepository::update(connection, user, icons[0].id, true,
                                                              std::nullopt, QDateTime::currentDateTimeUtc());
            QVERIFY(object(updated).value(QLatin1String("favorite")).toBool());
        });
        withTransaction(connection, [&] {
            IconRepository::update(connection, user, icons[3].id, true, std::nullopt,
                                   QDateTime::currentDateTimeUtc());
        });
        page = list(true, {});
        QCOMPARE(page.total, 2);
        QCOMPARE(page.icons.size(), 2);
        QCOMPARE(object(page.icons[0]).value(QLatin1String("id")).toString(), icons[3].id);
        QCOMPARE(list(false, {}).total, 3);
        QCOMPARE(list(true, QStringLiteral("fillet")).total, 1);
        verifyCounts();

        // Soft delete hides the icon from lists, totals, find and a second delete.
        QVERIFY(IconRepository::softDelete(db(), user, icons[0].id, QDateTime::currentDateTimeUtc()));
        QVERIFY(!IconRepository::softDelete(db(), user, icons[0].id, QDateTime::currentDateTimeUtc()));
        QVERIFY(!IconRepository::find(db(), user, icons[0].id));
        QCOMPARE(list(std::nullopt, {}).total, 4);
        QCOMPARE(list(true, {}).total, 1);
        QCOMPARE(list(std::nullopt, QStringLiteral("fillet")).total, 1);
        // Another user's id is not deletable.
        QVERIFY(!IconRepository::softDelete(db(), other, icons[1].id, QDateTime::currentDateTimeUtc()));
        verifyCounts();
    }

    void countersSurviveEveryKindOfWrite()
    {
        const QString user = newUser();
        for (int i = 0; i < 6; ++i)
            IconRepository::insert(db(), user,
                                   makeIcon(QStringLiteral("x%1").arg(i), QDateTime::currentDateTimeUtc()),
                                   QStringLiteral("builtin"));
        // Bulk statements touching several rows and users at once.
        SqlQuery::execute(db(), QStringLiteral("UPDATE assets SET favorite = true WHERE prompt LIKE 'x%'"));
        verifyCounts();
        SqlQuery::execute(
            db(), QStringLiteral("UPDATE assets SET deleted_at = now() WHERE prompt IN ('x0', 'x1')"));
        verifyCounts();
        SqlQuery::execute(
            db(), QStringLiteral("UPDATE assets SET deleted_at = NULL WHERE prompt = 'x1'")); // restore
        verifyCounts();
        SqlQuery::execute(db(), QStringLiteral("DELETE FROM assets WHERE prompt IN ('x2', 'x0')"));
        verifyCounts();
        // Moving an icon between users.
        const QString other = newUser();
        SqlQuery move(db(), QStringLiteral("UPDATE assets SET user_id = :other::uuid WHERE prompt = 'x3'"));
        move.bind(QStringLiteral(":other"), other).exec();
        verifyCounts();
        // Deleting a user keeps its icons anonymously (ON DELETE SET NULL) and drops its counters.
        SqlQuery drop(db(), QStringLiteral("DELETE FROM users WHERE id = :id::uuid"));
        drop.bind(QStringLiteral(":id"), user).exec();
        verifyCounts();
        SqlQuery left(db(), QStringLiteral("SELECT count(*) FROM asset_counts WHERE user_id = :id::uuid"));
        left.bind(QStringLiteral(":id"), user).exec();
        QVERIFY(left.next());
        QCOMPARE(left.value(0).toInt(), 0);
    }

    void malformedIdsAreRejectedBeforeSql()
    {
        QVERIFY(api::canonicalUuid(QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d")));
        QCOMPARE(*api::canonicalUuid(QStringLiteral("0190F5A4-8F2E-7C3A-9B1D-2E4F6A8B0C1D")),
                 QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d"));
        for (const char *bad :
             {"", "abc", "{0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d}", "0190f5a48f2e7c3a9b1d2e4f6a8b0c1d",
              "0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1g", "0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1d ",
              "0190f5a4_8f2e-7c3a-9b1d-2e4f6a8b0c1d", "../../etc/passwd-xxxxxxxxxxxxxxxxxxxxx"}) {
            QVERIFY2(!api::canonicalUuid(QString::fromUtf8(bad)), bad);
        }
        // Non-ASCII digits are not hex digits.
        QVERIFY(!api::canonicalUuid(QStringLiteral("0190f5a4-8f2e-7c3a-9b1d-2e4f6a8b0c1") + QChar(0x0661)));

        const QString a = api::newUuid();
        const QString b = api::newUuid();
        QVERIFY(a != b);
        QCOMPARE(a.at(14), u'7'); // version 7
        QVERIFY(QStringLiteral("89ab").contains(a.at(19)));
        QVERIFY(api::canonicalUuid(a));
    }
};

QTEST_GUILESS_MAIN(TestIconRepository)
#include "tst_iconrepository.moc"
