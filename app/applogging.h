#pragma once

#include <QLoggingCategory>
#include <QString>

// The desktop app's log output, on top of logging::install() (timestamps, secret redaction):
//  - debug lines are off unless asked for (QT_LOGGING_RULES="parametric.*.debug=true"): a user's
//    terminal should show what happened, not connection housekeeping;
//  - URLs lose their query string ("…/oauth/github?[query removed]"): sign-in URLs carry the
//    attempt's `state` and PKCE challenge, and Qt itself prints the URL it fails to open.
namespace applogging {
void install();
QString withoutUrlQueries(const QString &message);
} // namespace applogging

// Every category of the desktop app, in one place so that QT_LOGGING_RULES users and the tests find them
// by name ("parametric.app.<area>"); a new area adds its line here and in applogging.cpp.
Q_DECLARE_LOGGING_CATEGORY(lcApi)      // parametric.app.api: the app's HTTP traffic
Q_DECLARE_LOGGING_CATEGORY(lcSignIn)   // parametric.app.auth: sign-in and the loopback receiver
Q_DECLARE_LOGGING_CATEGORY(lcBackend)  // parametric.app.backend: integrated / remote server
Q_DECLARE_LOGGING_CATEGORY(lcEdits)    // parametric.app.edits: parameter editing of the current icon
Q_DECLARE_LOGGING_CATEGORY(lcHistory)  // parametric.app.history: history cache and paging
Q_DECLARE_LOGGING_CATEGORY(lcKeychain) // parametric.app.keychain: token storage
Q_DECLARE_LOGGING_CATEGORY(lcSettings) // parametric.app.settings: the settings file
Q_DECLARE_LOGGING_CATEGORY(lcStartup)  // parametric.app.startup: renderer, first frame, backend ready
