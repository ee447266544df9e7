#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Random values and hashes for tokens, states, codes and PKCE.
namespace tokencrypto {

// `bytes` random bytes from the OS CSPRNG (QRandomGenerator::system), base64url without padding.
// 32 bytes → 43 characters, 256 bits.
QByteArray randomToken(int bytes = 32);

// Lower-case hex SHA-256: how every token, state, cookie and code is stored and looked up.
QString hash(QByteArrayView value);

// RFC 7636: BASE64URL(SHA256(ASCII(verifier))), no padding.
QByteArray pkceChallenge(QByteArrayView verifier);
// 43–128 characters from [A-Za-z0-9-._~] (RFC 7636 §4.1).
bool isValidVerifier(QByteArrayView verifier);
// Exactly 43 base64url characters (a S256 challenge).
bool isValidChallenge(QByteArrayView challenge);

// Compares without an early exit, so the time does not depend on where the inputs differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace tokencrypto
