#include "icons/iconinput.h"

#include "api/uuid.h"
#include "http/apierror.h"
#include "http/request.h"
#include "scene/sceneparser.h"
#include "svg/svgsanitizer.h"

#include <QJsonArray>

namespace IconInput {

namespace {

// Trimmed, length-checked, single-line text: no NUL or other control character (PostgreSQL text
// cannot hold NUL, and a prompt ends up in file names and headers).
QString cleanText(const QJsonObject &o, const QString &field, int maxLen)
{
    // Read with a generous raw cap so surrounding whitespace does not count toward the limit.
    const QString raw = json::requiredString(o, field, 0, maxLen * 4 + 64);
    json::rejectControlCharacters(raw, field);
    const QString value = raw.trimmed();
    if (value.isEmpty())
        throw ApiError::validation(field, QStringLiteral("The field '%1' must not be empty.").arg(field));
    if (value.size() > maxLen)
        throw ApiError::validation(
            field, QStringLiteral("The field '%1' must be at most %2 characters.").arg(field).arg(maxLen));
    return value;
}

// One of the API's enum names (shared/api/apienums.h), spelt exactly; absent → fallback.
template<typename E> E oneOf(const QJsonObject &o, const QString &field, E fallback)
{
    const auto value = json::optionalString(o, field, 64);
    if (!value)
        return fallback;
    if (const auto parsed = api::parse<E>(*value))
        return *parsed;
    throw ApiError::validation(
        field, QStringLiteral("The field '%1' must be one of: %2.").arg(field, api::names<E>().join(u", ")));
}

QString svgString(const QJsonObject &o, const QString &key, const QString &field)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        throw ApiError::validation(field, QStringLiteral("The field '%1' is required.").arg(field));
    if (!v.isString())
        throw ApiError::validation(field, QStringLiteral("The field '%1' must be a string.").arg(field));
    return v.toString();
}

} // namespace

QString sanitizeSvgInput(const QString &svg, const QString &field, const QString &seed)
{
    if (svg.size() > kMaxSvgBytes || svg.toUtf8().size() > kMaxSvgBytes)
        throw ApiError::validation(
            field,
            QStringLiteral("The SVG in '%1' is larger than %2 KiB.").arg(field).arg(kMaxSvgBytes / 1024));
    if (svg.trimmed().isEmpty())
        throw ApiError::validation(field, QStringLiteral("The field '%1' must not be empty.").arg(field));
    SvgSanitizeLimits limits;
    limits.maxBytes = kMaxSvgBytes;
    const SvgSanitizeResult result = SvgSanitizer::sanitize(svg, seed, limits);
    if (!result.ok)
        throw ApiError::validation(
            field, QStringLiteral("The SVG in '%1' was rejected: %2").arg(field, result.error));
    return result.svg;
}

Create parseCreate(const QJsonObject &body, const QString &seed)
{
    Create create;
    GenerationRequest &request = create.generation;
    request.seed = seed;
    request.prompt = cleanText(body, QStringLiteral("prompt"), kMaxPromptLength);

    request.intent = oneOf(body, QStringLiteral("intent"), api::Intent::Create);
    request.colorMode = oneOf(body, QStringLiteral("colorMode"), ColorMode::Dark);
    request.variantCount = int(json::optionalInt(body, QStringLiteral("variantCount"), 1, 3).value_or(1));

    const QJsonValue reference = body.value(QStringLiteral("referenceSvg"));
    if (!reference.isUndefined() && !reference.isNull())
        request.referenceSvg =
            sanitizeSvgInput(svgString(body, QStringLiteral("referenceSvg"), QStringLiteral("referenceSvg")),
                             QStringLiteral("referenceSvg"), seed + QStringLiteral(":reference"));
    const QJsonValue scene = body.value(QStringLiteral("referenceScene"));
    if (!scene.isUndefined() && !scene.isNull()) {
        if (!scene.isObject())
            throw ApiError::validation(QStringLiteral("referenceScene"),
                                       QStringLiteral("The field 'referenceScene' must be a scene object."));
        const scene::SceneParseResult parsed = scene::SceneParser::fromJson(scene.toObject());
        if (!parsed.ok())
            throw ApiError::validation(QStringLiteral("referenceScene"),
                                       QStringLiteral("The scene in 'referenceScene' is invalid: %1")
                                           .arg(parsed.messages().mid(0, 3).join(QStringLiteral("; "))));
        request.referenceScene = scene.toObject();
    }
    if (const auto id = json::optionalString(body, QStringLiteral("referenceIcon"), 64)) {
        create.referenceIcon = api::canonicalUuid(*id);
        if (!create.referenceIcon)
            throw ApiError::validation(QStringLiteral("referenceIcon"),
                                       QStringLiteral("The field 'referenceIcon' must be an icon id."));
    }
    if (const auto variant = json::optionalInt(body, QStringLiteral("referenceVariant"), 0, 2))
        create.referenceVariant = int(*variant);
    if (request.intent == GenerationIntent::Refine && request.referenceSvg.isEmpty() &&
        request.referenceScene.isEmpty() && !create.referenceIcon)
        throw ApiError::validation(
            QStringLiteral("referenceSvg"),
            QStringLiteral(
                "Refining an icon needs the field 'referenceIcon', 'referenceScene' or 'referenceSvg'."));

    const QJsonValue attachments = body.value(QStringLiteral("attachments"));
    if (!attachments.isUndefined() && !attachments.isNull()) {
        if (!attachments.isArray())
            throw ApiError::validation(QStringLiteral("attachments"),
                                       QStringLiteral("The field 'attachments' must be an array."));
        const QJsonArray list = attachments.toArray();
        if (list.size() > kMaxAttachments)
            throw ApiError::validation(
                QStringLiteral("attachments"),
                QStringLiteral("At most %1 attachments are allowed.").arg(kMaxAttachments));
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString prefix = QStringLiteral("attachments[%1]").arg(i);
            if (!list.at(i).isObject())
                throw ApiError::validation(
                    prefix, QStringLiteral("The field '%1' must be an object {name, svg}.").arg(prefix));
            const QJsonObject item = list.at(i).toObject();
            GenerationAttachment attachment;
            const auto name = json::optionalString(item, QStringLiteral("name"), kMaxNameLength * 4);
            if (name) {
                json::rejectControlCharacters(*name, prefix + QStringLiteral(".name"));
                attachment.name = name->trimmed().left(kMaxNameLength);
            }
            attachment.svg = sanitizeSvgInput(
                svgString(item, QStringLiteral("svg"), prefix + QStringLiteral(".svg")),
                prefix + QStringLiteral(".svg"), seed + QStringLiteral(":attachment:") + QString::number(i));
            request.attachments.append(std::move(attachment));
        }
    }
    return create;
}

