#include "svg/svgsanitizer.h"

#include "svg/svgsanitizercss.h"
#include "svg/svgsanitizerdocument.h"
#include "svg/svgsanitizerrules.h"
#include "svg/svgsanitizerwriter.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

#include <algorithm>
#include <optional>

// The driver: reads the document with QXmlStreamReader into the model (svgsanitizerdocument.h), keeping what
// the rules allow (svgsanitizerrules.h), folds the CSS into attributes (svgsanitizercss.h), resolves ids and
// references, and has the writer (svgsanitizerwriter.h) write the result.
namespace {

using namespace SvgSanitizing;

// An id that re-enters the sanitiser keeps its base: "edge_1a2b3c4d" scopes to "edge_<scope>", not
// "edge_1a2b3c4d_<scope>".
QString baseOf(const QString &rawId)
{
    static const QRegularExpression scoped(QStringLiteral("^(.+)_[0-9a-f]{8}$"));
    QString id = rawId.trimmed();
    if (const auto m = scoped.match(id); m.hasMatch())
        id = m.captured(1);
    QString cleaned;
    cleaned.reserve(id.size() + 1);
    for (QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                        c == u'_' || c == u'-';
        cleaned += ok ? c : u'_';
    }
    if (cleaned.isEmpty() || !(cleaned.front().isLetter() || cleaned.front() == u'_'))
        cleaned.prepend(u'_');
    return cleaned.left(100);
}

qint64 utf8Size(QStringView text)
{
    qint64 size = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x80)
            size += 1;
        else if (c < 0x800)
            size += 2;
        else if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                 QChar::isLowSurrogate(text[i + 1].unicode())) {
            size += 4;
            ++i;
        } else
            size += 3;
    }
    return size;
}

// QXmlStreamReader checks attributes for duplicates pairwise, so one element with tens of thousands of
// attributes costs seconds. Count them on the raw text first (attributes are the '=' outside quotes inside a
// tag; comments, CDATA sections, PIs and declarations are skipped).
int maxAttributesPerTag(QStringView text)
{
    int most = 0;
    const qsizetype n = text.size();
    qsizetype i = 0;
    const auto skipPast = [&](QLatin1StringView end) {
        const qsizetype at = text.indexOf(end, i);
        i = at < 0 ? n : at + end.size();
    };
    while (i < n) {
        if (text[i] != u'<') {
            ++i;
            continue;
        }
        const QStringView rest = text.mid(i);
        if (rest.startsWith(QLatin1StringView("<!--"))) {
            skipPast(QLatin1StringView("-->"));
        } else if (rest.startsWith(QLatin1StringView("<![CDATA["))) {
            skipPast(QLatin1StringView("]]>"));
        } else if (rest.startsWith(QLatin1StringView("<?"))) {
            skipPast(QLatin1StringView("?>"));
        } else if (rest.startsWith(QLatin1StringView("<!"))) {
            skipPast(QLatin1StringView(">"));
        } else {
            int count = 0;
            QChar quote;
            for (++i; i < n; ++i) {
                const QChar c = text[i];
                if (!quote.isNull()) {
                    if (c == quote)
                        quote = QChar();
                } else if (c == u'"' || c == u'\'') {
                    quote = c;
                } else if (c == u'=') {
                    ++count;
                } else if (c == u'>' || c == u'<') {
                    break;
                }
            }
            most = std::max(most, count);
        }
    }
    return most;
}

class Sanitizer
{
public:
    Sanitizer(const SvgSanitizeLimits &limits)
        : m_limits(limits)
    {}

    SvgSanitizeResult run(const QString &input, const QString &seed);

private:
    bool parse(QStringView text);
    void resolveIds();
    void resolveAttributes();
    void resolveGradientLinks();
    bool checkRoot();
    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    const SvgSanitizeLimits &m_limits;
    Document m_document;
    QString m_css;
    QHash<QString, int> m_idToNode; // raw id as written in the input → node
    QString m_error;
    qsizetype m_outputEstimate = 1024; // the input's size: the output is rarely larger
};

