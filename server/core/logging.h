#pragma once

#include <QByteArray>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcDb)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcIcons)
Q_DECLARE_LOGGING_CATEGORY(lcGeneration)

namespace logging {
// Installs a message handler that prints "time level category: message" to stderr and replaces
// every registered secret with "[redacted]" — a second line of defence; code must not log secrets.
void install();
// Registers a secret (API key, client secret, local-login secret) to redact. Values shorter than
// 8 bytes are ignored (redacting them would mangle ordinary text).
void registerSecret(const QByteArray &secret);
// Registers a kind of secret by its shape (e.g. API keys, which are many and not known in advance):
// every match of `pattern` is redacted. Only lines containing `marker` are searched, so ordinary
// lines cost one substring search.
void registerSecretPattern(const QByteArray &marker, const QRegularExpression &pattern);
// What install()'s handler prints for `text`: every registered secret and pattern replaced.
QByteArray redact(QByteArray text);
} // namespace logging
