// bench_seed_icons: fills a database for the GET /api/icons benchmark (issue 4 point 9) and prints an
// access token for the user whose history the benchmark reads.
//
//   POSTGRES_HOST=… POSTGRES_PORT=… POSTGRES_DB=bench_big   bench_seed_icons --rows 1000000 --icons 10000
//   POSTGRES_HOST=… POSTGRES_PORT=… POSTGRES_DB=bench_small bench_seed_icons --rows 100 --icons 100
//
// The database is created and migrated if needed. `--rows` icons are written in a few set-based
// statements (generate_series, no per-row round trips): `--icons` of them belong to the target user,
// spread evenly through a year of history, the rest to `--users` other users. The icons are real
// built-in generator output (3 variants each) for a catalogue of CAD tools. The target user gets a
// session and an access token through the auth repositories, exactly as a sign-in would store them.
// Output (stdout, shell-evaluable): BENCH_USER_ID, BENCH_ACCESS_TOKEN, BENCH_ROWS, BENCH_ICONS.
#include "api/uuid.h"
#include "auth/accesstokenrepository.h"
#include "auth/sessionrepository.h"
#include "auth/tokencrypto.h"
#include "core/config.h"
#include "db/dberror.h"
#include "db/migrator.h"
#include "db/sqlquery.h"
#include "db/transaction.h"
#include "generation/builtingenerator.h"
#include "vocabulary/vocabulary.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QTextStream>

