#include "exporter.h"

#include "appcore.h"
#include "core/filenames.h"
#include "export/iconexport.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMimeData>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace {
QTemporaryDir &dragDirectory()
{
    static QTemporaryDir dir(QDir::temp().filePath(QStringLiteral("parametric-icons-XXXXXX")));
    return dir;
}
} // namespace

Exporter::Exporter(QObject *parent)
    : QObject(parent)
{}

Exporter *Exporter::create(QQmlEngine *, QJSEngine *)
{
    Exporter *e = AppCore::instance()->exporter();
    QJSEngine::setObjectOwnership(e, QJSEngine::CppOwnership);
    return e;
}

QList<int> Exporter::pngSizes() const
{
    return IconExport::pngSizes();
}

QUrl Exporter::downloadsFolder() const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QUrl::fromLocalFile(dir);
}

QUrl Exporter::startFolder() const
{
    QStringList candidates;
    if (m_settings)
        candidates << m_settings->value(QStringLiteral("export/lastFolder")).toString();
    candidates << QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
               << QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) << QDir::homePath();
    for (const QString &dir : std::as_const(candidates))
        if (!dir.isEmpty() && QFileInfo(dir).isDir())
            return QUrl::fromLocalFile(QDir::cleanPath(dir));
    return QUrl::fromLocalFile(QDir::rootPath());
}

bool Exporter::nativeSaveDialog() const
{
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    return true;
#else
    // Linux/BSD: only a platform theme brings a native dialog (QtQuick.Dialogs would otherwise show
    // its generic one). The desktop portal, GTK and KDE themes do.
    if (QGuiApplication::platformName() == QLatin1String("offscreen") ||
        QGuiApplication::platformName() == QLatin1String("minimal"))
        return false;
    const QString theme = qEnvironmentVariable("QT_QPA_PLATFORMTHEME").toLower();
    if (theme.contains(QLatin1String("portal")) || theme.contains(QLatin1String("gtk")) ||
        theme.contains(QLatin1String("kde")) || theme == QLatin1String("flatpak"))
        return true;
    return qEnvironmentVariableIsSet("FLATPAK_ID") || qEnvironmentVariableIsSet("SNAP");
#endif
}

QString Exporter::displayPath(const QString &folderOrFile) const
{
    const QUrl url(folderOrFile);
    QString path = url.isLocalFile() ? url.toLocalFile() : folderOrFile;
    path = QDir::cleanPath(path);
    const QString home = QDir::homePath();
    if (path == home)
        return QStringLiteral("~");
    if (path.startsWith(home + QLatin1Char('/')))
        path = QStringLiteral("~") + path.mid(home.size());
    return QDir::toNativeSeparators(path);
}

QVariantMap Exporter::resolveSaveTarget(const QString &folder, const QString &name,
                                        const QString &extension) const
{
    QVariantMap out{{QStringLiteral("ok"), false}, {QStringLiteral("exists"), false}};
    QString typed = name.trimmed();
    if (typed.isEmpty()) {
        out.insert(QStringLiteral("error"), tr("Enter a file name."));
        return out;
    }
    if (typed == QLatin1String("~") || typed.startsWith(QLatin1String("~/")))
        typed = QDir::homePath() + typed.mid(1);
    const QUrl folderUrl(folder);
    const QString base = folderUrl.isLocalFile() ? folderUrl.toLocalFile() : folder;
    // An absolute path typed into the name field is honoured as is, never glued onto the folder.
    QString path = QDir::isAbsolutePath(typed) ? typed : QDir(base).filePath(typed);
    path = QDir::cleanPath(path);
    QFileInfo info(path);
    if (info.isDir()) {
        out.insert(QStringLiteral("error"), tr("%1 is a folder: enter a file name.").arg(displayPath(path)));
        out.insert(QStringLiteral("folder"), QUrl::fromLocalFile(path));
        return out;
    }
    const QString ext = extension.startsWith(QLatin1Char('.')) ? extension.mid(1) : extension;
    if (!ext.isEmpty() && info.suffix().compare(ext, Qt::CaseInsensitive) != 0) {
        path += QLatin1Char('.') + ext;
        info = QFileInfo(path);
    }
    if (!info.absoluteDir().exists()) {
        out.insert(QStringLiteral("error"),
                   tr("The folder %1 does not exist.").arg(displayPath(info.absolutePath())));
        return out;
    }
    out.insert(QStringLiteral("ok"), true);
    out.insert(QStringLiteral("path"), path);
    out.insert(QStringLiteral("url"), QUrl::fromLocalFile(path));
    out.insert(QStringLiteral("folder"), QUrl::fromLocalFile(info.absolutePath()));
    out.insert(QStringLiteral("fileName"), info.fileName());
    out.insert(QStringLiteral("exists"), info.exists());
    return out;
}

void Exporter::rememberFolder(const QUrl &file)
{
    if (!m_settings || !file.isLocalFile())
        return;
    const QString folder = QFileInfo(file.toLocalFile()).absolutePath();
    if (m_settings->value(QStringLiteral("export/lastFolder")).toString() == folder)
        return;
    m_settings->setValue(QStringLiteral("export/lastFolder"), folder);
    Q_EMIT startFolderChanged();
}

