#include "icons/iconinput.h"

#include "http/apierror.h"
#include "http/request.h"
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

template<typename T, size_t N>
T oneOf(const QJsonObject &o, const QString &field, const std::pair<const char *, T> (&choices)[N],
        T fallback)
{
    const auto value = json::optionalString(o, field, 64);
    if (!value)
        return fallback;
    for (const auto &choice : choices) {
        if (*value == QLatin1String(choice.first))
            return choice.second;
    }
    QStringList names;
    for (const auto &choice : choices)
        names.append(QLatin1String(choice.first));
    throw ApiError::validation(
        field, QStringLiteral("The field '%1' must be one of: %2.").arg(field, names.join(u", ")));
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

GenerationRequest parseCreate(const QJsonObject &body, const QString &seed)
{
    GenerationRequest request;
    request.seed = seed;
    request.prompt = cleanText(body, QStringLiteral("prompt"), kMaxPromptLength);

    static const std::pair<const char *, GenerationIntent> intents[] = {{"create", GenerationIntent::Create},
                                                                        {"refine", GenerationIntent::Refine}};
    request.intent = oneOf(body, QStringLiteral("intent"), intents, GenerationIntent::Create);
    static const std::pair<const char *, ColorMode> modes[] = {{"dark", ColorMode::Dark},
                                                               {"light", ColorMode::Light}};
    request.colorMode = oneOf(body, QStringLiteral("colorMode"), modes, ColorMode::Dark);
    request.variantCount = int(json::optionalInt(body, QStringLiteral("variantCount"), 1, 3).value_or(1));

    const QJsonValue reference = body.value(QStringLiteral("referenceSvg"));
    if (!reference.isUndefined() && !reference.isNull())
        request.referenceSvg =
            sanitizeSvgInput(svgString(body, QStringLiteral("referenceSvg"), QStringLiteral("referenceSvg")),
                             QStringLiteral("referenceSvg"), seed + QStringLiteral(":reference"));
    if (request.intent == GenerationIntent::Refine && request.referenceSvg.isEmpty())
        throw ApiError::validation(QStringLiteral("referenceSvg"),
                                   QStringLiteral("Refining an icon needs the field 'referenceSvg'."));

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
    return request;
}

Import parseImport(const QJsonObject &body, const QString &seed)
{
    Import import;
    import.name = cleanText(body, QStringLiteral("name"), kMaxNameLength);
    import.svg = sanitizeSvgInput(svgString(body, QStringLiteral("svg"), QStringLiteral("svg")),
                                  QStringLiteral("svg"), seed);
    return import;
}

Patch parsePatch(const QJsonObject &body)
{
    Patch patch;
    patch.favorite = json::optionalBool(body, QStringLiteral("favorite"));
    if (const auto selected = json::optionalInt(body, QStringLiteral("selectedVariant"), 0, 2))
        patch.selectedVariant = int(*selected);
    if (!patch.favorite && !patch.selectedVariant)
        throw ApiError::badRequest(QStringLiteral("validation_error"),
                                   QStringLiteral("Send at least one of 'favorite' and 'selectedVariant'."));
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
        if (*view == u"thumbnail")
            filter.view = IconView::Thumbnail;
        else if (*view != u"full")
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
