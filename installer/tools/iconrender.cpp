// parametric-iconrender: renders the app icon SVG into the files desktop platforms want, at build time,
// so the repository keeps one vector source instead of a dozen binaries.
//
//   parametric-iconrender <icon.svg> <output-dir> <name>
//     <output-dir>/hicolor/<N>x<N>/apps/<name>.png   N = 16 22 24 32 48 64 128 256 512  (freedesktop)
//     <output-dir>/<name>.ico                        16 24 32 48 64 128 256, PNG-compressed entries (Windows)
//     <output-dir>/<name>.icns                       16 … 1024 incl. @2x, PNG entries (macOS)
//
// ICO and ICNS are written here rather than through Qt image plugins: qico writes only BMP entries and
// the icns plugin is in qtimageformats, which a build machine may not have.
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QtEndian>

#include <cstdio>
#include <map>

namespace {

QByteArray renderPng(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        renderer.render(&painter, QRectF(0, 0, size, size));
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.convertToFormat(QImage::Format_ARGB32).save(&buffer, "PNG"))
        return {};
    return png;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        std::fprintf(stderr, "iconrender: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

template<typename T> void append(QByteArray &out, T value, bool bigEndian)
{
    char bytes[sizeof(T)];
    if (bigEndian)
        qToBigEndian(value, bytes);
    else
        qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

// ICONDIR + ICONDIRENTRY[n] + PNG payloads (PNG entries are valid in ICO since Windows Vista).
QByteArray buildIco(const std::map<int, QByteArray> &pngs)
{
    QByteArray out;
    append<quint16>(out, 0, false);
    append<quint16>(out, 1, false); // type: icon
    append<quint16>(out, quint16(pngs.size()), false);
    quint32 offset = 6 + 16 * quint32(pngs.size());
    for (const auto &[size, png] : pngs) {
        out.append(char(size >= 256 ? 0 : size)); // 0 means 256
        out.append(char(size >= 256 ? 0 : size));
        out.append(char(0));             // palette colours
        out.append(char(0));             // reserved
        append<quint16>(out, 1, false);  // colour planes
        append<quint16>(out, 32, false); // bits per pixel
        append<quint32>(out, quint32(png.size()), false);
        append<quint32>(out, offset, false);
        offset += quint32(png.size());
    }
    for (const auto &entry : pngs)
        out.append(entry.second);
    return out;
}

// 'icns' + length, then (type, length, PNG) per entry; all big-endian.
QByteArray buildIcns(const std::map<int, QByteArray> &pngs)
{
    struct Type
    {
        const char *code;
        int pixels;
    };
    static const Type types[] = {
        {"icp4", 16},  {"icp5", 32},  {"ic11", 32},  {"icp6", 64},  {"ic12", 64},   {"ic07", 128},
        {"ic08", 256}, {"ic13", 256}, {"ic09", 512}, {"ic14", 512}, {"ic10", 1024},
    };
    QByteArray body;
    for (const Type &type : types) {
        const QByteArray &png = pngs.at(type.pixels);
        body.append(type.code, 4);
        append<quint32>(body, quint32(png.size() + 8), true);
        body.append(png);
    }
    QByteArray out("icns");
    append<quint32>(out, quint32(body.size() + 8), true);
    out.append(body);
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    // QImage + QPainter + QSvgRenderer need no platform plugin, so this runs on a build machine without a
    // display.
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: parametric-iconrender <icon.svg> <output-dir> <name>\n");
        return 2;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "iconrender: %s is not a valid SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    const QString outDir = args.at(2);
    const QString name = args.at(3);

    std::map<int, QByteArray> pngs;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512, 1024}) {
        pngs[size] = renderPng(renderer, size);
        if (pngs[size].isEmpty()) {
            std::fprintf(stderr, "iconrender: PNG encoding failed at %d px\n", size);
            return 1;
        }
    }
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        const QString path = QStringLiteral("%1/hicolor/%2x%2/apps/%3.png").arg(outDir).arg(size).arg(name);
        if (!writeFile(path, pngs[size]))
            return 1;
    }
    std::map<int, QByteArray> icoSizes;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icoSizes[size] = pngs[size];
    if (!writeFile(QStringLiteral("%1/%2.ico").arg(outDir, name), buildIco(icoSizes)))
        return 1;
    if (!writeFile(QStringLiteral("%1/%2.icns").arg(outDir, name), buildIcns(pngs)))
        return 1;
    return 0;
}
