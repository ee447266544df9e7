#pragma once

#include "db/database.h"

#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <functional>

// A dedicated PostgreSQL connection that LISTENs on `channels`, on its own thread, for as long as
// the object lives. PostgreSQL delivers a NOTIFY only to sessions listening when it commits, so
// the owner must assume it missed everything while the connection was down: `onListening(false)`
// is called as soon as a lost connection is noticed (the driver reports the socket closed, or a
// periodic round trip fails), then the listener reconnects with capped backoff and calls
// `onListening(true)` once it is subscribed again. Both callbacks and `onNotification` run on the
// listener's thread.
class NotificationListener
{
public:
    using NotificationHandler = std::function<void(const QString &channel, const QString &payload)>;
    using StateHandler = std::function<void(bool listening)>;

    NotificationListener(DatabaseSettings settings, QStringList channels, NotificationHandler onNotification,
                         StateHandler onListening);
    ~NotificationListener(); // closes the connection and joins the thread

    NotificationListener(const NotificationListener &) = delete;
    NotificationListener &operator=(const NotificationListener &) = delete;

    void start();
    bool isListening() const { return m_listening.load(); }

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
    std::atomic<bool> m_listening{false};
};
