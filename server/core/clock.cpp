#include "core/clock.h"

QDateTime Clock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

std::shared_ptr<Clock> Clock::system()
{
    static const auto clock = std::make_shared<Clock>();
    return clock;
}

ManualClock::ManualClock()
    : m_msSinceEpoch(QDateTime::currentMSecsSinceEpoch())
{}

QDateTime ManualClock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_msSinceEpoch.load(), Qt::UTC);
}

void ManualClock::advance(qint64 seconds)
{
    m_msSinceEpoch += seconds * 1000;
}

void ManualClock::advanceMs(qint64 ms)
{
    m_msSinceEpoch += ms;
}
