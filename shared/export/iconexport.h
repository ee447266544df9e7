#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// The encoders of exported icon files, from an icon's SVG: PNG at a size, ICO, ICNS and a stored ZIP.
// Shared by the app's Exporter, the command-line tool and toolbar-set export so every one of them
// writes the same bytes. Pure functions on QtGui + QtSvg (no QML, no widgets, no display: a
// QGuiApplication on the offscreen platform is enough). An SVG that cannot be rendered gives empty
// data, never a blank picture.
namespace IconExport {

enum class Format { Svg, Png, Ico, Icns };

// "svg", "png", "ico", "icns" (case-insensitive) → the format; anything else → nullopt.
std::optional<Format> formatFromName(const QString &name);
QString formatName(Format format); // also the file extension
QStringList formatNames();

// The PNG sizes the app offers (16 24 32 48 64 128 256 512 1024) and the range of sizes a PNG may
// have (any size from 8 to 1024 px).
QList<int> pngSizes();
constexpr int kMinPngSize = 8;
constexpr int kMaxPngSize = 1024;
// The entries of an ICO (16–256) and of an ICNS (16–1024, see icnsData).
QList<int> icoSizes();

// ARGB32 premultiplied, transparent background, aspect ratio kept, rendered from the vector at the
// target size (crisp at 16 px and at 1024 px alike). Null for an invalid SVG or size.
QImage render(const QString &svg, int size);
QByteArray pngData(const QString &svg, int size);
// ICO with one PNG-compressed entry per icoSizes() size (Windows Vista and later).
QByteArray icoData(const QString &svg);
// ICNS with PNG entries: ic04 16, ic05 32, ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x),
// ic11 32 (16@2x), ic12 64 (32@2x), ic13 256 (128@2x), ic14 512 (256@2x).
QByteArray icnsData(const QString &svg);
// A stored (uncompressed) ZIP of (name, data) in this order, with UTF-8 names and a fixed time stamp,
// so the same files always give the same archive.
QByteArray zipData(const QList<QPair<QString, QByteArray>> &files);

// One SVG in `format`: the SVG's UTF-8 bytes, a PNG of `pngSize` px, an ICO or an ICNS (which carry
// their own sizes). Empty when the SVG cannot be rendered.
QByteArray encode(const QString &svg, Format format, int pngSize = 32);

} // namespace IconExport