#include <cstdio>

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Real icons for the seed: every concept of the built-in vocabulary, three variants each.
QJsonArray buildTemplates()
{
    QJsonArray templates;
    for (const vocab::Concept &entry : vocab::Vocabulary::builtin().concepts()) {
        GenerationRequest request;
        request.prompt = entry.words.first().text;
        request.variantCount = 3;
        request.seed = entry.id;
        const GenerationResult result = BuiltinGenerator::run(request);
        if (!result.ok() || result.variants.isEmpty())
            continue;
        QJsonArray names, svgs;
        for (const GeneratedVariant &v : result.variants) {
            names.append(v.name);
            svgs.append(v.svg);
        }
        templates.append(QJsonObject{{QStringLiteral("prompt"), request.prompt},
                                     {QStringLiteral("names"), names},
                                     {QStringLiteral("svgs"), svgs}});
    }
    return templates;
}

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    SqlQuery q(db, sql, "seed.scalar");
    q.exec();
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_seed_icons"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Seeds icons for the history-list benchmark and prints an access token."));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"),
                                        QStringLiteral("Icons in the table (default 1000000)."),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption iconsOption(QStringLiteral("icons"),
                                         QStringLiteral("Icons of the target user (default 10000)."),
                                         QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption usersOption(QStringLiteral("users"),
                                         QStringLiteral("Other users owning the rest (default 1000)."),
                                         QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption ttlOption(QStringLiteral("token-ttl"),
                                       QStringLiteral("Access token lifetime in seconds (default 7200)."),
                                       QStringLiteral("s"), QStringLiteral("7200"));
    const QCommandLineOption envOption(QStringLiteral("env-file"),
                                       QStringLiteral("Read settings from this .env file too."),
                                       QStringLiteral("file"));
    const QCommandLineOption resetOption(QStringLiteral("reset"),
                                         QStringLiteral("Empty users and icons first."));
    parser.addOptions({rowsOption, iconsOption, usersOption, ttlOption, envOption, resetOption});
    parser.process(app);

    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    const qint64 rows = parser.value(rowsOption).toLongLong(&ok1);
    const qint64 icons = parser.value(iconsOption).toLongLong(&ok2);
    const qint64 users = parser.value(usersOption).toLongLong(&ok3);
    const qint64 ttl = parser.value(ttlOption).toLongLong(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || rows < 1 || icons < 1 || icons > rows || users < 1 || ttl < 60) {
        err() << "bench_seed_icons: need 1 <= --icons <= --rows, --users >= 1, --token-ttl >= 60\n";
        return 2;
    }

    try {
        const ServerConfig config =
            ServerConfig::load(QProcessEnvironment::systemEnvironment(), parser.value(envOption));
        const DatabaseSettings settings = config.database;
        Migrator::ensureDatabaseExists(settings);
        Migrator().migrate(settings);

        QElapsedTimer timer;
        timer.start();
        const QString connectionName = QStringLiteral("bench-seed");
        {
            QSqlDatabase db = openConnection(settings, connectionName);
            if (!db.isOpen())
                throwSqlError(db, db.lastError(), "seed.connect");
            // A bulk load: no per-statement timeout, no waiting for the WAL flush.
            SqlQuery::execute(db, QStringLiteral("SET statement_timeout = 0; SET synchronous_commit = off; "
                                                 "SET maintenance_work_mem = '256MB'"));
            if (parser.isSet(resetOption))
                SqlQuery::execute(
                    db,
                    QStringLiteral("TRUNCATE users, assets, generation_attempts, generation_leases CASCADE"));
            if (scalar(db, QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM assets LIMIT 1) s")) > 0) {
                err() << "bench_seed_icons: " << settings.describe()
                      << " already has icons; use a fresh database or --reset\n";
                return 1;
            }

            const QJsonArray templates = buildTemplates();
            if (templates.isEmpty()) {
                err() << "bench_seed_icons: the built-in generator produced no icons\n";
                return 1;
            }
            const QDateTime now = QDateTime::currentDateTimeUtc();
            QString userId;

            withTransaction(db, [&] {
                SqlQuery target(
                    db,
                    QStringLiteral("INSERT INTO users (email, email_verified, created_at) "
                                   "VALUES (:email::text, true, :now::timestamptz) RETURNING id::text"),
                    "seed.targetUser");
                target
                    .bind(QStringLiteral(":email"),
                          QStringLiteral("bench-target-%1@example.test").arg(api::newUuid()))
                    .bind(QStringLiteral(":now"), now)
                    .exec();
                target.next();
                userId = target.value(0).toString();

                SqlQuery::execute(
                    db, QStringLiteral("CREATE TEMP TABLE seed_users (n int PRIMARY KEY, id uuid NOT NULL) "
                                       "ON COMMIT DROP"));
                SqlQuery fill(
                    db,
                    QStringLiteral(
                        "WITH created AS (INSERT INTO users (email, created_at) "
                        "  SELECT 'bench-' || g || '-' || :tag::text || '@example.test', :now::timestamptz "
                        "  FROM generate_series(1, :users::int) g RETURNING id) "
                        "INSERT INTO seed_users SELECT row_number() OVER () - 1, id FROM created"),
                    "seed.users");
                fill.bind(QStringLiteral(":tag"), api::newUuid())
                    .bind(QStringLiteral(":now"), now)
                    .bind(QStringLiteral(":users"), int(users))
                    .exec();

                // Templates: one row per tool, its variants as arrays.
                SqlQuery::execute(
                    db, QStringLiteral("CREATE TEMP TABLE seed_templates (n int PRIMARY KEY, prompt text, "
                                       "names text[], svgs text[]) ON COMMIT DROP"));
                SqlQuery tpl(db,
                             QStringLiteral("INSERT INTO seed_templates "
                                            "SELECT (t.ordinality - 1)::int, t.value->>'prompt', "
                                            "  ARRAY(SELECT jsonb_array_elements_text(t.value->'names')), "
                                            "  ARRAY(SELECT jsonb_array_elements_text(t.value->'svgs')) "
                                            "FROM jsonb_array_elements(:templates::jsonb) WITH ORDINALITY t"),
                             "seed.templates");
                tpl.bind(QStringLiteral(":templates"),
                         QString::fromUtf8(QJsonDocument(templates).toJson(QJsonDocument::Compact)))
                    .exec();

                // Maintaining the secondary indexes row by row (the trigram GIN above all) costs more than
                // the load itself: drop them for the load and rebuild them from their own definitions.
                QStringList indexes;
                if (rows > 10000) {
                    SqlQuery defs(
                        db,
                        QStringLiteral("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                                       "FROM pg_index i WHERE i.indrelid = 'assets'::regclass "
                                       "AND NOT i.indisprimary AND NOT i.indisunique"),
                        "seed.indexes");
                    defs.exec();
                    QStringList names;
                    while (defs.next()) {
                        names.append(defs.value(0).toString());
                        indexes.append(defs.value(1).toString());
                    }
                    for (const QString &name : std::as_const(names))
                        SqlQuery::execute(db, QStringLiteral("DROP INDEX %1").arg(name));
                }

                // Row g (1..rows) is g minutes old; every (rows / icons)-th row is the target user's, so
                // its history is spread through the whole table. Variant ids are fresh per row.
                SqlQuery insertIcons(
                    db,
                    QStringLiteral(
                        "INSERT INTO assets (id, user_id, prompt, svg, metadata, variants, source, intent, "
                        "  color_mode, created_at, updated_at) "
                        "SELECT gen_random_uuid(), "
                        "  CASE WHEN s.mine THEN :target::uuid ELSE u.id END, "
                        "  t.prompt || ' #' || s.g, t.svgs[1], "
                        "  jsonb_build_object('colorMode', 'dark', 'intent', 'create', 'generator', "
                        "'builtin'), "
                        "  (SELECT jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'name', t.names[i], "
                        "      'svg', t.svgs[i], 'warnings', '[]'::jsonb) ORDER BY i) "
                        "     FROM generate_subscripts(t.svgs, 1) i), "
                        "  'generated', 'create', 'dark', "
                        "  :now::timestamptz - make_interval(mins => s.g::int), "
                        "  :now2::timestamptz - make_interval(mins => s.g::int) "
                        "FROM (SELECT g, (g % :stride::bigint = 0 AND g / :stride2::bigint <= "
                        ":icons::bigint) AS mine "
                        "      FROM generate_series(1, :rows::bigint) g) s "
                        "JOIN seed_templates t ON t.n = s.g % :templates::int "
                        "LEFT JOIN seed_users u ON u.n = s.g % :users::int"),
                    "seed.assets");
                const qint64 stride = rows / icons;
                insertIcons.bind(QStringLiteral(":target"), userId)
                    .bind(QStringLiteral(":now"), now)
                    .bind(QStringLiteral(":now2"), now)
                    .bind(QStringLiteral(":stride"), stride)
                    .bind(QStringLiteral(":stride2"), stride)
                    .bind(QStringLiteral(":icons"), icons)
                    .bind(QStringLiteral(":rows"), rows)
                    .bind(QStringLiteral(":templates"), int(templates.size()))
                    .bind(QStringLiteral(":users"), int(users))
                    .exec();
                for (const QString &definition : std::as_const(indexes))
                    SqlQuery::execute(db, definition);
            });
            err() << "bench_seed_icons: wrote " << rows << " icons in " << timer.elapsed() << " ms\n";
            err().flush();

            SqlQuery::execute(db, QStringLiteral("VACUUM (ANALYZE) assets"));
            SqlQuery::execute(db, QStringLiteral("ANALYZE asset_counts"));
            const qint64 mine =
                scalar(db, QStringLiteral("SELECT live FROM asset_counts WHERE user_id = '%1'").arg(userId));
            const qint64 total = scalar(db, QStringLiteral("SELECT count(*) FROM assets"));
            if (mine != icons || total != rows) {
                err() << "bench_seed_icons: expected " << icons << "/" << rows << " icons, found " << mine
                      << "/" << total << "\n";
                return 1;
            }

            // A session and an access token, stored the way sign-in stores them (only the hash).
            const QByteArray token = tokencrypto::randomToken();
            withTransaction(db, [&] {
                const QDateTime issued = QDateTime::currentDateTimeUtc();
                const QDateTime expires = issued.addSecs(ttl);
                const QString session =
                    SessionRepository::create(db, userId, QStringLiteral("github"),
                                              QStringLiteral("bench_seed_icons"), issued, expires);
                AccessTokenRepository::insert(db, session, userId, QString(), tokencrypto::hash(token),
                                              expires, issued);
            });
            err() << "bench_seed_icons: done in " << timer.elapsed() << " ms (" << settings.describe()
                  << ")\n";

            QTextStream out(stdout);
            out << "BENCH_USER_ID=" << userId << "\n"
                << "BENCH_ACCESS_TOKEN=" << token << "\n"
                << "BENCH_ROWS=" << total << "\n"
                << "BENCH_ICONS=" << mine << "\n";
        }
        QSqlDatabase::removeDatabase(connectionName);
    } catch (const ConfigError &e) {
        err() << "bench_seed_icons: " << e.variable() << ": " << e.message() << "\n";
        return 2;
    } catch (const MigrationError &e) {
        err() << "bench_seed_icons: " << e.message() << "\n";
        return 1;
    } catch (const DbError &e) {
        err() << "bench_seed_icons: database error (" << e.context() << ", SQLSTATE " << e.sqlState()
              << ")\n";
        return 1;
    } catch (const std::exception &e) {
        err() << "bench_seed_icons: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
