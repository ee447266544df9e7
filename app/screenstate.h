#pragma once

#include "authmanager.h"
#include "backend.h"

#include <QObject>
#include <QQmlEngine>

// Which screen the main window shows, derived from the backend's and the sign-in's state, so that the
// rule lives in one tested place instead of a QML binding. Main.qml binds the inputs
// (`ScreenState { backendState: Backend.state; … }`) and shows `screen`:
//  - "error"   the backend could not start or reach its server (the help screen);
//  - "startup" the progress screen while the backend comes up or a saved sign-in is restored;
//  - "signin"  remote mode, the server answered, nobody signed in;
//  - "studio"  signed in (in remote mode even while offline: the studio shows its cached history).
class ScreenState : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Backend::Mode backendMode READ backendMode WRITE setBackendMode NOTIFY inputsChanged)
    Q_PROPERTY(Backend::State backendState READ backendState WRITE setBackendState NOTIFY inputsChanged)
    Q_PROPERTY(AuthManager::State authState READ authState WRITE setAuthState NOTIFY inputsChanged)
    Q_PROPERTY(QString screen READ screen NOTIFY screenChanged) // startup | error | signin | studio

public:
    explicit ScreenState(QObject *parent = nullptr);

    static QString screenFor(Backend::Mode mode, Backend::State backend, AuthManager::State auth);

    Backend::Mode backendMode() const { return m_mode; }
    void setBackendMode(Backend::Mode mode);
    Backend::State backendState() const { return m_backend; }
    void setBackendState(Backend::State state);
    AuthManager::State authState() const { return m_auth; }
    void setAuthState(AuthManager::State state);
    QString screen() const { return m_screen; }

Q_SIGNALS:
    void inputsChanged();
    void screenChanged();

private:
    void update();

    Backend::Mode m_mode = Backend::Integrated;
    Backend::State m_backend = Backend::Idle;
    AuthManager::State m_auth = AuthManager::SignedOut;
    QString m_screen;
};
