#include "testaccounts.h"

#include "api/uuid.h"
#include "auth/accesstokenrepository.h"
#include "auth/sessionrepository.h"
#include "auth/tokencrypto.h"
#include "auth/userrepository.h"
#include "db/database.h"
#include "db/transaction.h"

#include <stdexcept>

TestAccount createTestAccount(Database &database, const QDateTime &now, const QString &label)
{
    QSqlDatabase db = database.connection();
    TestAccount account;
    account.token = tokencrypto::randomToken();
    withTransaction(db, [&] {
        const QString email = QStringLiteral("%1-%2@example.test")
                                  .arg(label.isEmpty() ? QStringLiteral("user") : label, api::newUuid());
        const auto id = UserRepository::insert(db, email, true, false, now);
        if (!id)
            throw std::runtime_error("could not create a test user");
        account.userId = *id;
        const QDateTime expires = now.addDays(30);
        const QString session = SessionRepository::create(db, account.userId, QStringLiteral("github"),
                                                          QStringLiteral("tests"), now, expires);
        AccessTokenRepository::insert(db, session, account.userId, QString(),
                                      tokencrypto::hash(account.token), expires, now);
    });
    return account;
}
