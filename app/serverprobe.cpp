#include "serverprobe.h"

#include "apiclient.h"
#include "appcore.h"

#include <QJsonObject>

ServerProbe::ServerProbe(QObject *parent)
    : QObject(parent)
    , m_parsed(ServerUrl::parse({}))
{}

ServerProbe::~ServerProbe()
{
    abortPending();
}

void ServerProbe::setAddress(const QString &address)
{
    if (m_address == address)
        return;
    m_address = address;
    m_parsed = ServerUrl::parse(address);
    abortPending();
    Q_EMIT addressChanged();
    setState(Idle, {});
}

void ServerProbe::setTimeoutMs(int ms)
{
    ms = qMax(100, ms);
    if (m_timeoutMs == ms)
        return;
    m_timeoutMs = ms;
    Q_EMIT timeoutMsChanged();
}

void ServerProbe::abortPending()
{
    if (ApiReply *reply = m_reply) {
        m_reply = nullptr;
        reply->abort();
    }
}

void ServerProbe::reset()
{
    abortPending();
    setState(Idle, {});
}

void ServerProbe::setState(State state, const QString &message)
{
    if (m_state == state && m_message == message)
        return;
    m_state = state;
    m_message = message;
    Q_EMIT stateChanged();
}

void ServerProbe::check()
{
    abortPending();
    if (!m_parsed.isValid()) {
        setState(Idle, m_parsed.error);
        return;
    }
    ApiClient *api = m_api ? m_api : AppCore::instance()->api();
    const QUrl server = m_parsed.url;
    const QString host = server.toString(QUrl::RemoveUserInfo);
    setState(Checking, tr("Asking %1…").arg(host));
    ApiReply *reply = api->checkReadiness(server, m_timeoutMs);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply, host] {
        if (reply != m_reply)
            return; // replaced or aborted
        m_reply = nullptr;
        switch (reply->outcome()) {
        case ApiReply::Outcome::Canceled:
            return;
        case ApiReply::Outcome::NetworkError:
            setState(Unreachable, tr("%1 cannot be reached: %2").arg(host, reply->errorMessage()));
            return;
        case ApiReply::Outcome::Ok:
            if (reply->json().value(QStringLiteral("status")).toString() == QLatin1String("ok")) {
                setState(Ready, tr("%1 is a Parametric Icons server and ready.").arg(host));
                return;
            }
            setState(NotReady, tr("%1 answered, but not like a Parametric Icons server.").arg(host));
            return;
        default:
            break;
        }
        if (reply->status() == 503)
            setState(NotReady, tr("%1 is a Parametric Icons server but not ready (its database is "
                                  "unavailable). Try again later.")
                                   .arg(host));
        else
            setState(NotReady,
                     tr("%1 answered %2: is it a Parametric Icons server?").arg(host).arg(reply->status()));
    });
}
