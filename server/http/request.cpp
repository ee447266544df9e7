#include "http/request.h"

#include "http/apierror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <cmath>

namespace {

// 2^53: the largest range in which a JSON number (a double) still represents every integer exactly.
constexpr double kMaxSafeInteger = 9007199254740992.0;

bool containsInvalidString(const QJsonValue &value);

bool invalidString(const QString &s)
{
    return s.contains(QChar(u'\0')) || !s.isValidUtf16();
}

bool containsInvalidString(const QJsonValue &value)
{
    if (value.isString())
        return invalidString(value.toString());
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const auto &v : array) {
            if (containsInvalidString(v))
                return true;
        }
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (invalidString(it.key()) || containsInvalidString(it.value()))
                return true;
        }
    }
    return false;
}

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] QString decoded = decoder.decode(bytes);
    return !decoder.hasError();
}

// Media type without parameters, lower case; `charset` receives the charset parameter if any.
QByteArray mediaType(const QByteArray &contentType, QByteArray *charset)
{
    const QList<QByteArray> parts = contentType.split(';');
    for (int i = 1; i < parts.size(); ++i) {
        const QByteArray param = parts.at(i).trimmed();
        const int eq = param.indexOf('=');
        if (eq > 0 && param.left(eq).trimmed().toLower() == "charset") {
            QByteArray value = param.mid(eq + 1).trimmed().toLower();
            if (value.startsWith('"') && value.endsWith('"') && value.size() >= 2)
                value = value.mid(1, value.size() - 2);
            *charset = value;
        }
    }
    return parts.value(0).trimmed().toLower();
}

// The characters a JSON string literal (its text between the quotes) stands for: escapes decoded,
// so "prom\u0070t" and "prompt" are the same key. Runs on text QJsonDocument accepted.
QString decodedJsonString(QByteArrayView literal)
{
    QString text;
    text.reserve(literal.size());
    qsizetype i = 0;
    while (i < literal.size()) {
        qsizetype escape = literal.indexOf('\\', i);
        if (escape < 0)
            escape = literal.size();
        text += QString::fromUtf8(literal.sliced(i, escape - i));
        if (escape + 1 >= literal.size())
            break;
        const char kind = literal.at(escape + 1);
        i = escape + 2;
        switch (kind) {
        case 'b':
            text += u'\b';
            break;
        case 'f':
            text += u'\f';
            break;
        case 'n':
            text += u'\n';
            break;
        case 'r':
            text += u'\r';
            break;
        case 't':
            text += u'\t';
            break;
        case 'u': {
            bool ok = false;
            const ushort unit = i + 4 <= literal.size() ? literal.sliced(i, 4).toUShort(&ok, 16) : 0;
            text += QChar(ok ? unit : 0xfffd); // UTF-16 units: a surrogate pair decodes to the same string
            i += 4;
            break;
        }
        default: // \" \\ \/
            text += QLatin1Char(kind);
            break;
        }
    }
    return text;
}

// QJsonDocument silently keeps the last of duplicate keys; other parsers keep the first. A body that
// means different things to different parsers is rejected instead. Keys are compared as the
// characters they stand for, not as written. Runs on text QJsonDocument accepted.
bool hasDuplicateKeys(const QByteArray &json)
{
    struct Level
    {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
    };
    QList<Level> stack;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (c == '"') {
            const qsizetype start = ++i;
            while (i < json.size() && json.at(i) != '"')
                i += json.at(i) == '\\' ? 2 : 1;
            if (!stack.isEmpty() && stack.last().object && stack.last().expectKey) {
                const QString key =
                    decodedJsonString(QByteArrayView(json).sliced(start, qMin(i, json.size()) - start));
                if (stack.last().keys.contains(key))
                    return true;
                stack.last().keys.insert(key);
                stack.last().expectKey = false;
            }
        } else if (c == '{') {
            stack.append(Level{true, true, {}});
        } else if (c == '[') {
            stack.append(Level{});
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
        } else if (c == ',' && !stack.isEmpty() && stack.last().object) {
            stack.last().expectKey = true;
        }
    }
    return false;
}

QJsonObject parseJsonBody(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("The request body must be a JSON object."));
    if (!isValidUtf8(body))
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("The request body is not valid UTF-8."));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("The request body is not valid JSON (%1 at offset %2).")
                                       .arg(error.errorString())
                                       .arg(error.offset));
    if (!doc.isObject())
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("The request body must be a JSON object."));
    if (hasDuplicateKeys(body))
        throw ApiError::badRequest(QStringLiteral("invalid_json"),
                                   QStringLiteral("The request body names the same field twice."));
    const QJsonObject object = doc.object();
    if (containsInvalidString(object))
        throw ApiError::badRequest(
            QStringLiteral("invalid_json"),
            QStringLiteral("The request body contains a NUL character or an unpaired surrogate."));
    return object;
}

} // namespace

QString Request::param(QStringView name) const
{
    for (const auto &[key, value] : params) {
        if (key == name)
            return value;
    }
    return {};
}

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QList<QByteArray> Request::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.second);
    }
    return values;
}

bool Request::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<QString> Request::query(const QString &name) const
{
    const QUrlQuery q(url);
    const QStringList values = q.allQueryItemValues(name, QUrl::FullyDecoded);
    if (values.isEmpty())
        return std::nullopt;
    if (values.size() > 1)
        throw ApiError::validation(
            name, QStringLiteral("The query parameter '%1' is given more than once.").arg(name));
    const QString value = values.constFirst();
    json::rejectControlCharacters(value, name);
    return value;
}