Import parseImport(const QJsonObject &body, const QString &seed)
{
    Import import;
    import.name = cleanText(body, QStringLiteral("name"), kMaxNameLength);
    import.svg = sanitizeSvgInput(svgString(body, QStringLiteral("svg"), QStringLiteral("svg")),
                                  QStringLiteral("svg"), seed);
    return import;
}

namespace {
QVariantMap parameterValues(const QJsonValue &value, const QString &field)
{
    if (!value.isObject())
        throw ApiError::validation(
            field, QStringLiteral("The field '%1' must be an object of parameter values.").arg(field));
    const QJsonObject o = value.toObject();
    if (o.size() > scene::limits::maxParameters)
        throw ApiError::validation(
            field, QStringLiteral("The field '%1' holds more parameters than a scene has.").arg(field));
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isDouble() && !it.value().isBool() && !it.value().isString())
            throw ApiError::validation(field + QLatin1Char('.') + it.key(),
                                       QStringLiteral("The parameter '%1' must be a number, true/false or "
                                                      "a choice.")
                                           .arg(it.key().left(64)));
    }
    return o.toVariantMap();
}
} // namespace

Patch parsePatch(const QJsonObject &body)
{
    Patch patch;
    patch.favorite = json::optionalBool(body, QStringLiteral("favorite"));
    if (const auto selected = json::optionalInt(body, QStringLiteral("selectedVariant"), 0, 2))
        patch.selectedVariant = int(*selected);
    if (body.contains(QStringLiteral("colorMode")))
        patch.colorMode = oneOf(body, QStringLiteral("colorMode"), ColorMode::Dark);
    const QJsonValue parameters = body.value(QStringLiteral("parameters"));
    if (!parameters.isUndefined()) {
        // -1: the icon's selected variant (resolved by the caller).
        const int variant = int(json::optionalInt(body, QStringLiteral("variant"), 0, 2).value_or(-1));
        patch.parameters.insert(variant, parameterValues(parameters, QStringLiteral("parameters")));
    }
    const QJsonValue variants = body.value(QStringLiteral("variants"));
    if (!variants.isUndefined()) {
        if (!variants.isArray() || variants.toArray().size() > 3)
            throw ApiError::validation(
                QStringLiteral("variants"),
                QStringLiteral("The field 'variants' must be a list of at most 3 {index, parameters}."));
        const QJsonArray list = variants.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString prefix = QStringLiteral("variants[%1]").arg(i);
            const QJsonObject item = list.at(i).toObject();
            const auto index = json::optionalInt(item, QStringLiteral("index"), 0, 2);
            if (!list.at(i).isObject() || !index)
                throw ApiError::validation(
                    prefix + QStringLiteral(".index"),
                    QStringLiteral("The field '%1.index' must be from 0 to 2.").arg(prefix));
            if (patch.parameters.contains(int(*index)))
                throw ApiError::validation(prefix + QStringLiteral(".index"),
                                           QStringLiteral("Variant %1 is named twice.").arg(*index));
            patch.parameters.insert(int(*index), parameterValues(item.value(QStringLiteral("parameters")),
                                                                 prefix + QStringLiteral(".parameters")));
        }
    }
    if (!patch.favorite && !patch.selectedVariant && patch.parameters.isEmpty() && !patch.colorMode)
        throw ApiError::badRequest(
            QStringLiteral("validation_error"),
            QStringLiteral("Send at least one of 'favorite', 'selectedVariant', 'parameters', 'variants' and "
                           "'colorMode'."));
    return patch;
}

IconListFilter parseListQuery(const Request &request)
{
    IconListFilter filter;
    filter.limit = int(request.queryInt(QStringLiteral("limit"), kDefaultLimit, 1, kMaxLimit));
    filter.offset = int(request.queryInt(QStringLiteral("offset"), 0, 0, kMaxOffset));
    if (request.query(QStringLiteral("favorite")))
        filter.favorite = request.queryBool(QStringLiteral("favorite"), false);
    if (const auto view = request.query(QStringLiteral("view"))) {
        if (const auto parsed = api::parse<IconView>(*view))
            filter.view = *parsed;
        else
            throw ApiError::validation(
                QStringLiteral("view"),
                QStringLiteral("The query parameter 'view' must be full or thumbnail."));
    }
    if (const auto q = request.query(QStringLiteral("q"))) {
        const QString search = q->trimmed();
        if (search.size() > kMaxSearchLength)
            throw ApiError::validation(
                QStringLiteral("q"), QStringLiteral("The query parameter 'q' must be at most %1 characters.")
                                         .arg(kMaxSearchLength));
        filter.search = search;
    }
    return filter;
}

} // namespace IconInput
