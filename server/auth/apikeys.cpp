#include "auth/apikeys.h"

#include "auth/apikeyrepository.h"
#include "auth/apikeyusage.h"
#include "auth/tokencrypto.h"
#include "core/logging.h"

namespace apikey {

namespace {
constexpr char kScheme[] = "pi_";
} // namespace

NewKey generate()
{
    NewKey key;
    key.secret = QByteArray(kScheme) + tokencrypto::randomToken(kRandomBytes);
    key.prefix = QString::fromLatin1(key.secret.left(kPrefixLength));
    key.hash = tokencrypto::hash(key.secret);
    return key;
}

bool isWellFormed(QByteArrayView key)
{
    if (key.size() != kKeyLength || !key.startsWith(kScheme))
        return false;
    for (char c : key.sliced(3)) {
        const bool base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                               c == '-' || c == '_';
        if (!base64url)
            return false;
    }
    return true;
}

ApiError invalidKey()
{
    return ApiError(401, QStringLiteral("invalid_api_key"),
                    QStringLiteral("The API key is invalid, expired or revoked."),
                    QStringLiteral("UnauthorizedError"))
        .withHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\", error=\"invalid_key\"");
}

ApiError sessionRequired()
{
    return ApiError(401, QStringLiteral("session_required"),
                    QStringLiteral("This route needs a signed-in session (Authorization: Bearer). "
                                   "API keys are accepted on the icon routes only."),
                    QStringLiteral("UnauthorizedError"))
        .withHeader("WWW-Authenticate", "Bearer");
}

} // namespace apikey

ApiKeyAuthenticator::ApiKeyAuthenticator(std::shared_ptr<ApiKeyUsage> usage)
    : m_usage(std::move(usage))
{}

std::optional<AuthContext> ApiKeyAuthenticator::authenticate(QSqlDatabase db, QByteArrayView key,
                                                             const QDateTime &now) const
{
    const QString hash = tokencrypto::hash(key);
    const std::optional<ApiKeyCredential> found = ApiKeyRepository::findByHash(std::move(db), hash);
    // The lookup is by hash; comparing the hashes again without an early exit keeps the decision
    // itself independent of where two hashes differ.
    if (!found || !tokencrypto::constantTimeEquals(found->keyHash.toLatin1(), hash.toLatin1())) {
        qCInfo(lcAuth) << "API key rejected: unknown key";
        return std::nullopt;
    }
    const char *refusal = found->revokedAt.isValid()                              ? "revoked"
                          : found->expiresAt.isValid() && found->expiresAt <= now ? "expired"
                          : found->userDeleted                                    ? "of a deleted user"
                                                                                  : nullptr;
    if (refusal) {
        qCInfo(lcAuth).noquote() << "API key" << found->id << "rejected:" << refusal;
        return std::nullopt;
    }
    m_usage->record(found->id, now);
    AuthContext who;
    who.userId = found->userId;
    who.email = found->email;
    who.apiKeyId = found->id;
    return who;
}
