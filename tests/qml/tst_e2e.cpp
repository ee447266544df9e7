// End-to-end test of the desktop app (issue 5, point 9). Every phase is a real launch of the app: this
// binary re-runs itself as a child process (PARAMETRIC_E2E_PHASE) that builds the same AppCore and
// main window as parametric-icons, offscreen, and drives it through the UI:
//   generate  integrated mode on a fresh data directory (private PostgreSQL cluster + in-process server,
//             built-in generator): type a prompt, Enter, find the icon in History, save it to the Library,
//             upload an SVG, export PNG and ICO through the Export dialog, screenshot every main view
//   restart   the same data directory again: the icon is found in History after the restart
//   signin    remote mode with no session: the sign-in page
// The parent (Qt Test) checks the exported files and the screenshots, at 1280×800 and at 200 %
// (QT_SCALE_FACTOR=2). Screenshots land in <build>/tests/qml/e2e-output/<scale>x/ (or
// $PARAMETRIC_E2E_OUTPUT_DIR).
#include "appcore.h"
#include "appsettings.h"
#include "backend.h"
#include "historymodel.h"
#include "librarymodel.h"
#include "sessionlogmodel.h"
#include "studio.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/types.h>

Q_IMPORT_QML_PLUGIN(ParametricIconsPlugin)

namespace {

const char *const kPrompt = "gear with eight teeth";

// A failed step: unwinds to Child::run, which still shuts the backend (and its cluster) down.
struct Failure
{
    QString message;
};

[[noreturn]] void die(const QString &message)
{
    throw Failure{message};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The child side: one launch of the app.
class Child
{
public:
    Child(const QString &phase, const QString &dataDir, const QString &outDir)
        : m_phase(phase)
        , m_dataDir(dataDir)
        , m_outDir(outDir)
    {}

    int run()
    {
        int rc = 0;
        try {
            drive();
        } catch (const Failure &f) {
            std::fprintf(stderr, "e2e child: %s\n", qPrintable(f.message));
            std::fflush(stderr);
            rc = 2;
        }
        if (m_core) {
            bool stopped = false;
            m_core->shutdown([&] { stopped = true; });
            if (!QTest::qWaitFor([&] { return stopped; }, 60000)) {
                std::fprintf(stderr, "e2e child: the backend did not stop\n");
                rc = 2;
            }
        }
        m_engine.reset();
        m_core.reset();
        return rc;
    }

private:
    void drive()
    {
        AppCore::Options options;
        options.dataDirectory = m_dataDir + QStringLiteral("/data");
        options.settingsFile = m_dataDir + QStringLiteral("/settings.ini");
        options.useKeychain = false;
        if (m_phase == QLatin1String("signin"))
            options.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // nothing listens: no session
        m_core = std::make_unique<AppCore>(options);
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/"));
        if (!AppCore::loadMainWindow(*m_engine))
            die(QStringLiteral("the main window did not load"));
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0));
        if (!m_window)
            die(QStringLiteral("no window"));
        m_window->resize(1280, 800);
        m_window->show();
        m_core->start();

        if (m_phase == QLatin1String("signin")) {
            waitFor([&] { return screen() == QLatin1String("signin"); }, 20000, "the sign-in page");
            settle();
            shot(QStringLiteral("signin"));
        } else {
            waitFor([&] { return screen() == QLatin1String("studio") || screen() == QLatin1String("error"); },
                    120000, "the studio after the integrated backend started");
            if (screen() == QLatin1String("error"))
                die(QStringLiteral("backend error: %1 — %2")
                        .arg(m_core->backend()->errorTitle(), m_core->backend()->errorMessage()));
            if (m_phase == QLatin1String("generate"))
                generate();
            else
                restart();
        }
    }

