#include "iconfiles.h"

#include "core/filenames.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace cli {

IconOutput IconOutput::resolve(const QString &output, const QString &promptBase, IconExport::Format format)
{
    IconOutput out;
    out.base = promptBase;
    if (output.isEmpty()) {
        out.folder = QStringLiteral(".");
        return out;
    }
    const bool namesFolder =
        output.endsWith(QLatin1Char('/')) || output.endsWith(QDir::separator()) || QFileInfo(output).isDir();
    if (namesFolder) {
        out.folder = QDir::cleanPath(output);
        return out;
    }
    const QFileInfo file(output);
    out.folder = QDir::cleanPath(file.path());
    out.base = file.suffix().compare(IconExport::formatName(format), Qt::CaseInsensitive) == 0
                   ? file.completeBaseName()
                   : file.fileName();
    out.exactName = true;
    if (out.base.isEmpty() || out.base == QLatin1String(".") || out.base == QLatin1String(".."))
        out.error = QStringLiteral("-o %1 does not name a file.").arg(output);
    return out;
}

QList<PlannedFile> planFiles(const IconOutput &output, const QList<int> &variants, int variantCount,
                             IconExport::Format format, const QList<int> &sizes)
{
    const bool png = format == IconExport::Format::Png;
    const QString extension = IconExport::formatName(format);
    QList<PlannedFile> plan;
    for (int variant : variants) {
        const QString stem = output.exactName && variants.size() == 1
                                 ? output.base
                                 : variantFileName(output.base, variant, variantCount, {});
        if (!png) {
            plan.append({stem + QLatin1Char('.') + extension, variant, 0});
            continue;
        }
        for (int size : sizes) {
            const QString name = sizes.size() > 1 ? QStringLiteral("%1_%2").arg(stem).arg(size) : stem;
            plan.append({name + QLatin1Char('.') + extension, variant, size});
        }
    }
    return plan;
}

WriteResult writeFiles(const QString &folder, const QList<PlannedFile> &plan,
                       const QList<DrawnVariant> &variants, IconExport::Format format)
{
    WriteResult result;
    const QDir dir(folder);
    if (!QDir().mkpath(folder)) {
        result.error =
            QStringLiteral("could not create the folder %1.").arg(QDir::toNativeSeparators(folder));
        return result;
    }
    for (const PlannedFile &file : plan) {
        const QString path = dir.filePath(file.fileName);
        const QByteArray data = IconExport::encode(variants.value(file.variant).svg, format, file.size);
        if (data.isEmpty()) {
            result.error = QStringLiteral("variant %1 could not be rendered as %2.")
                               .arg(file.variant + 1)
                               .arg(IconExport::formatName(format).toUpper());
            return result;
        }
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
            result.error = QStringLiteral("could not write %1: %2.")
                               .arg(QDir::toNativeSeparators(path), out.errorString());
            return result;
        }
        result.paths.append(QDir::cleanPath(path));
    }
    return result;
}

} // namespace cli
