#pragma once

#include "auth/authsettings.h"
#include "core/clock.h"

#include <QString>
#include <QThread>

#include <functional>
#include <memory>

// Who the provider says signed in. Provider tokens never leave ProviderClient.
struct ProviderIdentity
{
    QString subject;            // GitHub numeric id, Google sub, Microsoft sub
    QString email;              // may be empty
    bool emailVerified = false; // GitHub primary+verified, Google email_verified, Microsoft xms_edov
};

struct ProviderOutcome
{
    enum class Status { Ok, Rejected, Unavailable };
    Status status = Status::Unavailable;
    ProviderIdentity identity;
    QString logReason; // short and safe for the log (never a token, code or secret)
};

// The server's HTTP client for the upstream providers: the code exchange (with PKCE) and the
// profile fetch. QNetworkAccessManager needs an event loop, which the Database pool threads do not
// have and the HTTP server thread must not be blocked by, so all provider traffic runs on one
// dedicated network thread owned by this object. Thread-safe; `done` runs on the network thread.
class ProviderClient
{
public:
    ProviderClient(int timeoutMs, std::shared_ptr<Clock> clock);
    ~ProviderClient(); // aborts requests in flight (their `done` sees Unavailable), joins the thread

    struct Exchange
    {
        ProviderSettings provider;
        QString code;
        QString codeVerifier;
        QString redirectUri;
        QString nonce;
    };

    void authenticate(Exchange exchange, std::function<void(ProviderOutcome)> done);

private:
    struct Worker;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};
