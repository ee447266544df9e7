#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

// Who is calling: resolved by AuthGuard from the access token. `familyId` is the login session
// (one refresh-token family per login); `sessionId` is the same id, kept under both names so code
// that thinks in "sessions" (GET /auth/sessions) and code that thinks in families read naturally.
// `email` may be empty (a GitHub account without a public or verified email, the local user).
// A caller authenticated by an API key (X-API-Key, icon routes only) has `apiKeyId` and no session.
// A bearer caller also carries what GET /auth/me shows of the user (`userCreatedAt`, `providers`),
// read by the same query that checks the token, so /me needs no second one.
struct AuthContext
{
    QString userId;
    QString familyId;
    QString sessionId;
    QString email;
    QString apiKeyId;
    QDateTime userCreatedAt;
    QStringList providers; // sorted: github, google, local, microsoft
};
