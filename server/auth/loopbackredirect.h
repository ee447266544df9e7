#pragma once

#include <QString>

// Validates a native app's redirect_uri (issue 3 point 1, security-policy NA-1): only
// http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path>, port 1–65535 written without a
// leading zero, and a plain path (no percent-encoding, no dot segments, no backslash); no
// userinfo, query or fragment; `localhost` and every other host are refused.
// Checks the raw text, not a parsed QUrl, so nothing is normalised into acceptance.
// Returns an empty string when valid, else the reason (for the 400 message).
QString loopbackRedirectError(const QString &redirectUri);