bool Sanitizer::parse(QStringView text)
{
    QXmlStreamReader reader(text.toString());
    // Each stack entry: index of a kept node, -1 for a dropped subtree, -2 for a <style> whose text is
    // collected.
    QList<int> stack;
    int elements = 0;
    bool sawRoot = false;
    bool rootHasNamespace = false;

    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartDocument: {
            const QStringView encoding = reader.documentEncoding();
            if (!encoding.isEmpty() &&
                encoding.compare(QLatin1StringView("UTF-8"), Qt::CaseInsensitive) != 0 &&
                encoding.compare(QLatin1StringView("UTF8"), Qt::CaseInsensitive) != 0)
                return fail(QStringLiteral(
                    "The SVG declares a character encoding other than UTF-8, which is not accepted."));
            break;
        }
        case QXmlStreamReader::DTD:
            return fail(QStringLiteral("The SVG contains a DOCTYPE declaration, which is not allowed."));
        case QXmlStreamReader::EntityReference:
            return fail(QStringLiteral("The SVG uses an entity reference, which is not allowed."));
        case QXmlStreamReader::ProcessingInstruction:
            return fail(QStringLiteral("The SVG contains a processing instruction, which is not allowed."));
        case QXmlStreamReader::StartElement: {
            if (++elements > m_limits.maxElements)
                return fail(QStringLiteral("The SVG has more than %1 elements.").arg(m_limits.maxElements));
            if (stack.size() + 1 > m_limits.maxDepth)
                return fail(
                    QStringLiteral("The SVG is nested more than %1 levels deep.").arg(m_limits.maxDepth));
            const QXmlStreamAttributes attributes = reader.attributes();
            for (const QXmlStreamAttribute &a : attributes) {
                const QStringView value = a.value();
                if (value.size() > m_limits.maxAttributeBytes ||
                    (value.size() * 3 > m_limits.maxAttributeBytes &&
                     utf8Size(value) > m_limits.maxAttributeBytes))
                    return fail(QStringLiteral("An attribute value in the SVG is longer than %1 KiB.")
                                    .arg(m_limits.maxAttributeBytes / 1024));
            }

            const QStringView ns = reader.namespaceUri();
            const QStringView name = reader.name();
            if (!sawRoot) {
                sawRoot = true;
                if (name != QLatin1StringView("svg"))
                    return fail(QStringLiteral("The document's root element must be <svg>."));
                if (!ns.isEmpty() && ns != svgNamespace)
                    return fail(QStringLiteral("The root <svg> element is not in the SVG namespace."));
                rootHasNamespace = !ns.isEmpty();
            }
            const bool svgElement = ns == svgNamespace || (ns.isEmpty() && !rootHasNamespace);
            if (!svgElement && !isEditorNamespace(ns))
                return fail(QStringLiteral(
                    "The SVG contains elements outside the SVG namespace, which is not allowed."));

            const int parent = stack.isEmpty() ? -1 : stack.last();
            if (!stack.isEmpty() && parent < 0) {
                stack.append(-1); // inside a dropped subtree (namespaces were still checked above)
                break;
            }
            const auto kind = svgElement ? kindOf(name) : std::nullopt;
            if (svgElement && name == QLatin1StringView("style") && parent >= 0) {
                const QStringView type = attributes.value(QLatin1StringView("type"));
                stack.append(type.isEmpty() || type.trimmed() == QLatin1StringView("text/css") ? -2 : -1);
                break;
            }
            const bool keep = kind && (stack.isEmpty() ? *kind == Kind::Svg
                                                       : allowedChild(m_document.nodes[parent].kind, *kind));
            if (!keep) {
                stack.append(-1);
                break;
            }

            Node node;
            node.kind = *kind;
            node.parent = parent;
            node.inDefs = parent >= 0 &&
                          (m_document.nodes[parent].inDefs || m_document.nodes[parent].kind == Kind::Defs);
            for (const QXmlStreamAttribute &a : attributes) {
                const QStringView attributeNs = a.namespaceUri();
                const QStringView attributeName = a.name();
                if (attributeNs.isEmpty()) {
                    if (attributeName == QLatin1StringView("id"))
                        node.id = a.value().toString();
                    else if (attributeName == QLatin1StringView("class"))
                        node.classes = a.value().toString();
                    else if (attributeName == QLatin1StringView("style"))
                        node.style = a.value().toString();
                    else if (attributeName == QLatin1StringView("href"))
                        node.href = a.value().toString();
                    else if (const auto rule = ruleFor(node.kind, attributeName))
                        node.attributes.append({*rule, a.value().toString()});
                } else if (attributeNs == xlinkNamespace && attributeName == QLatin1StringView("href")) {
                    node.href = a.value().toString();
                }
                // Every other namespaced attribute (xml:space, xml:base, inkscape:*, ev:*, …) is dropped.
            }
            const int index = int(m_document.nodes.size());
            m_document.nodes.append(std::move(node));
            if (parent >= 0)
                m_document.nodes[parent].children.append(index);
            stack.append(index);
            break;
        }
        case QXmlStreamReader::EndElement:
            if (!stack.isEmpty())
                stack.removeLast();
            break;
        case QXmlStreamReader::Characters:
            if (!stack.isEmpty()) {
                const int top = stack.last();
                if (top == -2 && m_css.size() < 64 * 1024)
                    m_css += reader.text();
                else if (top >= 0 &&
                         (m_document.nodes[top].kind == Kind::Title ||
                          m_document.nodes[top].kind == Kind::Desc) &&
                         m_document.nodes[top].text.size() < 4096)
                    m_document.nodes[top].text += reader.text();
            }
            break;
        case QXmlStreamReader::Comment:
        case QXmlStreamReader::EndDocument:
        case QXmlStreamReader::NoToken:
        case QXmlStreamReader::Invalid:
            break;
        }
    }
    if (reader.hasError()) {
        QString detail = reader.errorString().trimmed();
        if (!detail.endsWith(u'.'))
            detail += u'.';
        return fail(QStringLiteral("The SVG is not well-formed XML (line %1): %2")
                        .arg(reader.lineNumber())
                        .arg(detail));
    }
    if (!sawRoot)
        return fail(QStringLiteral("The document's root element must be <svg>."));
    return true;
}

