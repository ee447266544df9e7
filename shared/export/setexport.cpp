#include "export/setexport.h"

#include "core/filenames.h"
#include "export/iconexport.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace SetExport {

QList<int> pngSizes()
{
    return {16, 24, 32, 48, 64};
}

QStringList uniqueBaseNames(const QStringList &names)
{
    QStringList out;
    QSet<QString> taken;
    for (const QString &name : names) {
        const QString base = sanitizeFilename(name, QStringLiteral("icon"));
        QString candidate = base;
        for (int n = 2; taken.contains(candidate); ++n)
            candidate = QStringLiteral("%1_%2").arg(base).arg(n);
        taken.insert(candidate);
        out << candidate;
    }
    return out;
}

QString drawing(const Member &member, ColorMode mode, int pixelSize)
{
    if (member.scene.isEmpty())
        return member.svg;
    const scene::SceneParseResult parsed = scene::SceneParser::fromJson(member.scene);
    if (!parsed.ok())
        return member.svg;
    scene::RenderOptions options;
    options.pixelSize = pixelSize > 0 && pixelSize <= scene::SceneRenderer::hintingMaxPixels ? pixelSize : 0;
    const scene::RenderResult r = scene::SceneRenderer::render(parsed.scene, mode, member.seed, options);
    return r.ok() ? r.svg : member.svg;
}

Result zip(const QString &setName, ColorMode mode, const QList<Member> &members)
{
    Result result;
    QStringList names;
    for (const Member &m : members)
        names << m.name;
    const QStringList bases = uniqueBaseNames(names);
    QList<QPair<QString, QByteArray>> files;
    QJsonArray icons;
    for (qsizetype i = 0; i < members.size(); ++i) {
        const Member &m = members.at(i);
        const QString &base = bases.at(i);
        const auto svgAt = [&m, mode](int size) { return drawing(m, mode, size); };
        const QString vector = drawing(m, mode);
        const QByteArray svgBytes = IconExport::encode(vector, IconExport::Format::Svg);
        if (svgBytes.isEmpty()) {
            result.error = QStringLiteral("“%1” cannot be drawn.").arg(m.name);
            return result;
        }
        QJsonObject entry{{QStringLiteral("svg"), QStringLiteral("svg/%1.svg").arg(base)}};
        files.append({entry.value(QStringLiteral("svg")).toString(), svgBytes});
        QJsonObject pngs;
        for (int size : pngSizes()) {
            const QString path = QStringLiteral("png/%1/%2.png").arg(size).arg(base);
            files.append({path, IconExport::pngData(svgAt(size), size)});
            pngs.insert(QString::number(size), path);
        }
        entry.insert(QStringLiteral("png"), pngs);
        entry.insert(QStringLiteral("ico"), QStringLiteral("ico/%1.ico").arg(base));
        files.append({entry.value(QStringLiteral("ico")).toString(), IconExport::icoData(svgAt)});
        entry.insert(QStringLiteral("icns"), QStringLiteral("icns/%1.icns").arg(base));
        files.append({entry.value(QStringLiteral("icns")).toString(), IconExport::icnsData(svgAt)});
        icons.append(QJsonObject{{QStringLiteral("name"), m.name},
                                 {QStringLiteral("base"), base},
                                 {QStringLiteral("fromScene"), !m.scene.isEmpty()},
                                 {QStringLiteral("files"), entry}});
    }
    QJsonArray sizes;
    for (int size : pngSizes())
        sizes.append(size);
    result.manifest = QJsonObject{{QStringLiteral("set"), setName},
                                  {QStringLiteral("colorMode"), IconDesign::colorModeName(mode)},
                                  {QStringLiteral("sizes"), sizes},
                                  {QStringLiteral("icons"), icons}};
    for (const auto &file : std::as_const(files)) {
        if (file.second.isEmpty()) {
            result.error = QStringLiteral("%1 could not be written.").arg(file.first);
            return result;
        }
    }
    files.prepend({QStringLiteral("manifest.json"), QJsonDocument(result.manifest).toJson()});
    result.zip = IconExport::zipData(files);
    return result;
}

} // namespace SetExport
