#pragma once

#include "auth/authcontext.h"
#include "http/apierror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

class ApiKeyUsage;

// API keys (issue 15): long-lived credentials a user issues for scripts, CI and CAD plugins, sent
// as `X-API-Key: pi_…` and accepted on the icon routes only.
namespace apikey {

// "pi_" + 32 random bytes as base64url (43 characters): 256 bits, 46 characters in all.
constexpr int kRandomBytes = 32;
constexpr int kKeyLength = 3 + 43;
// The visible prefix: "pi_" and the next 8 characters (48 of the 256 bits), enough to tell keys apart.
constexpr int kPrefixLength = 3 + 8;

struct NewKey
{
    QByteArray secret; // shown to the user once, never stored
    QString prefix;
    QString hash; // SHA-256, lower-case hex: what is stored and looked up
};

NewKey generate();
// Exactly "pi_" followed by 43 base64url characters. Anything else is rejected without a lookup.
bool isWellFormed(QByteArrayView key);

// 401 for a key that is malformed, unknown, revoked or expired (one answer for all four).
ApiError invalidKey();
// 401 for an X-API-Key on a route that needs a signed-in session.
ApiError sessionRequired();

} // namespace apikey

// Checks an X-API-Key for AuthGuard, on a Database pool thread. Successful uses are recorded in
// memory (ApiKeyUsage) and written in batches, never one write per request.
class ApiKeyAuthenticator
{
public:
    explicit ApiKeyAuthenticator(std::shared_ptr<ApiKeyUsage> usage);

    // The caller as the key's user (AuthContext::apiKeyId set, no session), or nullopt when the key
    // is unknown, revoked, expired or its user deleted (logged by key id, never the key).
    // `key` must be well-formed. Throws DbError.
    std::optional<AuthContext> authenticate(QSqlDatabase db, QByteArrayView key, const QDateTime &now) const;

private:
    std::shared_ptr<ApiKeyUsage> m_usage;
};
