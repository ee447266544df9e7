#pragma once

#include <QString>
#include <QUrl>

// The one check for a Parametric server address typed by the user (Settings, the backend error page),
// given on the command line (--server, the app's and parametric-icons-cli's) or in
// PARAMETRIC_SERVER_URL, or read back from the settings.
//  - No scheme: https:// is assumed ("icons.example.com" → https://icons.example.com).
//  - https:// anywhere; plain http:// only to this computer (localhost, 127.0.0.0/8, ::1), because
//    sign-in tokens and API keys would otherwise cross the network in clear text.
//  - A host is required; user names, passwords, queries and fragments are refused (they would end
//    up in logs and in the keychain's account names); a path prefix is kept (a server behind a proxy
//    path), the trailing slash dropped.
struct ServerUrl
{
    QUrl url;      // normalised, valid when error is empty
    QString error; // one sentence for the user; empty when the address is usable

    bool isValid() const { return error.isEmpty(); }

    static ServerUrl parse(const QString &text);
    static bool isLoopbackHost(const QString &host);
};