    template<typename F> void waitFor(F condition, int ms, const char *what)
    {
        if (!QTest::qWaitFor(condition, ms))
            die(QStringLiteral("timed out waiting for %1").arg(QLatin1String(what)));
    }
    QString screen() const { return m_window->property("screen").toString(); }
    // Every visual item (view delegates have no QObject parent, so findChildren misses them).
    QList<QQuickItem *> allItems() const
    {
        QList<QQuickItem *> items{m_window->contentItem()};
        for (qsizetype i = 0; i < items.size(); ++i)
            items += items[i]->childItems();
        return items;
    }
    QObject *find(const char *name) const
    {
        QObject *o = m_window->findChild<QObject *>(QLatin1String(name));
        if (!o) // Repeater and view delegates are only in the visual tree
            for (QQuickItem *item : allItems())
                if (item->objectName() == QLatin1String(name)) {
                    o = item;
                    break;
                }
        if (!o)
            die(QStringLiteral("no item named %1").arg(QLatin1String(name)));
        return o;
    }
    void click(const char *name)
    {
        auto *item = qobject_cast<QQuickItem *>(find(name));
        if (!item || !item->isVisible() || !item->isEnabled())
            die(QStringLiteral("%1 is not clickable").arg(QLatin1String(name)));
        const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    }
    void settle() { QTest::qWait(400); }
    void typeText(const QString &text)
    {
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
    }
    void shot(const QString &name)
    {
        settle();
        QDir().mkpath(m_outDir);
        const QImage image = m_window->grabWindow();
        if (image.isNull() || !image.save(m_outDir + QLatin1Char('/') + name + QStringLiteral(".png")))
            die(QStringLiteral("could not save the %1 screenshot").arg(name));
    }
    // Opens a sidebar tab by clicking its rail button, as a user would.
    void showTab(const QString &tab)
    {
        const QByteArray name = "tab_" + tab.toLatin1();
        if (!find(name.constData())->property("active").toBool())
            click(name.constData());
        settle();
        if (!find(name.constData())->property("active").toBool())
            die(QStringLiteral("the %1 tab did not open").arg(tab));
    }
    int historyRowsWithPrompt() const
    {
        int n = 0;
        HistoryModel *h = m_core->studio()->history();
        for (int i = 0; i < h->count(); ++i)
            n += h->get(i).value(QStringLiteral("prompt")).toString() == QLatin1String(kPrompt);
        return n;
    }
    // The History list shows a row with the prompt (the delegate, not just the model).
    bool historyViewShowsPrompt() const
    {
        const auto rows = allItems();
        for (QQuickItem *row : rows)
            if (row->objectName().startsWith(QLatin1String("historyRow_")) && row->isVisible() &&
                row->property("prompt").toString() == QLatin1String(kPrompt))
                return true;
        return false;
    }

