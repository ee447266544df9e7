// ScreenState: which screen the main window shows for each backend mode, backend state and sign-in
// state, and that a change of input announces a change of screen only when the screen changes.
#include "screenstate.h"

#include <QSignalSpy>
#include <QTest>

class TestScreenState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenFor_data()
    {
        QTest::addColumn<Backend::Mode>("mode");
        QTest::addColumn<Backend::State>("backend");
        QTest::addColumn<AuthManager::State>("auth");
        QTest::addColumn<QString>("screen");

        struct Row
        {
            const char *name;
            Backend::Mode mode;
            Backend::State backend;
            AuthManager::State auth;
            const char *screen;
        };
        static const Row rows[] = {
            // The error screen wins over everything, signed in or not.
            {"integrated error", Backend::Integrated, Backend::Error, AuthManager::SignedOut, "error"},
            {"remote error signed in", Backend::Remote, Backend::Error, AuthManager::SignedIn, "error"},
            // Integrated: the studio only once the server is ready and the local user signed in.
            {"integrated idle", Backend::Integrated, Backend::Idle, AuthManager::SignedOut, "startup"},
            {"integrated creating", Backend::Integrated, Backend::CreatingDatabase, AuthManager::SignedOut,
             "startup"},
            {"integrated ready, signing in", Backend::Integrated, Backend::Ready,
             AuthManager::SigningInLocally, "startup"},
            {"integrated signed in, not ready", Backend::Integrated, Backend::StartingServer,
             AuthManager::SignedIn, "startup"},
            {"integrated ready and signed in", Backend::Integrated, Backend::Ready, AuthManager::SignedIn,
             "studio"},
            {"integrated stopping", Backend::Integrated, Backend::Stopping, AuthManager::SignedIn, "startup"},
            // Remote: signed in is the studio whatever the connection does (offline shows the cache).
            {"remote connecting signed in", Backend::Remote, Backend::Connecting, AuthManager::SignedIn,
             "studio"},
            {"remote idle", Backend::Remote, Backend::Idle, AuthManager::SignedOut, "startup"},
            {"remote connecting", Backend::Remote, Backend::Connecting, AuthManager::SignedOut, "startup"},
            {"remote ready, restoring", Backend::Remote, Backend::Ready, AuthManager::Restoring, "startup"},
            {"remote ready, signed out", Backend::Remote, Backend::Ready, AuthManager::SignedOut, "signin"},
            {"remote ready, waiting for the browser", Backend::Remote, Backend::Ready,
             AuthManager::WaitingForBrowser, "signin"},
            {"remote ready, checking the server", Backend::Remote, Backend::Ready,
             AuthManager::CheckingServer, "signin"},
        };
        for (const Row &row : rows)
            QTest::newRow(row.name) << row.mode << row.backend << row.auth << QString::fromLatin1(row.screen);
    }

    void screenFor()
    {
        QFETCH(Backend::Mode, mode);
        QFETCH(Backend::State, backend);
        QFETCH(AuthManager::State, auth);
        QFETCH(QString, screen);
        QCOMPARE(ScreenState::screenFor(mode, backend, auth), screen);
    }

    void announcesOnlyRealChanges()
    {
        ScreenState state;
        QCOMPARE(state.screen(), QStringLiteral("startup"));
        QSignalSpy changed(&state, &ScreenState::screenChanged);

        state.setBackendState(Backend::StartingServer); // still the progress screen
        QCOMPARE(changed.count(), 0);
        state.setBackendState(Backend::Ready);
        state.setAuthState(AuthManager::SignedIn);
        QCOMPARE(state.screen(), QStringLiteral("studio"));
        QCOMPARE(changed.count(), 1);

        state.setBackendMode(Backend::Remote); // signed in stays in the studio
        QCOMPARE(changed.count(), 1);
        state.setAuthState(AuthManager::SignedOut);
        QCOMPARE(state.screen(), QStringLiteral("signin"));
        state.setBackendState(Backend::Error);
        QCOMPARE(state.screen(), QStringLiteral("error"));
        QCOMPARE(changed.count(), 3);
    }
};

QTEST_GUILESS_MAIN(TestScreenState)
#include "tst_screenstate.moc"
