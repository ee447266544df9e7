#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// Claims of an OpenID Connect ID token received in the token endpoint's response.
//
// The signature is NOT verified, deliberately: OIDC Core §3.1.3.7 (step 6) allows TLS server
// validation in place of the signature check when the ID token came directly from the token
// endpoint over TLS, which is the only way this server ever receives one (we never accept an ID
// token from a browser or a client). Everything else the spec requires is checked: iss, aud
// (and azp when there are several audiences), exp, iat not in the future, and the nonce.
struct IdTokenExpectations
{
    QStringList issuers;    // any of these; empty → `issuerTemplate` must be used
    QString issuerTemplate; // Microsoft: "https://login.microsoftonline.com/{tenantid}/v2.0"
    QString requiredTenant; // Microsoft with a tenant GUID: tid must equal it
    QString clientId;
    QString nonce;
    QDateTime now;
    qint64 clockSkewS = 120;
};

// Returns the claims, or sets *error (short, safe for logs: never the token) and returns {}.
QJsonObject validateIdToken(const QByteArray &idToken, const IdTokenExpectations &expect, QString *error);

// Decodes a JWT payload without any validation (used by the fakes' tests and for diagnostics).
QJsonObject decodeJwtPayload(const QByteArray &jwt);

// A claim that providers send either as JSON true or as the string "true" (some Microsoft and
// older Google tokens do).
bool claimIsTrue(const QJsonObject &claims, const QString &name);