void Sanitizer::resolveIds()
{
    QSet<QString> used;
    for (int i = 0; i < m_document.nodes.size(); ++i) {
        Node &node = m_document.nodes[i];
        const QString raw = node.id.trimmed();
        if (raw.isEmpty() || m_idToNode.contains(raw))
            continue; // the first element with an id wins, as in browsers
        QString base = baseOf(raw);
        if (used.contains(base)) {
            const QString stem = base;
            for (int n = 2; used.contains(base); ++n)
                base = stem + u'_' + QString::number(n);
        }
        used.insert(base);
        node.baseId = base;
        m_idToNode.insert(raw, i);
    }
}

void Sanitizer::resolveAttributes()
{
    const QList<ClassRule> classRules = parseStyleSheet(m_css);
    for (Node &node : m_document.nodes) {
        node.out.reserve(node.attributes.size());
        const auto set = [&](const AttributeRule &rule, const QString &value) {
            QString refId;
            auto valid = validate(rule.type, value, &refId);
            if (!valid)
                return;
            OutAttribute attribute{rule.name, std::move(*valid), {}, {}};
            if (!refId.isNull()) {
                // url(#id) only to a gradient of this document; otherwise fall back to the given colour, or
                // drop.
                const int target = m_idToNode.value(refId, -1);
                const qsizetype close = attribute.value.indexOf(u')');
                const QString fallback = attribute.value.mid(close + 1).trimmed();
                if (target >= 0 && isGradient(m_document.nodes[target].kind)) {
                    attribute.refTarget = m_document.nodes[target].baseId;
                    attribute.fallback = fallback;
                } else if (!fallback.isEmpty()) {
                    attribute.value = fallback;
                } else {
                    return;
                }
            }
            for (OutAttribute &existing : node.out) {
                if (existing.name == attribute.name) {
                    existing = std::move(attribute);
                    return;
                }
            }
            node.out.append(std::move(attribute));
        };

        for (const auto &[rule, value] : node.attributes)
            set(rule, value);
        const auto applyDeclarations = [&](const Declarations &declarations) {
            for (const auto &[name, value] : declarations) {
                if (const auto rule = ruleFor(node.kind, name); rule && rule->presentation)
                    set(*rule, value);
            }
        };
        if (!node.classes.isEmpty() && !classRules.isEmpty()) {
            const QStringList classes = node.classes.simplified().split(u' ', Qt::SkipEmptyParts);
            for (const ClassRule &rule : classRules) {
                if (classes.contains(rule.className))
                    applyDeclarations(rule.declarations);
            }
        }
        if (!node.style.isEmpty())
            applyDeclarations(parseDeclarations(node.style));

        if (node.kind == Kind::Title || node.kind == Kind::Desc)
            node.text = cleanText(node.text);
    }
}

