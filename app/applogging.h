#pragma once

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