    void generate()
    {
        Studio *studio = m_core->studio();
        showTab(QStringLiteral("session"));
        // Type the prompt into the command bar and press Enter, as a user would.
        QMetaObject::invokeMethod(find("promptField"), "forceActiveFocus");
        typeText(QLatin1String(kPrompt));
        if (studio->composer()->prompt() != QLatin1String(kPrompt))
            die(QStringLiteral("the prompt field did not take the text: %1")
                    .arg(studio->composer()->prompt()));
        QTest::keyClick(m_window, Qt::Key_Return);
        waitFor([&] { return studio->busy() || studio->current()->valid(); }, 5000,
                "the generation to start");
        waitFor([&] { return !studio->busy(); }, 120000, "the generation to finish");
        if (!studio->current()->valid() || studio->current()->prompt() != QLatin1String(kPrompt))
            die(QStringLiteral("no icon after generating; session log: %1")
                    .arg(studio->session()->lastText()));

        // Batch of three for the stepper, then back to the first variant.
        studio->composer()->setOutput(QStringLiteral("batch"));
        QMetaObject::invokeMethod(find("promptField"), "forceActiveFocus");
        typeText(QStringLiteral("hex nut, three variants"));
        QTest::keyClick(m_window, Qt::Key_Return);
        waitFor([&] { return !studio->busy() && studio->current()->variantCount() == 3; }, 120000,
                "a batch of 3");
        shot(QStringLiteral("session"));

        showTab(QStringLiteral("history"));
        if (!QTest::qWaitFor([&] { return historyRowsWithPrompt() == 1 && historyViewShowsPrompt(); },
                             20000)) {
            QStringList prompts;
            for (int i = 0; i < studio->history()->count(); ++i)
                prompts << studio->history()->get(i).value(QStringLiteral("prompt")).toString();
            die(QStringLiteral("the icon is not in History (model rows: %1; view shows it: %2)")
                    .arg(prompts.join(QStringLiteral(" | ")))
                    .arg(historyViewShowsPrompt()));
        }
        // Select the first icon from History and save it to the Library.
        for (QQuickItem *row : allItems())
            if (row->objectName().startsWith(QLatin1String("historyRow_")) &&
                row->property("prompt").toString() == QLatin1String(kPrompt)) {
                const QPointF c = row->mapToScene(QPointF(row->width() / 3, row->height() / 2));
                QTest::mouseClick(m_window, Qt::LeftButton, {}, c.toPoint());
                break;
            }
        waitFor([&] { return studio->current()->prompt() == QLatin1String(kPrompt); }, 5000, "the selection");
        click("favoriteButton");
        waitFor([&] { return studio->current()->favorite(); }, 10000, "Save to Library");
        studio->view()->setShowGrid(true);
        shot(QStringLiteral("history"));
        studio->view()->setShowGrid(false);

        // An uploaded SVG in the Library as well.
        const QString upload = QStringLiteral(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect x=\"3\" y=\"3\" "
            "width=\"18\" "
            "height=\"18\" rx=\"3\" fill=\"none\" stroke=\"#94F2E8\" stroke-width=\"2\"/><circle cx=\"12\" "
            "cy=\"12\" r=\"4\" fill=\"#A072C6\"/></svg>");
        studio->library()->importSvg(QStringLiteral("Company mark"), upload);
        showTab(QStringLiteral("library"));
        waitFor([&] { return studio->library()->count() >= 2 && !studio->library()->importing(); }, 20000,
                "the Library with a saved and an uploaded icon");
        shot(QStringLiteral("library"));

        // Export PNG and ICO the way a user does: toolbar Export…, pick the format, Export…, then the
        // save dialog (the app's own: offscreen has no native one): type the name, Save.
        QObject *page = m_window->property("studioPage").value<QObject *>();
        QObject *dialog = page ? page->property("exportDialog").value<QObject *>() : nullptr;
        if (!dialog)
            die(QStringLiteral("no export dialog"));
        const auto saveThroughDialog = [&](const char *format, const QString &path) {
            if (!dialog->property("opened").toBool()) {
                QTest::keyClick(m_window, Qt::Key_E, Qt::ControlModifier); // Export… (Ctrl+E)
                if (!QTest::qWaitFor([&] { return dialog->property("opened").toBool(); }, 5000)) {
                    shot(QStringLiteral("export-dialog-missing"));
                    die(QStringLiteral("the Export dialog did not open (visible %1)")
                            .arg(dialog->property("visible").toBool()));
                }
            }
            // A popup that is still closing cannot open again: wait until the last save dialog is gone.
            waitFor([&] { return !find("saveDialog")->property("visible").toBool(); }, 5000,
                    "the save dialog to close");
            click((QByteArray("format_") + format).constData());
            click("exportConfirm");
            QObject *save = find("saveDialog");
            if (!QTest::qWaitFor([&] { return save->property("opened").toBool(); }, 5000)) {
                shot(QStringLiteral("save-dialog-missing"));
                die(QStringLiteral("the save dialog did not open (visible %1)")
                        .arg(save->property("visible").toBool()));
            }
            auto *name = qobject_cast<QQuickItem *>(find("saveName"));
            name->forceActiveFocus();
            QMetaObject::invokeMethod(name, "selectAll");
            typeText(path); // an absolute path typed into the name field is honoured
            click("saveAccept");
            settle();
        };
        const QString png = m_outDir + QStringLiteral("/exported-icon.png");
        const QString ico = m_outDir + QStringLiteral("/exported-icon.ico");
        QFile::remove(png);
        QFile::remove(ico);
        dialog->setProperty("pngSize", 256);
        saveThroughDialog("png", png);
        waitFor([&] { return QFileInfo::exists(png); }, 10000, "the exported PNG");
        saveThroughDialog("ico", ico);
        waitFor([&] { return QFileInfo::exists(ico); }, 10000, "the exported ICO");
        shot(QStringLiteral("export-dialog"));

        // The same name again: nothing is written until the user confirms, Keep leaves the file alone.
        const QByteArray before = readAll(png);
        saveThroughDialog("png", png);
        settle();
        QObject *save = find("saveDialog");
        if (!save->property("opened").toBool())
            die(QStringLiteral("the save dialog closed without asking before replacing"));
        const QString question = find("saveMessage")->property("text").toString();
        if (!question.contains(QStringLiteral("already exists")))
            die(QStringLiteral("no overwrite question, the dialog says: %1").arg(question));
        shot(QStringLiteral("save-replace"));
        if (readAll(png) != before)
            die(QStringLiteral("the PNG was overwritten before the user confirmed"));
        click("saveCancel"); // "Keep the old file"
        click("saveCancel"); // Cancel
        settle();
        if (readAll(png) != before)
            die(QStringLiteral("the PNG changed although the user kept it"));
        // Confirmed: replaced (a 512 px PNG now).
        dialog->setProperty("pngSize", 512);
        saveThroughDialog("png", png);
        settle();
        click("saveAccept"); // Replace
        waitFor([&] { return QImage(png).width() == 512; }, 10000, "the confirmed replacement");
        dialog->setProperty("pngSize", 256);
        saveThroughDialog("png", png);
        settle();
        click("saveAccept");
        waitFor([&] { return QImage(png).width() == 256; }, 10000, "the 256 px PNG");
        QMetaObject::invokeMethod(dialog, "close");
        settle();

        // Download: into Downloads (created on the way), never over an earlier download, and the
        // message says where the file went, placed clear of the command bar and the stage toolbar.
        click("downloadButton");
        click("downloadButton");
        const QDir downloads(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
        waitFor([&] { return downloads.entryList({QStringLiteral("*.svg")}, QDir::Files).size() == 2; },
                10000, "two downloads side by side");
        QObject *toast = find("toast");
        waitFor([&] { return toast->property("opacity").toDouble() > 0.99; }, 5000, "the message");
        const QString said = toast->property("text").toString();
        if (!said.startsWith(QStringLiteral("Saved ")) || !said.contains(QStringLiteral(" to ~/")))
            die(QStringLiteral("the download message does not say where: %1").arg(said));
        const auto sceneRect = [](QObject *o) {
            auto *item = qobject_cast<QQuickItem *>(o);
            return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        };
        const QRectF toastRect = sceneRect(toast);
        for (const char *covered :
             {"promptField", "toggleGrid", "zoomIn", "exportButton", "viewport", "historyList"})
            if (toastRect.intersects(sceneRect(find(covered))))
                die(QStringLiteral("the message covers %1").arg(QLatin1String(covered)));
        shot(QStringLiteral("download-message"));

        showTab(QStringLiteral("inspector"));
        shot(QStringLiteral("studio"));
        m_window->setProperty("settingsOpen", true);
        shot(QStringLiteral("settings"));
        m_window->setProperty("settingsOpen", false);
    }

    void restart()
    {
        showTab(QStringLiteral("history"));
        waitFor([&] { return historyRowsWithPrompt() == 1 && historyViewShowsPrompt(); }, 30000,
                "the icon in History after the restart");
        // Wait until the list came from the server, not only from the disk cache.
        HistoryModel *h = m_core->studio()->history();
        waitFor([&] { return !h->fromCache() && !h->loading(); }, 30000, "History from the server");
        if (historyRowsWithPrompt() != 1)
            die(QStringLiteral("the icon is gone after refreshing from the server"));
        for (QQuickItem *row : allItems())
            if (row->objectName().startsWith(QLatin1String("historyRow_")) &&
                row->property("prompt").toString() == QLatin1String(kPrompt)) {
                const QPointF c = row->mapToScene(QPointF(row->width() / 3, row->height() / 2));
                QTest::mouseClick(m_window, Qt::LeftButton, {}, c.toPoint());
                break;
            }
        waitFor([&] { return m_core->studio()->current()->prompt() == QLatin1String(kPrompt); }, 5000,
                "the selection");
        shot(QStringLiteral("history"));
        showTab(QStringLiteral("library"));
        waitFor([&] { return m_core->studio()->library()->count() >= 2; }, 20000, "the Library");
        shot(QStringLiteral("library"));
        showTab(QStringLiteral("inspector"));
        shot(QStringLiteral("studio"));
        m_window->setProperty("settingsOpen", true);
        shot(QStringLiteral("settings"));
    }

    QString m_phase;
    QString m_dataDir;
    QString m_outDir;
    std::unique_ptr<AppCore> m_core;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

} // namespace

class TestE2E : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_out;

