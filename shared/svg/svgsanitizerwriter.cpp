#include "svg/svgsanitizerwriter.h"

#include <algorithm>

namespace SvgSanitizing {

namespace {

// The output is written directly rather than through QXmlStreamWriter, which spent more time than
// the parse (bench/README.md, the sanitiser's profile). It is the same text QXmlStreamWriter wrote:
// `<`, `>`, `&` and `"` escaped everywhere, tab, LF and CR as character references in attribute
// values (so they read back as written), `<x/>` for an element without content, no declaration.
void appendEscaped(QString &out, QStringView value, bool attribute)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < value.size(); ++i) {
        QLatin1StringView replacement;
        switch (value[i].unicode()) {
        case u'<':
            replacement = QLatin1StringView("&lt;");
            break;
        case u'>':
            replacement = QLatin1StringView("&gt;");
            break;
        case u'&':
            replacement = QLatin1StringView("&amp;");
            break;
        case u'"':
            replacement = QLatin1StringView("&quot;");
            break;
        case u'\t':
            replacement = QLatin1StringView(attribute ? "&#9;" : "");
            break;
        case u'\n':
            replacement = QLatin1StringView(attribute ? "&#10;" : "");
            break;
        case u'\r':
            replacement = QLatin1StringView(attribute ? "&#13;" : "");
            break;
        default:
            continue;
        }
        if (replacement.isEmpty())
            continue;
        out.append(value.mid(start, i - start));
        out.append(replacement);
        start = i + 1;
    }
    out.append(value.mid(start));
}

template<typename Name> // QLatin1StringView or QStringView
void appendAttribute(QString &out, Name name, QStringView value)
{
    out.append(u' ');
    out.append(name);
    out.append(QLatin1StringView("=\""));
    appendEscaped(out, value, true);
    out.append(u'"');
}

bool writesNothing(const Node &node)
{
    return (node.kind == Kind::Title || node.kind == Kind::Desc) && node.text.isEmpty();
}

class Writer
{
public:
    Writer(const Document &document, qsizetype sizeHint)
        : m_document(document)
    {
        m_out.text.reserve(sizeHint);
    }
    SerializedDocument write() &&
    {
        writeNode(0);
        return std::move(m_out);
    }

private:
    void writeNode(int index);

    const Document &m_document;
    SerializedDocument m_out;
};

void Writer::writeNode(int index)
{
    QString &out = m_out.text;
    const Node &node = m_document.nodes[index];
    if (writesNothing(node))
        return;
    // An id (or a reference to one) is written without its scope; where the scope goes is noted.
    const auto idAttribute = [&](QLatin1StringView name, QStringView prefix, const QString &base,
                                 QStringView suffix = {}) {
        out.append(u' ');
        out.append(name);
        out.append(QLatin1StringView("=\""));
        appendEscaped(out, prefix, true);
        appendEscaped(out, base, true);
        m_out.scopeAt.append(out.size());
        appendEscaped(out, suffix, true);
        out.append(u'"');
    };

    const QLatin1StringView name = nameOf(node.kind);
    out.append(u'<');
    out.append(name);
    if (node.kind == Kind::Svg) {
        appendAttribute(out, QLatin1StringView("xmlns"), svgNamespace);
        if (m_document.usesXlink)
            appendAttribute(out, QLatin1StringView("xmlns:xlink"), xlinkNamespace);
    }
    if (!node.baseId.isEmpty())
        idAttribute(QLatin1StringView("id"), {}, node.baseId);
    if (node.hrefTarget >= 0)
        idAttribute(QLatin1StringView("xlink:href"), u"#", m_document.nodes[node.hrefTarget].baseId);
    for (const OutAttribute &a : node.out) {
        if (a.refTarget.isEmpty())
            appendAttribute(out, a.name, a.value);
        else if (a.fallback.isEmpty())
            idAttribute(a.name, u"url(#", a.refTarget, u")");
        else
            idAttribute(a.name, u"url(#", a.refTarget, QStringLiteral(") ") + a.fallback);
    }
    const bool hasContent =
        !node.text.isEmpty() || std::any_of(node.children.cbegin(), node.children.cend(), [this](int child) {
            return !writesNothing(m_document.nodes[child]);
        });
    if (!hasContent) {
        out.append(QLatin1StringView("/>"));
        return;
    }
    out.append(u'>');
    appendEscaped(out, node.text, false);
    for (int child : node.children)
        writeNode(child);
    out.append(QLatin1StringView("</"));
    out.append(name);
    out.append(u'>');
}

} // namespace

SerializedDocument serialize(const Document &document, qsizetype sizeHint)
{
    return Writer(document, sizeHint).write();
}

QString SerializedDocument::withScope(const QString &scope) const
{
    if (scopeAt.isEmpty())
        return text;
    QString out;
    out.reserve(text.size() + scopeAt.size() * (scope.size() + 1));
    qsizetype from = 0;
    for (const qsizetype at : scopeAt) {
        out.append(QStringView(text).mid(from, at - from));
        out.append(u'_');
        out.append(scope);
        from = at;
    }
    out.append(QStringView(text).mid(from));
    return out;
}

} // namespace SvgSanitizing
