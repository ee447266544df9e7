#include "screenstate.h"

ScreenState::ScreenState(QObject *parent)
    : QObject(parent)
    , m_screen(screenFor(m_mode, m_backend, m_auth))
{}

QString ScreenState::screenFor(Backend::Mode mode, Backend::State backend, AuthManager::State auth)
{
    if (backend == Backend::Error)
        return QStringLiteral("error");
    const bool signedIn = auth == AuthManager::SignedIn;
    if (mode == Backend::Remote) {
        if (signedIn)
            return QStringLiteral("studio");
        // Until the server has answered (or a saved sign-in is restored) there is nothing to sign in to.
        if (backend == Backend::Idle || backend == Backend::Connecting || auth == AuthManager::Restoring)
            return QStringLiteral("startup");
        return QStringLiteral("signin");
    }
    // Integrated: the app signs its one local user in by itself once the server is up.
    return backend == Backend::Ready && signedIn ? QStringLiteral("studio") : QStringLiteral("startup");
}

void ScreenState::setBackendMode(Backend::Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    update();
}

void ScreenState::setBackendState(Backend::State state)
{
    if (state == m_backend)
        return;
    m_backend = state;
    update();
}

void ScreenState::setAuthState(AuthManager::State state)
{
    if (state == m_auth)
        return;
    m_auth = state;
    update();
}

void ScreenState::update()
{
    Q_EMIT inputsChanged();
    const QString screen = screenFor(m_mode, m_backend, m_auth);
    if (screen == m_screen)
        return;
    m_screen = screen;
    Q_EMIT screenChanged();
}