    bool runPhase(const QString &phase, int scale, QString *log)
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PARAMETRIC_E2E_PHASE"), phase);
        env.insert(QStringLiteral("PARAMETRIC_E2E_DATA"), m_home.path());
        env.insert(QStringLiteral("PARAMETRIC_E2E_OUT"), m_out + QStringLiteral("/%1x").arg(scale));
        env.insert(QStringLiteral("QT_SCALE_FACTOR"), QString::number(scale));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_QUICK_BACKEND"), QStringLiteral("software"));
        // The app's own paths (QStandardPaths) stay inside the temporary home as well.
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/xdg-data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/xdg-config"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.path() + QStringLiteral("/xdg-cache"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.path() + QStringLiteral("/runtime"));
        QDir().mkpath(m_home.path() + QStringLiteral("/runtime"));
        QFile::setPermissions(m_home.path() + QStringLiteral("/runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {});
        const bool finished = child.waitForFinished(300000);
        *log = QString::fromLocal8Bit(child.readAll());
        QFile logFile(m_out + QStringLiteral("/%1-%2x.log").arg(phase).arg(scale));
        if (logFile.open(QIODevice::WriteOnly))
            logFile.write(log->toLocal8Bit());
        *log = log->right(900); // QTest truncates long messages: keep the end, where the failure is
        if (!finished)
            child.kill();
        return finished && child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    }

    // A child that crashed may leave the private cluster running: stop it by its postmaster pid.
    void stopLeftoverCluster()
    {
        QFile pidFile(m_home.path() + QStringLiteral("/data/postgres/data/postmaster.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return;
        const qint64 pid = pidFile.readLine().trimmed().toLongLong();
        if (pid > 0 && ::kill(pid_t(pid), SIGTERM) == 0)
            QVERIFY2(QTest::qWaitFor([&] { return ::kill(pid_t(pid), 0) != 0; }, 20000),
                     "leftover cluster did not stop");
    }

    void checkScreenshots(int scale, const QStringList &names)
    {
        for (const QString &name : names) {
            const QString path = m_out + QStringLiteral("/%1x/%2.png").arg(scale).arg(name);
            QImage image(path);
            QVERIFY2(!image.isNull(), qPrintable(path));
            QCOMPARE(image.size(), QSize(1280 * scale, 800 * scale));
            // Populated and legible: far from a single flat colour.
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 7 * scale)
                for (int x = 0; x < image.width(); x += 7 * scale)
                    colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 40,
                     qPrintable(QStringLiteral("%1 looks empty (%2 colours)").arg(path).arg(colours.size())));
        }
    }

private Q_SLOTS:
    void cleanupTestCase() { stopLeftoverCluster(); }

    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // As root the private cluster runs as the 'postgres' user, which must be able to enter the directory.
        QFile::setPermissions(m_home.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                 QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                 QFile::ExeOther);
        m_out = qEnvironmentVariable("PARAMETRIC_E2E_OUTPUT_DIR", QStringLiteral(PARAMETRIC_E2E_OUTPUT_DIR));
        QDir(m_out).removeRecursively();
        QVERIFY(QDir().mkpath(m_out));
    }

