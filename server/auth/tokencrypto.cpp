#include "auth/tokencrypto.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <vector>

namespace tokencrypto {

namespace {
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}
} // namespace

QByteArray randomToken(int bytes)
{
    std::vector<quint32> words(size_t((bytes + 3) / 4));
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), bytes);
    return raw.toBase64(kBase64Url);
}

QString hash(QByteArrayView value)
{
    return QString::fromLatin1(QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex());
}

QByteArray pkceChallenge(QByteArrayView verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

bool isValidVerifier(QByteArrayView verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (char c : verifier) {
        if (!isBase64UrlChar(c) && c != '.' && c != '~')
            return false;
    }
    return true;
}

bool isValidChallenge(QByteArrayView challenge)
{
    if (challenge.size() != 43)
        return false;
    for (char c : challenge) {
        if (!isBase64UrlChar(c))
            return false;
    }
    return true;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Length is not secret (all our secrets have public lengths); compare the rest branch-free.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace tokencrypto
