#include "icons/icondesign.h"

namespace {

constexpr LayerStyle layerStyles[] = {
    {IconLayer::Guide, "Guide", 0.25, "2 1", false},
    {IconLayer::Context, "Context", 0.5, nullptr, false},
    {IconLayer::Primary, "Primary", 1.0, nullptr, true},
    {IconLayer::Grips, "Grips", 0.5, nullptr, false},
};

constexpr Palette darkPalette = {"#71717a", "#52525b", "#52525b", "#000000", "#ffffff", "#000000"};
// "Light" output: light ink for dark toolbars (the original's two palettes were identical). The layer
// hierarchy is kept by brightness — Primary brightest, then Context, then the recessive Guide — and
// grips invert to dark squares with a light outline so they still read as handles.
constexpr Palette lightPalette = {"#a1a1aa", "#d4d4d8", "#d4d4d8", "#fafafa", "#18181b", "#fafafa"};

} // namespace

namespace IconDesign {

const LayerStyle &layerStyle(IconLayer layer)
{
    for (const LayerStyle &style : layerStyles) {
        if (style.layer == layer)
            return style;
    }
    Q_UNREACHABLE();
}

QString layerId(IconLayer layer)
{
    return QString::fromLatin1(layerStyle(layer).id);
}

QString layerName(IconLayer layer)
{
    return layerId(layer);
}

QList<IconLayer> requiredLayers(ToolType type)
{
    switch (type) {
    case ToolType::Drawing:
        return {IconLayer::Guide, IconLayer::Primary, IconLayer::Grips};
    case ToolType::Analysis:
        return {IconLayer::Context, IconLayer::Grips};
    case ToolType::Modification:
        return {IconLayer::Context, IconLayer::Primary, IconLayer::Grips};
    }
    return {};
}

QString toolTypeName(ToolType type)
{
    switch (type) {
    case ToolType::Drawing:
        return QStringLiteral("drawing");
    case ToolType::Analysis:
        return QStringLiteral("analysis");
    case ToolType::Modification:
        return QStringLiteral("modification");
    }
    return {};
}

std::optional<ToolType> toolTypeFromName(QStringView name)
{
    for (ToolType t : {ToolType::Drawing, ToolType::Analysis, ToolType::Modification}) {
        if (name.compare(toolTypeName(t), Qt::CaseInsensitive) == 0)
            return t;
    }
    return std::nullopt;
}

QString colorModeName(ColorMode mode)
{
    return api::name(mode);
}

std::optional<ColorMode> colorModeFromName(QStringView name)
{
    return api::parse<ColorMode>(name, Qt::CaseInsensitive);
}

} // namespace IconDesign

const Palette &palette(ColorMode mode)
{
    return mode == ColorMode::Light ? lightPalette : darkPalette;
}
