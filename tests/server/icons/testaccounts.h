#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

class Database;

// A signed-in user for the icons tests: a user row, a session and an access token stored through the
// auth repositories exactly as sign-in stores them (only the token's hash), valid for 30 days of the
// given clock's time so tests may move a ManualClock forward.
struct TestAccount
{
    QString userId;
    QByteArray token;
};

TestAccount createTestAccount(Database &database, const QDateTime &now, const QString &label = {});
