#include "db/notificationlistener.h"

#include "core/logging.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

namespace {
// How often the connection's state is looked at (no round trip: the driver's view of the socket)
// and how often it is proven with a round trip (a peer that vanished without closing the socket).
constexpr int kWatchIntervalMs = 200;
constexpr int kRoundTripEvery = 10; // watches, i.e. every 2 s
constexpr int kFirstRetryMs = 250;
constexpr int kMaxRetryMs = 5000;
std::atomic<int> g_nextListenerId{1};
} // namespace

class NotificationListener::Worker : public QObject
{
public:
    Worker(DatabaseSettings settings, QStringList channels, NotificationHandler onNotification,
           StateHandler onListening, std::atomic<bool> &listening)
        : m_settings(std::move(settings))
        , m_channels(std::move(channels))
        , m_onNotification(std::move(onNotification))
        , m_onListening(std::move(onListening))
        , m_listening(listening)
        , m_name(QStringLiteral("parametric-listener-%1").arg(g_nextListenerId.fetch_add(1)))
    {
        m_settings.applicationName += QStringLiteral(" listener");
        // LISTEN and "SELECT 1" only: a round trip that takes seconds means a dead peer.
        m_settings.statementTimeoutMs = 2000;
    }

    // On the listener's thread from here on.
    void begin()
    {
        m_watch = new QTimer(this);
        m_watch->setInterval(kWatchIntervalMs);
        QObject::connect(m_watch, &QTimer::timeout, this, [this] { watch(); });
        m_retry = new QTimer(this);
        m_retry->setSingleShot(true);
        QObject::connect(m_retry, &QTimer::timeout, this, [this] { connectAndListen(); });
        connectAndListen();
    }

    void end()
    {
        m_watch->stop();
        m_retry->stop();
        closeConnection();
        QSqlDatabase::removeDatabase(m_name);
    }

private:
    void connectAndListen()
    {
        QSqlDatabase db = openConnection(m_settings, m_name);
        QString failure;
        if (!db.isOpen()) {
            failure = db.lastError().text().simplified();
        } else {
            QObject::connect(
                db.driver(), &QSqlDriver::notification, this,
                [this](const QString &channel, QSqlDriver::NotificationSource, const QVariant &payload) {
                    m_onNotification(channel, payload.toString());
                });
            for (const QString &channel : std::as_const(m_channels)) {
                if (!db.driver()->subscribeToNotification(channel)) {
                    failure = db.driver()->lastError().text().simplified();
                    break;
                }
            }
        }
        if (!failure.isEmpty()) {
            if (m_retryMs == kFirstRetryMs)
                qCWarning(lcDb).noquote() << "notification listener cannot listen on" << m_settings.describe()
                                          << "-" << failure << "; retrying";
            closeConnection();
            m_retry->start(m_retryMs);
            m_retryMs = qMin(m_retryMs * 2, kMaxRetryMs);
            return;
        }
        m_retryMs = kFirstRetryMs;
        m_watches = 0;
        m_watch->start();
        qCInfo(lcDb).noquote() << "listening for" << m_channels.join(QStringLiteral(", ")) << "notifications";
        setListening(true);
    }

    void watch()
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        bool alive = db.isOpen();
        if (alive && ++m_watches % kRoundTripEvery == 0) {
            QSqlQuery probe(db);
            alive = probe.exec(QStringLiteral("SELECT 1"));
        }
        if (alive)
            return;
        qCWarning(lcDb) << "notification listener lost its connection; reconnecting";
        setListening(false);
        m_watch->stop();
        closeConnection();
        m_retry->start(kFirstRetryMs);
    }

    void setListening(bool listening)
    {
        m_listening = listening;
        m_onListening(listening);
    }

    void closeConnection()
    {
        if (m_listening.load())
            setListening(false);
        if (QSqlDatabase::contains(m_name)) {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (db.driver())
                QObject::disconnect(db.driver(), nullptr, this, nullptr);
            db.close();
        }
    }

    DatabaseSettings m_settings;
    QStringList m_channels;
    NotificationHandler m_onNotification;
    StateHandler m_onListening;
    std::atomic<bool> &m_listening;
    const QString m_name;
    QTimer *m_watch = nullptr;
    QTimer *m_retry = nullptr;
    int m_retryMs = kFirstRetryMs;
    int m_watches = 0;
};

NotificationListener::NotificationListener(DatabaseSettings settings, QStringList channels,
                                           NotificationHandler onNotification, StateHandler onListening)
{
    m_worker = new Worker(std::move(settings), std::move(channels), std::move(onNotification),
                          std::move(onListening), m_listening);
    m_thread.setObjectName(QStringLiteral("db-listener"));
    m_worker->moveToThread(&m_thread);
}

NotificationListener::~NotificationListener()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker] { w->end(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_worker;
}

void NotificationListener::start()
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->begin(); }, Qt::QueuedConnection);
}
