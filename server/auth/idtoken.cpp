#include "auth/idtoken.h"

#include <QJsonArray>
#include <QJsonDocument>

QJsonObject decodeJwtPayload(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        parts[1], QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &parseError);
    return doc.isObject() ? doc.object() : QJsonObject();
}

bool claimIsTrue(const QJsonObject &claims, const QString &name)
{
    const QJsonValue v = claims.value(name);
    return v.isBool() ? v.toBool()
                      : (v.isString() && v.toString().compare(u"true", Qt::CaseInsensitive) == 0);
}

QJsonObject validateIdToken(const QByteArray &idToken, const IdTokenExpectations &expect, QString *error)
{
    auto fail = [error](const char *why) {
        *error = QString::fromLatin1(why);
        return QJsonObject();
    };
    if (idToken.size() > 16384)
        return fail("id_token too large");
    const QJsonObject claims = decodeJwtPayload(idToken);
    if (claims.isEmpty())
        return fail("id_token is not a JWT");

    const QString iss = claims.value(u"iss").toString();
    bool issuerOk = expect.issuers.contains(iss);
    if (!issuerOk && !expect.issuerTemplate.isEmpty()) {
        const QString tid = claims.value(u"tid").toString();
        issuerOk = !tid.isEmpty() &&
                   iss == QString(expect.issuerTemplate).replace(QStringLiteral("{tenantid}"), tid);
        if (issuerOk && !expect.requiredTenant.isEmpty() &&
            tid.compare(expect.requiredTenant, Qt::CaseInsensitive) != 0)
            return fail("id_token tenant mismatch");
    }
    if (!issuerOk)
        return fail("id_token issuer mismatch");

    const QJsonValue aud = claims.value(u"aud");
    if (aud.isString()) {
        if (aud.toString() != expect.clientId)
            return fail("id_token audience mismatch");
    } else if (aud.isArray()) {
        const QJsonArray list = aud.toArray();
        if (!list.contains(expect.clientId))
            return fail("id_token audience mismatch");
        if (list.size() > 1 && claims.value(u"azp").toString() != expect.clientId)
            return fail("id_token azp mismatch");
    } else {
        return fail("id_token without audience");
    }

    const qint64 now = expect.now.toSecsSinceEpoch();
    const QJsonValue exp = claims.value(u"exp");
    if (!exp.isDouble() || qint64(exp.toDouble()) + expect.clockSkewS <= now)
        return fail("id_token expired");
    const QJsonValue iat = claims.value(u"iat");
    if (iat.isDouble() && qint64(iat.toDouble()) - expect.clockSkewS > now)
        return fail("id_token issued in the future");
    if (claims.value(u"nonce").toString() != expect.nonce || expect.nonce.isEmpty())
        return fail("id_token nonce mismatch");
    if (claims.value(u"sub").toString().isEmpty())
        return fail("id_token without sub");
    return claims;
}