    void generateFindExport()
    {
        QString log;
        QVERIFY2(runPhase(QStringLiteral("generate"), 1, &log), qPrintable(log));
        // PNG: 256 × 256 with a transparent background.
        QImage png(m_out + QStringLiteral("/1x/exported-icon.png"));
        QVERIFY(!png.isNull());
        QCOMPARE(png.size(), QSize(256, 256));
        QVERIFY(png.hasAlphaChannel());
        QCOMPARE(qAlpha(png.pixel(0, 0)), 0);
        // ICO: ICONDIR header (reserved 0, type 1) with the 16…256 entries.
        QFile ico(m_out + QStringLiteral("/1x/exported-icon.ico"));
        QVERIFY(ico.open(QIODevice::ReadOnly));
        const QByteArray header = ico.read(6);
        QCOMPARE(header.left(4), QByteArray("\x00\x00\x01\x00", 4));
        QVERIFY(quint8(header[4]) >= 5);
        checkScreenshots(1, {QStringLiteral("studio"), QStringLiteral("history"), QStringLiteral("library"),
                             QStringLiteral("settings"), QStringLiteral("session")});
    }

    void restartFindsItAgain()
    {
        QString log;
        QVERIFY2(runPhase(QStringLiteral("restart"), 1, &log), qPrintable(log));
    }

    void signInPage()
    {
        QString log;
        QVERIFY2(runPhase(QStringLiteral("signin"), 1, &log), qPrintable(log));
        checkScreenshots(1, {QStringLiteral("signin")});
    }

    void scaled200()
    {
        QString log;
        QVERIFY2(runPhase(QStringLiteral("restart"), 2, &log), qPrintable(log));
        QVERIFY2(runPhase(QStringLiteral("signin"), 2, &log), qPrintable(log));
        checkScreenshots(2, {QStringLiteral("studio"), QStringLiteral("history"), QStringLiteral("library"),
                             QStringLiteral("settings"), QStringLiteral("signin")});
    }
};

int main(int argc, char **argv)
{
    const QString phase = qEnvironmentVariable("PARAMETRIC_E2E_PHASE");
    if (!phase.isEmpty()) {
        QGuiApplication app(argc, argv);
        app.setOrganizationName(QStringLiteral("Parametric"));
        app.setApplicationName(QStringLiteral("parametric-icons-e2e"));
        Child child(phase, qEnvironmentVariable("PARAMETRIC_E2E_DATA"),
                    qEnvironmentVariable("PARAMETRIC_E2E_OUT"));
        return child.run();
    }
    QCoreApplication app(argc, argv);
    TestE2E test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_e2e.moc"