// A gradient may inherit stops and attributes from another gradient of the same document (the Inkscape
// pattern). Anything but a local #id, a non-gradient target or a cycle drops the link.
void Sanitizer::resolveGradientLinks()
{
    for (int i = 0; i < m_document.nodes.size(); ++i) {
        Node &node = m_document.nodes[i];
        if (!isGradient(node.kind))
            continue;
        const QString href = node.href.trimmed();
        if (!href.startsWith(u'#'))
            continue;
        const int target = m_idToNode.value(href.mid(1), -1);
        if (target < 0 || target == i || !isGradient(m_document.nodes[target].kind))
            continue;
        node.hrefTarget = target;
    }
    for (int i = 0; i < m_document.nodes.size(); ++i) {
        int steps = 0;
        for (int at = m_document.nodes[i].hrefTarget; at >= 0; at = m_document.nodes[at].hrefTarget) {
            if (at == i || ++steps > 16) {
                m_document.nodes[i].hrefTarget = -1;
                break;
            }
        }
        if (m_document.nodes[i].hrefTarget >= 0)
            m_document.usesXlink = true;
    }

    // QtSvg 6.4 refuses a radialGradient without a positive r (it has no default and does not look at the
    // gradient it inherits from), so write the inherited r or the SVG default 50% explicitly.
    const auto radius = [this](int index) -> const OutAttribute * {
        for (const OutAttribute &a : m_document.nodes[index].out) {
            if (a.name == QLatin1StringView("r"))
                return &a;
        }
        return nullptr;
    };
    for (int i = 0; i < m_document.nodes.size(); ++i) {
        if (m_document.nodes[i].kind != Kind::RadialGradient || radius(i))
            continue;
        QString inherited = QStringLiteral("50%");
        for (int at = m_document.nodes[i].hrefTarget; at >= 0; at = m_document.nodes[at].hrefTarget) {
            if (m_document.nodes[at].kind != Kind::RadialGradient)
                continue;
            if (const OutAttribute *r = radius(at)) {
                inherited = r->value;
                break;
            }
        }
        m_document.nodes[i].out.append({QLatin1StringView("r"), inherited, {}, {}});
    }
}

