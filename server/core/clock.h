#pragma once

#include <QDateTime>

#include <atomic>
#include <memory>

// The one source of "now" for expiry decisions (tokens, login transactions, rate limits), so tests
// move time forward without sleeping. SQL gets this time as a bound parameter instead of now().
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const; // UTC

    static std::shared_ptr<Clock> system();
};

// A clock for tests: starts at the real time and only moves when told to.
class ManualClock : public Clock
{
public:
    ManualClock();
    QDateTime now() const override;
    void advance(qint64 seconds);
    void advanceMs(qint64 ms);

private:
    std::atomic<qint64> m_msSinceEpoch;
};
