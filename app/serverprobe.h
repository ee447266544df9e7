#pragma once

#include "net/serverurl.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QUrl>

class ApiClient;
class ApiReply;

// "Is there a Parametric server at this address?" for the Settings page and the backend error page:
// validates what the user typed (ServerUrl: https by default, http only to this computer) and asks
// the server's /api/health/readiness before anything is switched. QML: `ServerProbe { address: … }`.
class ServerProbe : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString address READ address WRITE setAddress NOTIFY addressChanged) // as typed
    Q_PROPERTY(bool valid READ valid NOTIFY addressChanged)
    Q_PROPERTY(QString validationError READ validationError NOTIFY addressChanged) // "" when valid
    Q_PROPERTY(QUrl url READ url NOTIFY addressChanged) // normalised (https:// added), empty when invalid
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString message READ message NOTIFY stateChanged) // the answer, for the user
    Q_PROPERTY(int timeoutMs READ timeoutMs WRITE setTimeoutMs NOTIFY timeoutMsChanged)

public:
    enum State {
        Idle,        // nothing asked yet (or the address changed since)
        Checking,    // request in flight
        Ready,       // a Parametric server that is ready: switching is safe
        NotReady,    // it answered, but not as a ready Parametric server (503, 404, …)
        Unreachable, // no answer: refused, unknown host, TLS failure, timeout
    };
    Q_ENUM(State)

    explicit ServerProbe(QObject *parent = nullptr);
    ~ServerProbe() override;

    QString address() const { return m_address; }
    void setAddress(const QString &address);
    bool valid() const { return m_parsed.isValid(); }
    QString validationError() const { return m_parsed.error; }
    QUrl url() const { return m_parsed.url; }
    State state() const { return m_state; }
    QString message() const { return m_message; }
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms);

    void setApiClient(ApiClient *api) { m_api = api; } // default: the app's
    Q_INVOKABLE void check(); // asks the server; an invalid address only sets the message
    Q_INVOKABLE void reset(); // back to Idle (e.g. the user cancelled the switch)

Q_SIGNALS:
    void addressChanged();
    void stateChanged();
    void timeoutMsChanged();

private:
    void setState(State state, const QString &message);
    void abortPending();

    ApiClient *m_api = nullptr;
    QString m_address;
    ServerUrl m_parsed;
    State m_state = Idle;
    QString m_message;
    int m_timeoutMs = 5000;
    QPointer<ApiReply> m_reply;
};
