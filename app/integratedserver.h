#pragma once

#include "core/config.h"

#include <QProcessEnvironment>
#include <QString>

// How the desktop app configures the API server it runs in-process (integrated mode and --headless):
// the environment's server variables (a broken one is ignored: it was meant for parametric-server),
// then the app's own choices: its address, its private database, four database threads, and the
// generator: Anthropic when the user gave a key (kept in the keychain and handed only to this
// server), otherwise the built-in one. The app signs in as the local user, whom the server does not
// rate-limit (nothing is shared).
ServerConfig integratedServerConfig(const QProcessEnvironment &environment, const DatabaseSettings &database,
                                    const QString &host, quint16 port, const QString &anthropicKey);
