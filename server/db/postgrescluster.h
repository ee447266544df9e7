#pragma once

#include "db/database.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>

#include <mutex>

// A private PostgreSQL cluster in a directory of our own: the run command's embedded database, the
// desktop app's integrated mode and the tests' throwaway servers.
//
//   <rootDir>/data        the cluster (initdb once; reused on later starts)
//   <rootDir>/run         the unix-socket directory (0700; a short one under the temp dir when the
//                         path would be too long for a socket address)
//   <rootDir>/server.log  PostgreSQL's log
//   <rootDir>/password    the superuser's generated password (0600), needed only over TCP
//
// Local socket connections are trusted (only the owner can enter the socket directory); TCP, when
// enabled, listens on 127.0.0.1 only and requires the password (SCRAM). Running as root, PostgreSQL
// runs as the `postgres` system user through `runuser` and the directories are chowned to it.
//
// The synchronous API (start/stop) is for the server and tests; the app calls startAsync() and
// follows the signals. All methods are thread-safe.
class PostgresCluster : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Initializing, Starting, Running, Stopping, Failed };
    Q_ENUM(State)

    struct Options
    {
        QString rootDir;        // required
        QString socketDir;      // default: <rootDir>/run (or a short temp dir)
        quint16 port = 0;       // 0: 5432 for socket-only (private dir), a free port with TCP
        bool listenTcp = false; // also 127.0.0.1:<port>, password required
        bool throwaway = false; // tests: fsync=off, synchronous_commit=off, initdb --no-sync
        QString binDir;         // default: findBinDir()
        QString superuser = QStringLiteral("postgres");
        int startTimeoutSeconds = 60;
        bool stopOnDestruction = true; // stop the server in ~PostgresCluster if this object started it
    };

    explicit PostgresCluster(Options options, QObject *parent = nullptr);
    ~PostgresCluster() override;

    // Initialises the data directory if needed and starts the server; returns when it accepts
    // connections. A server already running on this data directory (left by a crashed process) is
    // adopted. False with a readable reason in `error` (and errorString()) on failure.
    bool start(QString *error = nullptr);
    // Fast shutdown (immediate if that does not finish). Not running counts as success.
    bool stop(QString *error = nullptr);
    bool restart(QString *error = nullptr);
    // start() on a worker thread; follow stateChanged/progress/started/failed.
    void startAsync();

    State state() const;
    QString errorString() const;
    bool isInitialized() const; // <rootDir>/data/PG_VERSION exists
    bool isRunning() const;     // asks pg_ctl status

    // Connection settings for `database` over the unix socket (the fast path).
    DatabaseSettings settings(const QString &database = QStringLiteral("postgres")) const;
    // The same over TCP 127.0.0.1 (only when Options::listenTcp).
    DatabaseSettings tcpSettings(const QString &database = QStringLiteral("postgres")) const;

    QString rootDir() const { return m_options.rootDir; }
    QString dataDir() const;
    QString socketDir() const { return m_socketDir; }
    QString logFile() const;
    quint16 port() const;
    QString binDir() const { return m_binDir; }
    const Options &options() const { return m_options; }

    // The directory holding initdb, pg_ctl and postgres: `preferred`, $PG_BINDIR, `pg_config --bindir`,
    // /usr/lib/postgresql/<highest>/bin, other common install locations, beside the executable, PATH.
    // Empty with an installation hint in `error` when none is found.
    static QString findBinDir(const QString &preferred = {}, QString *error = nullptr);

Q_SIGNALS:
    void stateChanged(PostgresCluster::State state);
    void progress(const QString &message);
    void started();
    void stopped();
    void failed(const QString &error);

private:
    struct ProcessResult
    {
        int exitCode = -1;
        bool finished = false;
        QString output;
    };

    bool startLocked(QString *error);
    bool stopLocked(QString *error);
    bool prepareDirectories(QString *error);
    bool initdb(QString *error);
    bool handleExistingPidFile(bool *adopted, QString *error);
    ProcessResult runTool(const QString &tool, const QStringList &arguments, int timeoutMs) const;
    QString tool(const QString &name) const;
    QString logTail(int lines = 15) const;
    void setState(State state, const QString &error = {});
    bool fail(const QString &message, QString *error);
    void chownToServerUser(const QString &path) const;

    Options m_options;
    QString m_binDir;
    QString m_binDirError;
    QString m_socketDir;
    QString m_password;
    quint16 m_port = 0;
    bool m_runAsPostgres = false;
    bool m_startedByUs = false;

    mutable std::recursive_mutex m_mutex; // serialises start/stop
    mutable std::mutex m_stateMutex;
    State m_state = State::Stopped;
    QString m_error;
    QFuture<void> m_async;
};
