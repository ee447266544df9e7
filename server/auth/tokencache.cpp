#include "auth/tokencache.h"

TokenCache::TokenCache(std::shared_ptr<Clock> clock, int lifetimeMs, int capacity)
    : m_clock(std::move(clock))
    , m_lifetimeMs(qMax(0, lifetimeMs))
    , m_capacity(qMax(1, capacity))
{}

bool TokenCache::isLive(const Slot &slot, const QDateTime &now) const
{
    return !slot.deadline.hasExpired() && now < slot.entry.validUntil;
}

std::optional<AuthContext> TokenCache::find(const QString &tokenHash)
{
    std::lock_guard lock(m_mutex);
    if (!m_listening)
        return std::nullopt;
    const auto it = m_entries.constFind(tokenHash);
    if (it == m_entries.constEnd())
        return std::nullopt;
    if (!isLive(*it, m_clock->now())) {
        m_entries.erase(it);
        return std::nullopt;
    }
    return it->entry.who;
}

quint64 TokenCache::revision() const
{
    std::lock_guard lock(m_mutex);
    return m_revision;
}

void TokenCache::makeRoom(const QDateTime &now)
{
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = isLive(*it, now) ? std::next(it) : m_entries.erase(it);
    // Still full of live entries: which one goes matters little, each lives a few seconds anyway.
    while (m_entries.size() >= m_capacity)
        m_entries.erase(m_entries.begin());
}

void TokenCache::insert(const QString &tokenHash, Entry entry, quint64 revisionBefore)
{
    if (m_lifetimeMs == 0)
        return;
    const QDateTime now = m_clock->now();
    std::lock_guard lock(m_mutex);
    if (!m_listening || revisionBefore != m_revision || now >= entry.validUntil)
        return;
    if (m_entries.size() >= m_capacity && !m_entries.contains(tokenHash))
        makeRoom(now);
    m_entries.insert(tokenHash, Slot{std::move(entry), QDeadlineTimer(m_lifetimeMs)});
}

template<typename Predicate> void TokenCache::removeIf(Predicate matches)
{
    std::lock_guard lock(m_mutex);
    ++m_revision;
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = matches(it->entry) ? m_entries.erase(it) : std::next(it);
}

void TokenCache::revokeAccessToken(const QString &id)
{
    removeIf([&id](const Entry &e) { return e.accessTokenId == id; });
}

void TokenCache::revokeSession(const QString &id)
{
    removeIf([&id](const Entry &e) { return e.who.sessionId == id; });
}

void TokenCache::revokeUser(const QString &id)
{
    removeIf([&id](const Entry &e) { return e.who.userId == id; });
}

void TokenCache::clear()
{
    removeIf([](const Entry &) { return true; });
}

void TokenCache::applyNotification(QStringView payload)
{
    const QString id = payload.mid(2).toString();
    if (payload.startsWith(u"a:"))
        revokeAccessToken(id);
    else if (payload.startsWith(u"s:"))
        revokeSession(id);
    else if (payload.startsWith(u"u:"))
        revokeUser(id);
    else
        clear();
}

void TokenCache::setListening(bool listening)
{
    std::lock_guard lock(m_mutex);
    ++m_revision;
    m_listening = listening && m_lifetimeMs > 0;
    if (!m_listening)
        m_entries.clear();
}

bool TokenCache::isActive() const
{
    std::lock_guard lock(m_mutex);
    return m_listening;
}

bool TokenCache::contains(const QString &tokenHash) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.constFind(tokenHash);
    return it != m_entries.constEnd() && isLive(*it, m_clock->now());
}

int TokenCache::size() const
{
    std::lock_guard lock(m_mutex);
    return int(m_entries.size());
}
