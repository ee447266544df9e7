// bench_auth_token: prints a valid access token for the GET /api/auth/me benchmark (issue 3 point 10).
//
//   eval "$(POSTGRES_HOST=… POSTGRES_PORT=… POSTGRES_DB=… bench_auth_token)"   # → BENCH_AUTH_TOKEN,
//   BENCH_AUTH_USER_ID
//
// Reads the same variables as the server (POSTGRES_* / DATABASE_URL, ACCESS_TOKEN_TTL_S …), creates and
// migrates the database if needed, makes (or reuses) the user bench-auth@example.com with a linked GitHub
// account, and starts a login for it through AuthService exactly as a sign-in would: a session, a refresh
// token and an access token, stored as hashes. The token lives ACCESS_TOKEN_TTL_S (default 15 min).
#include "auth/authservice.h"
#include "auth/authsettings.h"
#include "auth/oauthaccountrepository.h"
#include "auth/userrepository.h"
#include "core/config.h"
#include "db/database.h"
#include "db/migrator.h"
#include "db/transaction.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    try {
        const ServerConfig config = ServerConfig::load(QProcessEnvironment::systemEnvironment());
        Migrator::ensureDatabaseExists(config.database);
        Migrator().migrate(config.database);
        AuthService service(AuthSettings::fromConfig(config), Clock::system());
        Database database(config.database, 1);
        QSqlDatabase db = database.connection();

        const QString email = QStringLiteral("bench-auth@example.com");
        const QString userId = withTransaction(db, [&] {
            const QDateTime now = Clock::system()->now();
            if (auto id = OAuthAccountRepository::touch(db, QStringLiteral("github"),
                                                        QStringLiteral("424242"), email, true, now))
                return *id;
            const auto id = UserRepository::insert(db, email, true, false, now);
            if (!id || !OAuthAccountRepository::insert(db, *id, QStringLiteral("github"),
                                                       QStringLiteral("424242"), email, true, now))
                throw std::runtime_error("bench user exists without its account");
            return *id;
        });
        const TokenPair pair =
            service.issueLogin(db, userId, QStringLiteral("github"), QStringLiteral("bench"));
        std::printf("BENCH_AUTH_USER_ID=%s\nBENCH_AUTH_TOKEN=%s\n", qPrintable(userId),
                    pair.accessToken.constData());
        return 0;
    } catch (const ConfigError &e) {
        std::fprintf(stderr, "bench_auth_token: %s: %s\n", qPrintable(e.variable()), qPrintable(e.message()));
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_auth_token: %s\n", e.what());
    }
    return 1;
}