qint64 Request::queryInt(const QString &name, qint64 fallback, qint64 min, qint64 max) const
{
    const auto raw = query(name);
    if (!raw)
        return fallback;
    static const QRegularExpression integer(QStringLiteral("^-?[0-9]{1,18}$"));
    bool ok = false;
    const qint64 value = integer.match(*raw).hasMatch() ? raw->toLongLong(&ok) : 0;
    if (!ok || value < min || value > max)
        throw ApiError::validation(
            name, QStringLiteral("The query parameter '%1' must be an integer from %2 to %3.")
                      .arg(name)
                      .arg(min)
                      .arg(max));
    return value;
}

bool Request::queryBool(const QString &name, bool fallback) const
{
    const auto raw = query(name);
    if (!raw)
        return fallback;
    if (*raw == QLatin1String("true"))
        return true;
    if (*raw == QLatin1String("false"))
        return false;
    throw ApiError::validation(name,
                               QStringLiteral("The query parameter '%1' must be true or false.").arg(name));
}

QJsonObject Request::jsonObject() const
{
    QByteArray charset;
    const QByteArray type = mediaType(header("Content-Type"), &charset);
    if (type != "application/json" || (!charset.isEmpty() && charset != "utf-8"))
        throw ApiError::unsupportedMediaType(QStringLiteral("application/json"));
    return parseJsonBody(body);
}

QJsonObject Request::jsonOrFormObject() const
{
    QByteArray charset;
    const QByteArray type = mediaType(header("Content-Type"), &charset);
    if (type != "application/x-www-form-urlencoded")
        return jsonObject();
    if (!charset.isEmpty() && charset != "utf-8")
        throw ApiError::unsupportedMediaType(
            QStringLiteral("application/json or application/x-www-form-urlencoded"));
    if (!isValidUtf8(body))
        throw ApiError::badRequest(QStringLiteral("invalid_request"),
                                   QStringLiteral("The request body is not valid UTF-8."));
    QByteArray encoded = body;
    encoded.replace('+', "%20"); // form encoding writes spaces as '+'
    const QUrlQuery form(QString::fromUtf8(encoded));
    QJsonObject object;
    for (const auto &item : form.queryItems(QUrl::FullyDecoded)) {
        if (object.contains(item.first))
            throw ApiError::validation(
                item.first, QStringLiteral("The field '%1' is given more than once.").arg(item.first));
        json::rejectControlCharacters(item.second, item.first);
        object.insert(item.first, item.second);
    }
    return object;
}

std::optional<QByteArray> Request::bearerToken() const
{
    const QList<QByteArray> values = headerValues("Authorization");
    if (values.isEmpty())
        return std::nullopt;
    if (values.size() > 1)
        throw ApiError::badRequest(QStringLiteral("invalid_request"),
                                   QStringLiteral("Send exactly one Authorization header."));
    const QByteArray value = values.constFirst().trimmed();
    const int space = value.indexOf(' ');
    if (space <= 0 || value.left(space).toLower() != "bearer")
        return QByteArray();
    const QByteArray token = value.mid(space + 1);
    // RFC 6750 token68; anything else (spaces, non-ASCII, absurd length) is simply not a valid token.
    static const QRegularExpression token68(QStringLiteral("^[A-Za-z0-9\\-._~+/]+=*$"));
    if (token.isEmpty() || token.size() > 512 || !token68.match(QString::fromLatin1(token)).hasMatch())
        return QByteArray();
    return token;
}

namespace json {

void rejectControlCharacters(const QString &value, const QString &field, bool allowNewlines)
{
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && u != 0x7f)
            continue;
        if (allowNewlines && (u == '\n' || u == '\r' || u == '\t'))
            continue;
        throw ApiError::validation(field,
                                   QStringLiteral("The field '%1' contains a control character.").arg(field));
    }
}

QString requiredString(const QJsonObject &o, const QString &field, int minLen, int maxLen)
{
    if (!o.contains(field) || o.value(field).isNull())
        throw ApiError::validation(field, QStringLiteral("The field '%1' is required.").arg(field));
    const auto value = optionalString(o, field, maxLen);
    if (!value || value->size() < minLen)
        throw ApiError::validation(field, QStringLiteral("The field '%1' must not be empty.").arg(field));
    return *value;
}

std::optional<QString> optionalString(const QJsonObject &o, const QString &field, int maxLen)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString())
        throw ApiError::validation(field, QStringLiteral("The field '%1' must be a string.").arg(field));
    const QString s = v.toString();
    if (s.size() > maxLen)
        throw ApiError::validation(
            field, QStringLiteral("The field '%1' must be at most %2 characters.").arg(field).arg(maxLen));
    return s;
}

std::optional<qint64> optionalInt(const QJsonObject &o, const QString &field, qint64 min, qint64 max)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const double d = v.isDouble() ? v.toDouble() : std::nan("");
    if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxSafeInteger ||
        d < double(min) || d > double(max))
        throw ApiError::validation(
            field,
            QStringLiteral("The field '%1' must be an integer from %2 to %3.").arg(field).arg(min).arg(max));
    return static_cast<qint64>(d);
}

std::optional<bool> optionalBool(const QJsonObject &o, const QString &field)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool())
        throw ApiError::validation(field, QStringLiteral("The field '%1' must be true or false.").arg(field));
    return v.toBool();
}

} // namespace json
