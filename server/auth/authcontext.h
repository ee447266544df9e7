#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

// What GET /auth/me shows of a bearer caller: read by the query that checks the token and
// serialised once there, so a cached token answers /me with neither a query nor a JSON encoder.
struct UserProfile
{
    QDateTime createdAt;
    QStringList providers; // sorted: github, google, local, microsoft
    QByteArray meJson;     // the GET /auth/me body
};

// Who is calling: resolved by AuthGuard from the access token. `familyId` is the login session
// (one refresh-token family per login); `sessionId` is the same id, kept under both names so code
// that thinks in "sessions" (GET /auth/sessions) and code that thinks in families read naturally.
// `email` may be empty (a GitHub account without a public or verified email, the local user).
// A caller authenticated by an API key (X-API-Key, icon routes only) has `apiKeyId` and no session.
// A bearer caller also carries its `profile` (GET /auth/me).
struct AuthContext
{
    QString userId;
    QString familyId;
    QString sessionId;
    QString email;
    QString apiKeyId;
    std::shared_ptr<const UserProfile> profile; // bearer callers only
};
