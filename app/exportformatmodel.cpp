#include "exportformatmodel.h"

#include "export/iconexport.h"

namespace {
// The pixel sizes an ICNS holds (IconExport::icnsData: ic04…ic14, the @2x entries included).
QList<int> icnsSizes()
{
    return {16, 32, 64, 128, 256, 512, 1024};
}

QString sizeRange(const QList<int> &sizes)
{
    return ExportFormatModel::tr("%1 to %2 px in one file").arg(sizes.first()).arg(sizes.last());
}
} // namespace

ExportFormatModel::ExportFormatModel(QObject *parent)
    : ListModel(parent)
{
    m_formats = {
        {QStringLiteral("svg"),
         tr("SVG (Vector)"),
         tr("The sanitised source, scalable"),
         QStringLiteral("svg"),
         {}},
        {QStringLiteral("png"), tr("PNG"), tr("Transparent bitmap at the size below"), QStringLiteral("png"),
         IconExport::pngSizes()},
        {QStringLiteral("zip"),
         tr("ZIP (All Variants)"),
         tr("Every variant of this icon as SVG"),
         QStringLiteral("zip"),
         {},
         true},
        {QStringLiteral("ico"), tr("ICO (Windows icon)"), sizeRange(IconExport::icoSizes()),
         QStringLiteral("ico"), IconExport::icoSizes()},
        {QStringLiteral("icns"), tr("ICNS (macOS icon)"), sizeRange(icnsSizes()), QStringLiteral("icns"),
         icnsSizes()},
    };
    setRoles(
        {{FormatRole, "format", field(m_formats, [](const Format &f) { return f.name; })},
         {LabelRole, "label", field(m_formats, [](const Format &f) { return f.label; })},
         {DetailRole, "detail", field(m_formats, [](const Format &f) { return f.detail; })},
         {ExtensionRole, "extension", field(m_formats, [](const Format &f) { return f.extension; })},
         {SizesRole, "sizes", field(m_formats, [](const Format &f) { return QVariant::fromValue(f.sizes); })},
         {AllVariantsRole, "allVariants", field(m_formats, [](const Format &f) { return f.allVariants; })}},
        LabelRole);
}

QList<int> ExportFormatModel::pngSizes() const
{
    return IconExport::pngSizes();
}

const ExportFormatModel::Format *ExportFormatModel::find(const QString &name) const
{
    for (const Format &f : m_formats)
        if (f.name == name)
            return &f;
    return nullptr;
}

QString ExportFormatModel::extension(const QString &format) const
{
    const Format *f = find(format);
    return f ? f->extension : QStringLiteral("svg");
}

bool ExportFormatModel::exportsAllVariants(const QString &format) const
{
    const Format *f = find(format);
    return f && f->allVariants;
}

QStringList ExportFormatModel::formatNames() const
{
    QStringList names;
    for (const Format &f : m_formats)
        names << f.name;
    return names;
}
