#pragma once

#include "apiclient.h"

#include <QSignalSpy>

// Signs `api` in as the local user through POST /api/auth/local, as integrated mode does, and installs
// the tokens. False when the server refused or did not answer within 15 s.
inline bool signInLocally(ApiClient &api, const QByteArray &secret)
{
    ApiReply *reply =
        api.post(QStringLiteral("/api/auth/local"), {{QStringLiteral("secret"), QString::fromLatin1(secret)}},
                 ApiClient::Auth::None);
    ApiClient::Tokens tokens;
    QObject::connect(reply, &ApiReply::finished, reply, [&tokens, reply] {
        tokens = ApiClient::Tokens::fromJson(reply->json(), QDateTime::currentDateTimeUtc());
    });
    QSignalSpy finished(reply, &ApiReply::finished);
    if (!finished.wait(15000) || tokens.accessToken.isEmpty() || tokens.refreshToken.isEmpty())
        return false;
    api.setTokens(tokens);
    return true;
}