bool Sanitizer::checkRoot()
{
    const Node &root = m_document.nodes.first();
    for (const auto &[rule, value] : root.attributes) {
        const QLatin1StringView name = rule.name;
        if ((name == QLatin1StringView("width") || name == QLatin1StringView("height")) &&
            !isViewportLength(value))
            return fail(
                QStringLiteral("The SVG's %1 must be a finite number greater than 0 and at most 4096.")
                    .arg(name));
        if (name == QLatin1StringView("viewBox") && !isViewBox(value))
            return fail(QStringLiteral(
                "The SVG's viewBox must be four finite numbers with a width and height greater "
                "than 0 and at most 4096."));
    }
    bool drawable = false;
    for (const Node &node : m_document.nodes)
        drawable = drawable || (isShape(node.kind) && !node.inDefs);
    if (!drawable)
        return fail(QStringLiteral("The SVG contains no drawable shapes."));
    return true;
}

SvgSanitizeResult Sanitizer::run(const QString &input, const QString &seed)
{
    SvgSanitizeResult result;
    const qint64 limitKiB = m_limits.maxBytes / 1024;
    if (input.size() > m_limits.maxBytes ||
        (input.size() * 3 > m_limits.maxBytes && utf8Size(input) > m_limits.maxBytes)) {
        result.error = QStringLiteral("The SVG is larger than %1 KiB.").arg(limitKiB);
        return result;
    }
    m_outputEstimate = qMax<qsizetype>(1024, input.size());
    QStringView text(input);
    // A byte-order mark and leading whitespace are harmless but would make the XML declaration illegal.
    while (!text.isEmpty() && (text.front() == QChar(0xFEFF) || text.front().isSpace()))
        text = text.mid(1);
    if (text.isEmpty()) {
        result.error = QStringLiteral("The SVG is empty.");
        return result;
    }
    if (maxAttributesPerTag(text) > m_limits.maxAttributesPerElement) {
        result.error = QStringLiteral("An element in the SVG has more than %1 attributes.")
                           .arg(m_limits.maxAttributesPerElement);
        return result;
    }
    if (!parse(text) || m_document.nodes.isEmpty()) {
        result.error =
            m_error.isEmpty() ? QStringLiteral("The document's root element must be <svg>.") : m_error;
        return result;
    }
    resolveIds();
    resolveAttributes();
    resolveGradientLinks();
    if (!checkRoot()) {
        result.error = m_error;
        return result;
    }

    // Ids get a scope suffix: derived from the seed, or else from the unscoped serialisation, which
    // is the same for x and sanitize(x), so the derived scope is too.
    const SerializedDocument plain = serialize(m_document, m_outputEstimate);
    if (plain.scopeAt.isEmpty())
        result.svg = plain.text;
    else
        result.svg = plain.withScope(SvgSanitizer::deriveScope(seed.isEmpty() ? plain.text : seed));
    // Folding a <style> rule into every element it matches can make the output larger than the
    // input; an output over the limit would be refused when sanitised again, so it is refused now.
    if (result.svg.size() * 3 > m_limits.maxBytes && utf8Size(result.svg) > m_limits.maxBytes) {
        result.svg.clear();
        result.error =
            QStringLiteral("The SVG is larger than %1 KiB once its styles are applied.").arg(limitKiB);
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace

SvgSanitizeResult SvgSanitizer::sanitize(const QString &input, const QString &scopeSeed,
                                         const SvgSanitizeLimits &limits)
{
    return Sanitizer(limits).run(input, scopeSeed);
}

QString SvgSanitizer::deriveScope(const QString &seed)
{
    quint32 h = 0; // arithmetic modulo 2^32 == 16^8
    // Over code points as QString::toUcs4() yields them (an unpaired surrogate counts as U+FFFD),
    // without allocating that list: the seed is often the whole serialised document.
    const qsizetype n = seed.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = seed[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < n && seed[i + 1].isLowSurrogate())
            cp = QChar::surrogateToUcs4(char16_t(cp), seed[++i].unicode());
        else if (QChar::isSurrogate(cp))
            cp = QChar::ReplacementCharacter;
        h = h * 31u + quint32(cp);
    }
    return QString::number(h, 16).rightJustified(8, u'0');
}
