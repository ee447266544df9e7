#include "tokenstore.h"
#include "applogging.h"

#include <QLoggingCategory>
#include <QTimer>

#include <qt6keychain/keychain.h>

QString TokenStore::refreshTokenKey(const QUrl &server, const QString &account)
{
    const QString origin = server
                               .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                         QUrl::RemoveUserInfo | QUrl::StripTrailingSlash)
                               .toString();
    return QStringLiteral("refresh-token:%1:%2").arg(origin, account);
}

// In-memory: answers on the next event-loop turn, like the real keychain, so callers cannot come to
// depend on a synchronous answer.
void InMemoryTokenStore::read(const QString &key, ReadCallback done)
{
    const auto it = m_entries.constFind(key);
    const bool found = it != m_entries.constEnd();
    const QString value = found ? *it : QString();
    QTimer::singleShot(0, this, [done = std::move(done), found, value] {
        if (done)
            done(found ? Status::Ok : Status::NotFound, value, {});
    });
}

void InMemoryTokenStore::write(const QString &key, const QString &secret, WriteCallback done)
{
    m_entries.insert(key, secret);
    QTimer::singleShot(0, this, [done = std::move(done)] {
        if (done)
            done(Status::Ok, {});
    });
}

void InMemoryTokenStore::remove(const QString &key, WriteCallback done)
{
    const bool found = m_entries.remove(key) > 0;
    QTimer::singleShot(0, this, [done = std::move(done), found] {
        if (done)
            done(found ? Status::Ok : Status::NotFound, {});
    });
}

KeychainTokenStore::KeychainTokenStore(const QString &service, QObject *parent)
    : TokenStore(parent)
    , m_service(service)
{}

void KeychainTokenStore::read(const QString &key, ReadCallback done)
{
    enqueue({Job::Read, key, {}, std::move(done), {}});
}

void KeychainTokenStore::write(const QString &key, const QString &secret, WriteCallback done)
{
    enqueue({Job::Write, key, secret, {}, std::move(done)});
}

void KeychainTokenStore::remove(const QString &key, WriteCallback done)
{
    enqueue({Job::Remove, key, {}, {}, std::move(done)});
}

void KeychainTokenStore::enqueue(Job job)
{
    m_queue.enqueue(std::move(job));
    if (!m_running)
        runNext();
}

void KeychainTokenStore::markUnavailable(const QString &error)
{
    m_lastError = error;
    qCWarning(lcKeychain).noquote() << "keychain unavailable, keeping secrets for this session only:"
                                    << error;
    const bool changed = m_available;
    m_available = false;
    if (changed)
        Q_EMIT unavailable(error);
}

// One QtKeychain job at a time: libsecret/KWallet do not promise ordering between concurrent jobs,
// and a write followed by a read must see the write.
void KeychainTokenStore::runNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        return;
    }
    m_running = true;
    Job job = m_queue.dequeue();

    QKeychain::Job *kj = nullptr;
    switch (job.kind) {
    case Job::Read: {
        auto *r = new QKeychain::ReadPasswordJob(m_service, this);
        kj = r;
        break;
    }
    case Job::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_service, this);
        w->setTextData(job.secret);
        kj = w;
        break;
    }
    case Job::Remove:
        kj = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    kj->setAutoDelete(true);
    kj->setInsecureFallback(false); // plaintext only ever through an explicit opt-in
    kj->setKey(job.key);
    connect(kj, &QKeychain::Job::finished, this, [this, job = std::move(job)](QKeychain::Job *kj) {
        const QKeychain::Error err = kj->error();
        const bool failed = err != QKeychain::NoError && err != QKeychain::EntryNotFound;
        if (failed)
            markUnavailable(kj->errorString());
        else if (!m_available) {
            m_available = true;
            m_lastError.clear();
        }
        switch (job.kind) {
        case Job::Read:
            if (failed) {
                // The session fallback may hold a value written while the keychain was down.
                m_session.read(job.key, [done = job.readDone, error = kj->errorString()](
                                            Status s, const QString &v, const QString &) {
                    if (done)
                        done(s == Status::Ok ? Status::Ok : Status::Unavailable, v, error);
                });
            } else if (job.readDone) {
                const QString value = static_cast<QKeychain::ReadPasswordJob *>(kj)->textData();
                job.readDone(err == QKeychain::NoError ? Status::Ok : Status::NotFound, value, {});
            }
            break;
        case Job::Write:
            if (failed) {
                m_session.write(job.key, job.secret, {});
                if (job.writeDone)
                    job.writeDone(Status::Unavailable, kj->errorString());
            } else {
                m_session.remove(job.key, {});
                if (job.writeDone)
                    job.writeDone(Status::Ok, {});
            }
            break;
        case Job::Remove:
            m_session.remove(job.key, {});
            if (job.writeDone)
                job.writeDone(failed ? Status::Unavailable
                                     : (err == QKeychain::NoError ? Status::Ok : Status::NotFound),
                              failed ? kj->errorString() : QString());
            break;
        }
        QTimer::singleShot(0, this, &KeychainTokenStore::runNext);
    });
    kj->start();
}
