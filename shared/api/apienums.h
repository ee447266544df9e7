#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <optional>
#include <utility>

// The palette an icon is drawn in: dark ink (for light toolbars) or light ink (for dark ones). Declared
// here because its wire name is part of the API; IconDesign draws with it.
enum class ColorMode { Dark, Light };

// The API's enum-like strings, each spelt once. The server writes and parses them, the app reads
// them, and the OpenAPI test compares every `enum` list of the document with names<E>(), so the three
// cannot disagree.
namespace api {

enum class Intent { Create, Refine };          // POST /api/icons: a new icon or a refinement
enum class IconSource { Generated, Imported }; // how an icon came to be
enum class Output { Single, Batch };           // one variant, or several of one prompt
enum class IconView { Full, Thumbnail };       // GET /api/icons?view=

template<typename E> struct Names; // specialised below: `values`, the wire name of each enumerator

template<> struct Names<ColorMode>
{
    static constexpr std::array<std::pair<ColorMode, QStringView>, 2> values{
        {{ColorMode::Dark, u"dark"}, {ColorMode::Light, u"light"}}};
};
template<> struct Names<Intent>
{
    static constexpr std::array<std::pair<Intent, QStringView>, 2> values{
        {{Intent::Create, u"create"}, {Intent::Refine, u"refine"}}};
};
template<> struct Names<IconSource>
{
    static constexpr std::array<std::pair<IconSource, QStringView>, 2> values{
        {{IconSource::Generated, u"generated"}, {IconSource::Imported, u"imported"}}};
};
template<> struct Names<Output>
{
    static constexpr std::array<std::pair<Output, QStringView>, 2> values{
        {{Output::Single, u"single"}, {Output::Batch, u"batch"}}};
};
template<> struct Names<IconView>
{
    static constexpr std::array<std::pair<IconView, QStringView>, 2> values{
        {{IconView::Full, u"full"}, {IconView::Thumbnail, u"thumbnail"}}};
};

// The wire name of `value`.
template<typename E> QString name(E value)
{
    for (const auto &[v, n] : Names<E>::values) {
        if (v == value)
            return n.toString();
    }
    return {};
}

// The enumerator spelt `text`, or nullopt. Clients must spell names exactly; stored rows and settings
// written by older versions may be read case-insensitively.
template<typename E> std::optional<E> parse(QStringView text, Qt::CaseSensitivity cs = Qt::CaseSensitive)
{
    for (const auto &[v, n] : Names<E>::values) {
        if (text.compare(n, cs) == 0)
            return v;
    }
    return std::nullopt;
}

template<typename E> E parseOr(QStringView text, E fallback)
{
    return parse<E>(text).value_or(fallback);
}

// `text` when it names an enumerator, else the fallback's name (settings, QML input).
template<typename E> QString normalized(QStringView text, E fallback)
{
    return name(parseOr(text, fallback));
}

// Every wire name, in declaration order (error messages, the OpenAPI test, settings).
template<typename E> QStringList names()
{
    QStringList list;
    for (const auto &entry : Names<E>::values)
        list.append(entry.second.toString());
    return list;
}

} // namespace api