QUrl Exporter::download(const QString &svg, const QString &prompt, int variantIndex, int variantCount)
{
    if (svg.isEmpty()) {
        fail(tr("There is no icon to export."));
        return {};
    }
    QString folder = downloadsFolder().toLocalFile();
    if (!QDir().mkpath(folder)) // a fresh account may have no Downloads folder yet
        folder = startFolder().toLocalFile();
    const QString name = fileName(prompt, variantIndex, variantCount, QStringLiteral("svg"));
    const QString stem = QFileInfo(name).completeBaseName();
    QString path = QDir(folder).filePath(name);
    // Never over an earlier download: "fillet (2).svg", "fillet (3).svg", …
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QDir(folder).filePath(QStringLiteral("%1 (%2).svg").arg(stem).arg(n));
    const QUrl url = QUrl::fromLocalFile(path);
    if (!writeFile(url, svg.toUtf8()))
        return {};
    return url;
}

QString Exporter::fileName(const QString &prompt, int variantIndex, int variantCount,
                           const QString &extension) const
{
    return iconFileName(prompt, variantIndex, variantCount, extension);
}

QUrl Exporter::suggestedFile(const QString &prompt, int variantIndex, int variantCount,
                             const QString &extension) const
{
    return QUrl::fromLocalFile(QDir(downloadsFolder().toLocalFile())
                                   .filePath(fileName(prompt, variantIndex, variantCount, extension)));
}

bool Exporter::fail(const QString &message)
{
    m_lastError = message;
    Q_EMIT lastErrorChanged();
    return false;
}

bool Exporter::writeFile(const QUrl &file, const QByteArray &data)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty())
        return fail(tr("No file was chosen."));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
        return fail(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()));
    if (!m_lastError.isEmpty()) {
        m_lastError.clear();
        Q_EMIT lastErrorChanged();
    }
    const QFileInfo info(path);
    Q_EMIT exported(QUrl::fromLocalFile(path),
                    tr("Saved %1 to %2").arg(info.fileName(), displayPath(info.absolutePath())));
    return true;
}

bool Exporter::saveSvg(const QString &svg, const QUrl &file)
{
    if (svg.isEmpty())
        return fail(tr("There is no icon to export."));
    return writeFile(file, svg.toUtf8());
}

bool Exporter::savePng(const QString &svg, int size, const QUrl &file)
{
    const QByteArray png = IconExport::pngData(svg, size);
    if (png.isEmpty())
        return fail(tr("The icon could not be rendered."));
    return writeFile(file, png);
}

bool Exporter::savePngSet(const QString &svg, const QUrl &folder, const QString &baseName)
{
    const QDir dir(folder.isLocalFile() ? folder.toLocalFile() : folder.toString());
    if (!dir.exists())
        return fail(tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(dir.path())));
    const QString base = sanitizeFilename(baseName, QStringLiteral("icon"));
    for (int size : IconExport::pngSizes())
        if (!savePng(svg, size,
                     QUrl::fromLocalFile(dir.filePath(QStringLiteral("%1_%2.png").arg(base).arg(size)))))
            return false;
    return true;
}

bool Exporter::saveZip(const QStringList &svgs, const QString &prompt, const QUrl &file)
{
    if (svgs.isEmpty())
        return fail(tr("There is no icon to export."));
    QList<QPair<QString, QByteArray>> files;
    for (qsizetype i = 0; i < svgs.size(); ++i)
        files.append(
            {fileName(prompt, int(i), int(svgs.size()), QStringLiteral("svg")), svgs.at(i).toUtf8()});
    return writeFile(file, IconExport::zipData(files));
}

bool Exporter::saveIco(const QString &svg, const QUrl &file)
{
    const QByteArray data = IconExport::icoData(svg);
    if (data.isEmpty())
        return fail(tr("The icon could not be rendered."));
    return writeFile(file, data);
}

bool Exporter::saveIcns(const QString &svg, const QUrl &file)
{
    const QByteArray data = IconExport::icnsData(svg);
    if (data.isEmpty())
        return fail(tr("The icon could not be rendered."));
    return writeFile(file, data);
}

void Exporter::copySvg(const QString &svg)
{
    if (QClipboard *c = QGuiApplication::clipboard()) {
        auto *mime = new QMimeData;
        mime->setText(svg);
        mime->setData(QStringLiteral("image/svg+xml"), svg.toUtf8());
        c->setMimeData(mime);
    }
}

void Exporter::copyPng(const QString &svg, int size)
{
    const QImage image = IconExport::render(svg, size);
    if (image.isNull()) {
        fail(tr("The icon could not be rendered."));
        return;
    }
    if (QClipboard *c = QGuiApplication::clipboard())
        c->setImage(image);
}

QUrl Exporter::dragFile(const QString &svg, const QString &prompt, int variantIndex, int variantCount)
{
    QTemporaryDir &dir = dragDirectory();
    if (!dir.isValid() || svg.isEmpty())
        return {};
    const QString path = dir.filePath(fileName(prompt, variantIndex, variantCount, QStringLiteral("svg")));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(svg.toUtf8()) < 0)
        return {};
    return QUrl::fromLocalFile(path);
}
