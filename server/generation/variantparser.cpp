#include "variantparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace VariantParser {
namespace {

bool looksLikeSvg(const QString &s)
{
    return s.contains(QLatin1String("<svg"), Qt::CaseInsensitive) &&
           s.contains(QLatin1String("</svg>"), Qt::CaseInsensitive);
}

// {"variants":[{name, svg}, …]} → variants with an SVG string; anything else → empty.
QList<Variant> fromJsonObject(const QString &candidate)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(candidate.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    QList<Variant> out;
    const QJsonArray variants = doc.object().value(QLatin1String("variants")).toArray();
    for (const QJsonValue &v : variants) {
        const QJsonObject o = v.toObject();
        const QString svg = o.value(QLatin1String("svg")).toString();
        if (looksLikeSvg(svg))
            out.append({o.value(QLatin1String("name")).toString().trimmed(), svg});
    }
    return out;
}

QList<Variant> fromOuterBraces(const QString &text)
{
    const qsizetype first = text.indexOf(QLatin1Char('{'));
    if (first < 0)
        return {};
    // A JSON object followed by prose: parse up to where the parser saw the garbage begin.
    const QByteArray tail = text.mid(first).toUtf8();
    QJsonParseError error;
    QJsonDocument::fromJson(tail, &error);
    if (error.error == QJsonParseError::NoError)
        return fromJsonObject(QString::fromUtf8(tail));
    if (error.error == QJsonParseError::GarbageAtEnd) {
        if (auto v = fromJsonObject(QString::fromUtf8(tail.left(error.offset))); !v.isEmpty())
            return v;
    }
    const qsizetype last = text.lastIndexOf(QLatin1Char('}'));
    if (last <= first)
        return {};
    return fromJsonObject(text.mid(first, last - first + 1));
}

QStringList fencedBlocks(const QString &text)
{
    static const QRegularExpression fence(QStringLiteral("```[A-Za-z0-9_+-]*[^\\S\\n]*\\n?([\\s\\S]*?)```"));
    QStringList blocks;
    for (auto it = fence.globalMatch(text); it.hasNext();)
        blocks << it.next().captured(1);
    return blocks;
}

// An SVG lifted out of broken JSON still carries its string escapes (\" \n \u003c).
QString unescapeIfJsonString(const QString &svg)
{
    if (!svg.contains(QLatin1String("\\\"")) && !svg.contains(QLatin1String("\\n")) &&
        !svg.contains(QLatin1String("\\u")))
        return svg;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[\"") + svg.toUtf8() + QByteArray("\"]"));
    const QString decoded = doc.array().at(0).toString();
    return decoded.isEmpty() ? svg : decoded;
}

QList<Variant> bareSvgs(const QString &text)
{
    static const QRegularExpression svgBlock(QStringLiteral("<svg\\b[\\s\\S]*?</svg\\s*>"),
                                             QRegularExpression::CaseInsensitiveOption);
    QList<Variant> out;
    for (auto it = svgBlock.globalMatch(text); it.hasNext();)
        out.append({QString(), unescapeIfJsonString(it.next().captured(0))});
    return out;
}

} // namespace

QList<Variant> parse(const QString &modelText)
{
    static const QRegularExpression repeatsPrefill(QStringLiteral("^\\s*\\{\\s*\"variants\"\\s*:"));
    const QString text = modelText;

    // 1. The normal case: the continuation of the prefill, prefill put back exactly once.
    const QString full = repeatsPrefill.match(text).hasMatch() ? text : QLatin1String(kPrefill) + text;
    if (auto v = fromOuterBraces(full); !v.isEmpty())
        return v;

    // 2. The model closed the prefill and answered with a complete JSON object elsewhere, fenced or not.
    for (const QString &block : fencedBlocks(text)) {
        if (auto v = fromOuterBraces(block); !v.isEmpty())
            return v;
    }
    if (auto v = fromOuterBraces(text); !v.isEmpty())
        return v;

    // 3. Prose with SVG markup (fenced or inline), or JSON too broken to parse.
    return bareSvgs(text);
}

} // namespace VariantParser
