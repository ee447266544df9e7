#include "exporter.h"

#include "appcore.h"
#include "core/filenames.h"

#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMimeData>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtEndian>

#include <array>

namespace {
const QList<int> PngSizes{16, 24, 32, 48, 64, 128, 256, 512, 1024};

void appendLE16(QByteArray &b, quint16 v)
{
    b.append(char(v & 0xff)).append(char(v >> 8));
}
void appendLE32(QByteArray &b, quint32 v)
{
    appendLE16(b, quint16(v & 0xffff));
    appendLE16(b, quint16(v >> 16));
}
void appendBE32(QByteArray &b, quint32 v)
{
    b.append(char(v >> 24))
        .append(char((v >> 16) & 0xff))
        .append(char((v >> 8) & 0xff))
        .append(char(v & 0xff));
}

quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 c = 0xFFFFFFFFu;
    for (char ch : data)
        c = table[(c ^ quint8(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

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
    return PngSizes;
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
    QString base = sanitizeFilename(prompt, prompt.trimmed().isEmpty() ? QStringLiteral("icon")
                                                                       : QStringLiteral("export"));
    if (variantCount > 1)
        base += QStringLiteral("_variant_%1").arg(variantIndex + 1);
    QString ext = extension;
    if (ext.startsWith(QLatin1Char('.')))
        ext.remove(0, 1);
    return ext.isEmpty() ? base : base + QLatin1Char('.') + ext.toLower();
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

QImage Exporter::render(const QString &svg, int size)
{
    QSvgRenderer renderer(svg.toUtf8());
    if (!renderer.isValid() || size <= 0)
        return {};
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    renderer.setAspectRatioMode(Qt::KeepAspectRatio);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    // Rendered at the target size from the vector source: crisp at 16 px and at 1024 px alike.
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image;
}

QByteArray Exporter::pngData(const QString &svg, int size)
{
    const QImage image = render(svg, size);
    if (image.isNull())
        return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

// ICO with PNG-compressed entries (Vista+): ICONDIR, one ICONDIRENTRY per size, then the PNGs.
QByteArray Exporter::icoData(const QString &svg)
{
    const QList<int> sizes{16, 24, 32, 48, 64, 128, 256};
    QList<QByteArray> pngs;
    for (int s : sizes) {
        pngs << pngData(svg, s);
        if (pngs.last().isEmpty())
            return {};
    }
    QByteArray out;
    appendLE16(out, 0); // reserved
    appendLE16(out, 1); // type: icon
    appendLE16(out, quint16(sizes.size()));
    quint32 offset = 6 + 16 * quint32(sizes.size());
    for (qsizetype i = 0; i < sizes.size(); ++i) {
        const int s = sizes.at(i);
        out.append(char(s >= 256 ? 0 : s)); // width (0 = 256)
        out.append(char(s >= 256 ? 0 : s)); // height
        out.append(char(0));                // palette colours
        out.append(char(0));                // reserved
        appendLE16(out, 1);                 // colour planes
        appendLE16(out, 32);                // bits per pixel
        appendLE32(out, quint32(pngs.at(i).size()));
        appendLE32(out, offset);
        offset += quint32(pngs.at(i).size());
    }
    for (const QByteArray &png : pngs)
        out += png;
    return out;
}

// ICNS with PNG entries: ic04 16, ic05 32, ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x),
// ic11 32 (16@2x), ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
QByteArray Exporter::icnsData(const QString &svg)
{
    const QList<QPair<QByteArray, int>> entries{{"ic04", 16},  {"ic05", 32},   {"ic07", 128}, {"ic08", 256},
                                                {"ic09", 512}, {"ic10", 1024}, {"ic11", 32},  {"ic12", 64},
                                                {"ic13", 256}, {"ic14", 512}};
    QHash<int, QByteArray> bySize;
    QByteArray body;
    for (const auto &[type, size] : entries) {
        if (!bySize.contains(size))
            bySize.insert(size, pngData(svg, size));
        const QByteArray &png = bySize.value(size);
        if (png.isEmpty())
            return {};
        body += type;
        appendBE32(body, quint32(8 + png.size()));
        body += png;
    }
    QByteArray out("icns");
    appendBE32(out, quint32(8 + body.size()));
    return out + body;
}

// A stored (uncompressed) ZIP: SVGs are small and the format stays trivially readable everywhere.
QByteArray Exporter::zipData(const QList<QPair<QString, QByteArray>> &files)
{
    QByteArray out;
    QByteArray central;
    // 1980-01-01 00:00 in DOS format; a fixed stamp keeps archives reproducible.
    const quint16 dosTime = 0;
    const quint16 dosDate = (0 << 9) | (1 << 5) | 1;
    for (const auto &[name, data] : files) {
        const QByteArray fileName = name.toUtf8();
        const quint32 crc = crc32(data);
        const quint32 offset = quint32(out.size());
        appendLE32(out, 0x04034b50);
        appendLE16(out, 10);     // version needed
        appendLE16(out, 0x0800); // UTF-8 names
        appendLE16(out, 0);      // stored
        appendLE16(out, dosTime);
        appendLE16(out, dosDate);
        appendLE32(out, crc);
        appendLE32(out, quint32(data.size()));
        appendLE32(out, quint32(data.size()));
        appendLE16(out, quint16(fileName.size()));
        appendLE16(out, 0);
        out += fileName;
        out += data;

        appendLE32(central, 0x02014b50);
        appendLE16(central, 0x031e); // made by: unix, 3.0
        appendLE16(central, 10);
        appendLE16(central, 0x0800);
        appendLE16(central, 0);
        appendLE16(central, dosTime);
        appendLE16(central, dosDate);
        appendLE32(central, crc);
        appendLE32(central, quint32(data.size()));
        appendLE32(central, quint32(data.size()));
        appendLE16(central, quint16(fileName.size()));
        appendLE16(central, 0);              // extra
        appendLE16(central, 0);              // comment
        appendLE16(central, 0);              // disk
        appendLE16(central, 0);              // internal attributes
        appendLE32(central, 0100644u << 16); // external: regular file, rw-r--r--
        appendLE32(central, offset);
        central += fileName;
    }
    const quint32 centralOffset = quint32(out.size());
    out += central;
    appendLE32(out, 0x06054b50);
    appendLE16(out, 0);
    appendLE16(out, 0);
    appendLE16(out, quint16(files.size()));
    appendLE16(out, quint16(files.size()));
    appendLE32(out, quint32(central.size()));
    appendLE32(out, centralOffset);
    appendLE16(out, 0);
    return out;
}

bool Exporter::saveSvg(const QString &svg, const QUrl &file)
{
    if (svg.isEmpty())
        return fail(tr("There is no icon to export."));
    return writeFile(file, svg.toUtf8());
}

bool Exporter::savePng(const QString &svg, int size, const QUrl &file)
{
    const QByteArray png = pngData(svg, size);
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
    for (int size : PngSizes)
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
    return writeFile(file, zipData(files));
}

bool Exporter::saveIco(const QString &svg, const QUrl &file)
{
    const QByteArray data = icoData(svg);
    if (data.isEmpty())
        return fail(tr("The icon could not be rendered."));
    return writeFile(file, data);
}

bool Exporter::saveIcns(const QString &svg, const QUrl &file)
{
    const QByteArray data = icnsData(svg);
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
    const QImage image = render(svg, size);
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
