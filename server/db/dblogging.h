#pragma once

#include <QLoggingCategory>

// "parametric.server.db": SQL text and driver messages go here, never into a client answer.
Q_DECLARE_LOGGING_CATEGORY(lcDbLayer)
