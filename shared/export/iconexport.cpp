#include "export/iconexport.h"

#include <QBuffer>
#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

#include <array>

namespace IconExport {

namespace {

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

const QStringList kFormatNames{QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("ico"),
                               QStringLiteral("icns")};

} // namespace

std::optional<Format> formatFromName(const QString &name)
{
    const qsizetype i = kFormatNames.indexOf(name.trimmed().toLower());
    if (i < 0)
        return std::nullopt;
    return Format(i);
}

QString formatName(Format format)
{
    return kFormatNames.at(int(format));
}

QStringList formatNames()
{
    return kFormatNames;
}

QList<int> pngSizes()
{
    return {16, 24, 32, 48, 64, 128, 256, 512, 1024};
}

QList<int> icoSizes()
{
    return {16, 24, 32, 48, 64, 128, 256};
}

QImage render(const QString &svg, int size)
{
    QSvgRenderer renderer(svg.toUtf8());
    if (!renderer.isValid() || size <= 0)
        return {};
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    renderer.setAspectRatioMode(Qt::KeepAspectRatio);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image;
}

QByteArray pngData(const QString &svg, int size)
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

// ICONDIR, one ICONDIRENTRY per size, then the PNGs.
QByteArray icoData(const QString &svg)
{
    const QList<int> sizes = icoSizes();
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

QByteArray icnsData(const QString &svg)
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

// Stored, not deflated: SVGs and PNGs are small or already compressed, and the format stays
// trivially readable everywhere.
QByteArray zipData(const QList<QPair<QString, QByteArray>> &files)
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

QByteArray encode(const QString &svg, Format format, int pngSize)
{
    switch (format) {
    case Format::Svg:
        // Not rendered, but an SVG that would not render is no more an icon here than elsewhere.
        return QSvgRenderer(svg.toUtf8()).isValid() ? svg.toUtf8() : QByteArray();
    case Format::Png:
        return pngData(svg, pngSize);
    case Format::Ico:
        return icoData(svg);
    case Format::Icns:
        return icnsData(svg);
    }
    return {};
}

} // namespace IconExport
