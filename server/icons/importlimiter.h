#pragma once

#include "core/clock.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

class ServerConfig;

// Limits of POST /api/icons/import (issue 11 point 5): an import stores up to 64 KiB, so without them
// one account could fill the database.
struct ImportLimits
{
    int ratePerMinute = 120; // ICON_IMPORT_RATE_PER_MIN: imports per user per rolling minute
    int maxStored = 5000;    // ICON_IMPORT_MAX_STORED: imported icons one user may keep

    // Throws ConfigError naming the variable.
    static ImportLimits fromConfig(const ServerConfig &config);
};

// Admission of one import, inside the transaction that stores it: serialises the user's imports
// (across replicas), then refuses with 429 + Retry-After when the rolling minute is full (deleted
// imports count: deleting must not reopen the rate) or with 409 `icon_limit_reached` when the user
// keeps maxStored imported icons (deleting some makes room). The local user (local sign-in: the
// desktop app's own server and database) is not limited. Times come from the injected Clock.
class ImportLimiter
{
public:
    ImportLimiter(ImportLimits limits, std::shared_ptr<Clock> clock);

    const ImportLimits &limits() const { return m_limits; }

    // Throws ApiError (429 or 409) or DbError.
    void admit(const QSqlDatabase &db, const QString &userId) const;

private:
    ImportLimits m_limits;
    std::shared_ptr<Clock> m_clock;
};
