#include "svg/svgsyntax.h"

#include <QColor>

#include <charconv>
#include <cmath>

namespace SvgSyntax {

namespace {

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool equalsIgnoreCase(QStringView a, QLatin1StringView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QStringView trimmed(QStringView s)
{
    return s.trimmed();
}

} // namespace

void skipWhitespace(QStringView text, qsizetype &pos)
{
    while (pos < text.size() && isSpace(text[pos]))
        ++pos;
}

void skipCommaWhitespace(QStringView text, qsizetype &pos)
{
    skipWhitespace(text, pos);
    if (pos < text.size() && text[pos] == u',') {
        ++pos;
        skipWhitespace(text, pos);
    }
}

std::optional<double> scanNumber(QStringView text, qsizetype &pos)
{
    qsizetype p = pos;
    const qsizetype n = text.size();
    if (p < n && (text[p] == u'+' || text[p] == u'-'))
        ++p;
    const qsizetype mantissaStart = p;
    bool digits = false;
    while (p < n && isDigit(text[p])) {
        ++p;
        digits = true;
    }
    if (p < n && text[p] == u'.') {
        ++p;
        bool fraction = false;
        while (p < n && isDigit(text[p])) {
            ++p;
            fraction = true;
        }
        if (!fraction && !digits)
            return std::nullopt;
        digits = true;
    }
    if (!digits || p == mantissaStart)
        return std::nullopt;
    // The exponent belongs to the number only when digits follow ("1e" + "m" is "1" then a command).
    if (p < n && (text[p] == u'e' || text[p] == u'E')) {
        qsizetype e = p + 1;
        if (e < n && (text[e] == u'+' || text[e] == u'-'))
            ++e;
        if (e < n && isDigit(text[e])) {
            while (e < n && isDigit(text[e]))
                ++e;
            p = e;
        }
    }
    const qsizetype length = p - pos;
    if (length > 64)
        return std::nullopt;
    char buffer[72];
    qsizetype k = 0;
    for (qsizetype i = pos; i < p; ++i) {
        const char c = char(text[i].unicode());
        if (c == '+' && i == pos)
            continue; // from_chars rejects a leading '+'
        buffer[k++] = c;
    }
    double value = 0;
    const auto result = std::from_chars(buffer, buffer + k, value);
    if (result.ec != std::errc() || result.ptr != buffer + k || !std::isfinite(value) ||
        std::fabs(value) > maxMagnitude)
        return std::nullopt;
    pos = p;
    return value;
}

std::optional<double> parseNumber(QStringView text)
{
    const QStringView t = trimmed(text);
    qsizetype pos = 0;
    const auto value = scanNumber(t, pos);
    if (!value || pos != t.size())
        return std::nullopt;
    return value;
}

std::optional<QList<double>> parseNumberList(QStringView text)
{
    QList<double> values;
    qsizetype pos = 0;
    skipWhitespace(text, pos);
    while (pos < text.size()) {
        const auto value = scanNumber(text, pos);
        if (!value)
            return std::nullopt;
        values.append(*value);
        skipWhitespace(text, pos);
        if (pos < text.size() && text[pos] == u',') {
            ++pos;
            skipWhitespace(text, pos);
            if (pos == text.size())
                return std::nullopt; // trailing comma
        }
    }
    return values;
}

std::optional<Length> parseLength(QStringView text)
{
    const QStringView t = trimmed(text);
    qsizetype pos = 0;
    const auto value = scanNumber(t, pos);
    if (!value)
        return std::nullopt;
    const QStringView unit = t.mid(pos);
    static const QLatin1StringView units[] = {
        QLatin1StringView("px"), QLatin1StringView("pt"), QLatin1StringView("pc"),
        QLatin1StringView("mm"), QLatin1StringView("cm"), QLatin1StringView("in"),
        QLatin1StringView("em"), QLatin1StringView("ex"), QLatin1StringView("%")};
    if (!unit.isEmpty()) {
        bool known = false;
        for (const auto &u : units)
            known = known || unit == u;
        if (!known)
            return std::nullopt;
    }
    return Length{*value, unit.toString()};
}

std::optional<QTransform> parseTransform(QStringView text)
{
    QTransform combined;
    qsizetype pos = 0;
    const qsizetype n = text.size();
    skipWhitespace(text, pos);
    while (pos < n) {
        const qsizetype nameStart = pos;
        while (pos < n && text[pos].isLetter())
            ++pos;
        const QStringView name = text.mid(nameStart, pos - nameStart);
        skipWhitespace(text, pos);
        if (pos >= n || text[pos] != u'(')
            return std::nullopt;
        ++pos;
        QList<double> args;
        skipWhitespace(text, pos);
        while (pos < n && text[pos] != u')') {
            const auto v = scanNumber(text, pos);
            if (!v || args.size() >= 6)
                return std::nullopt;
            args.append(*v);
            skipCommaWhitespace(text, pos);
        }
        if (pos >= n)
            return std::nullopt;
        ++pos; // ')'
        const auto count = args.size();
        QTransform t;
        if (name == u"matrix" && count == 6) {
            t = QTransform(args[0], args[1], args[2], args[3], args[4], args[5]);
        } else if (name == u"translate" && (count == 1 || count == 2)) {
            t.translate(args[0], count == 2 ? args[1] : 0.0);
        } else if (name == u"scale" && (count == 1 || count == 2)) {
            t.scale(args[0], count == 2 ? args[1] : args[0]);
        } else if (name == u"rotate" && (count == 1 || count == 3)) {
            if (count == 3)
                t.translate(args[1], args[2]);
            t.rotate(args[0]);
            if (count == 3)
                t.translate(-args[1], -args[2]);
        } else if (name == u"skewX" && count == 1) {
            t = QTransform(1, 0, std::tan(args[0] * M_PI / 180.0), 1, 0, 0);
        } else if (name == u"skewY" && count == 1) {
            t = QTransform(1, std::tan(args[0] * M_PI / 180.0), 0, 1, 0, 0);
        } else {
            return std::nullopt;
        }
        // SVG applies the rightmost function first; in Qt's row-vector convention that is t * combined.
        combined = t * combined;
        skipCommaWhitespace(text, pos);
    }
    return combined;
}

bool isColor(QStringView text)
{
    const QStringView t = trimmed(text);
    if (t.isEmpty() || t.size() > 64)
        return false;
    if (t.front() == u'#') {
        const QStringView hex = t.mid(1);
        if (hex.size() != 3 && hex.size() != 4 && hex.size() != 6 && hex.size() != 8)
            return false;
        for (QChar c : hex) {
            if (!(isDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
                return false;
        }
        return true;
    }
    const qsizetype open = t.indexOf(u'(');
    if (open >= 0) {
        const QStringView fn = t.first(open).trimmed();
        if (!(equalsIgnoreCase(fn, QLatin1StringView("rgb")) ||
              equalsIgnoreCase(fn, QLatin1StringView("rgba"))) ||
            t.back() != u')')
            return false;
        const QStringView inner = t.mid(open + 1, t.size() - open - 2);
        qsizetype pos = 0;
        int components = 0;
        skipWhitespace(inner, pos);
        while (pos < inner.size()) {
            if (!scanNumber(inner, pos))
                return false;
            if (pos < inner.size() && inner[pos] == u'%')
                ++pos;
            ++components;
            skipCommaWhitespace(inner, pos);
        }
        return components == 3 || components == 4;
    }
    for (QChar c : t) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')))
            return false;
    }
    if (equalsIgnoreCase(t, QLatin1StringView("currentColor")))
        return true;
#if QT_VERSION >= QT_VERSION_CHECK(6, 4, 0)
    return QColor::isValidColor(t);
#else
    return QColor::isValidColor(t.toString());
#endif
}

QString urlReference(QStringView text)
{
    const QStringView t = trimmed(text);
    if (!t.startsWith(QLatin1StringView("url("), Qt::CaseInsensitive))
        return {};
    const qsizetype close = t.indexOf(u')');
    if (close < 0)
        return {};
    QStringView inner = t.mid(4, close - 4).trimmed();
    if (inner.size() >= 2 && (inner.front() == u'"' || inner.front() == u'\'') &&
        inner.back() == inner.front())
        inner = inner.mid(1, inner.size() - 2).trimmed();
    if (!inner.startsWith(u'#'))
        return {};
    // Any plausible id is returned; the caller checks it against the ids that really exist in the document.
    const QStringView id = inner.mid(1);
    if (id.isEmpty() || id.size() > 256)
        return {};
    for (QChar c : id) {
        if (isSpace(c) || c == u'(' || c == u')' || c == u'\'' || c == u'"' || c == u'\\' ||
            c.unicode() < 0x20)
            return {};
    }
    return id.toString();
}

bool isPaint(QStringView text, QString *refId)
{
    const QStringView t = trimmed(text);
    if (equalsIgnoreCase(t, QLatin1StringView("none")) ||
        equalsIgnoreCase(t, QLatin1StringView("currentColor")))
        return true;
    if (t.startsWith(QLatin1StringView("url("), Qt::CaseInsensitive)) {
        const qsizetype close = t.indexOf(u')');
        const QString id = urlReference(t);
        if (id.isNull() || close < 0)
            return false;
        const QStringView fallback = t.mid(close + 1).trimmed();
        if (!fallback.isEmpty() && !equalsIgnoreCase(fallback, QLatin1StringView("none")) &&
            !isColor(fallback))
            return false;
        if (refId)
            *refId = id;
        return true;
    }
    return isColor(t);
}

bool isValidId(QStringView id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    const QChar first = id.front();
    if (!((first >= u'a' && first <= u'z') || (first >= u'A' && first <= u'Z') || first == u'_'))
        return false;
    for (QChar c : id) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || isDigit(c) || c == u'_' || c == u'-'))
            return false;
    }
    return true;
}

} // namespace SvgSyntax
