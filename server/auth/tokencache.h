#pragma once

#include "auth/authcontext.h"
#include "core/clock.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QString>

#include <memory>
#include <mutex>
#include <optional>

// Access tokens validated against the database in the last few seconds, so most authenticated
// requests need no database round trip to know who is calling. Keyed by the token's SHA-256 (the
// raw token is never kept). An entry ends at the first of:
//   - its lifetime (ACCESS_TOKEN_CACHE_MS, on the monotonic clock, so a wall-clock jump cannot
//     stretch it);
//   - the token's or its login's expiry (on the server's Clock, like the database check);
//   - a revocation: this process calls revoke*() right after committing one, before it answers;
//     other processes learn of it through PostgreSQL NOTIFY (migration 0009) and
//     applyNotification();
//   - the revocation listener losing its connection: setListening(false) empties the cache and
//     keeps it off until the listener is back, because notifications sent meanwhile are lost.
// At most `capacity` entries; a full cache drops expired entries, then arbitrary ones.
// Thread-safe: looked up on the HTTP thread, filled on pool threads, revoked from the listener.
class TokenCache
{
public:
    static constexpr int kDefaultCapacity = 10000;

    struct Entry
    {
        AuthContext who;
        QString accessTokenId;
        QDateTime validUntil; // the token's expiry, capped by its login's
    };

    // `lifetimeMs` 0 turns caching off (every request asks the database).
    TokenCache(std::shared_ptr<Clock> clock, int lifetimeMs, int capacity = kDefaultCapacity);

    std::optional<AuthContext> find(const QString &tokenHash);

    // Read before validating a token against the database, and handed to insert(): a validation
    // that overlapped any revocation is not stored, since it may have read the state before it.
    quint64 revision() const;
    void insert(const QString &tokenHash, Entry entry, quint64 revisionBefore);

    void revokeAccessToken(const QString &id);
    void revokeSession(const QString &id);
    void revokeUser(const QString &id);
    void clear();
    // One payload of the `parametric_auth` channel: "a:<access token id>", "s:<session id>",
    // "u:<user id>". Anything else empties the cache (a wrong guess costs round trips only).
    void applyNotification(QStringView payload);

    // Off until the listener has subscribed; turning it off empties the cache.
    void setListening(bool listening);
    bool isActive() const;                         // caching on and the listener subscribed
    bool contains(const QString &tokenHash) const; // a live entry (diagnostics and tests)
    int size() const;
    int lifetimeMs() const { return m_lifetimeMs; }

private:
    struct Slot
    {
        Entry entry;
        QDeadlineTimer deadline;
    };
    template<typename Predicate> void removeIf(Predicate matches);
    bool isLive(const Slot &slot, const QDateTime &now) const;
    void makeRoom(const QDateTime &now);

    std::shared_ptr<Clock> m_clock;
    const int m_lifetimeMs;
    const int m_capacity;
    mutable std::mutex m_mutex;
    QHash<QString, Slot> m_entries;
    quint64 m_revision = 0;
    bool m_listening = false;
};
