#include "sceneedit.h"

#include "api/apienums.h"
#include "scene/sceneparser.h"
#include "scene/scenerenderer.h"
#include "vocabulary/iconengine.h"

#include <QJsonArray>

#include <cmath>

namespace {

const scene::ParameterSpec *findSpec(const scene::Scene &s, const QString &name)
{
    for (const scene::ParameterSpec &p : s.parameters) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

// A value as the scene stores it for this parameter's type (QML hands over doubles for ints, and so on).
QVariant typed(const scene::ParameterSpec &p, const QVariant &v)
{
    switch (p.type) {
    case scene::ParameterSpec::Type::Bool:
        return v.toBool();
    case scene::ParameterSpec::Type::Choice:
        return v.toString();
    case scene::ParameterSpec::Type::Int: {
        bool ok = false;
        const double d = v.toDouble(&ok);
        // A fraction is passed on as it is, so the engine names the parameter and its range.
        return ok && d == std::floor(d) && std::abs(d) < 1e9 ? QVariant(int(d)) : v;
    }
    case scene::ParameterSpec::Type::Number:
        return v.toDouble();
    }
    return v;
}

} // namespace

SceneEdit::SceneEdit(const QString &seed, const QList<QJsonObject> &scenes, const QString &colorMode)
    : m_seed(seed)
    , m_colorMode(normalizedColorMode(colorMode))
    , m_savedColorMode(m_colorMode)
{
    for (const QJsonObject &json : scenes) {
        Variant v;
        if (!json.isEmpty()) {
            scene::SceneParseResult parsed = scene::SceneParser::fromJson(json);
            if (parsed.ok()) {
                v.savedScene = json;
                v.scene = std::move(parsed.scene);
                v.savedValues = v.scene.values;
                v.values = v.savedValues;
            }
        }
        m_variants << v;
    }
    for (int i = 0; i < variantCount(); ++i)
        redraw(i);
}

QString SceneEdit::normalizedColorMode(const QString &mode)
{
    return api::normalized(mode, ColorMode::Dark);
}

bool SceneEdit::hasScene(int variant) const
{
    return variant >= 0 && variant < variantCount() && !m_variants.at(variant).savedScene.isEmpty();
}

bool SceneEdit::editable(int variant) const
{
    if (!hasScene(variant))
        return false;
    const scene::Scene &s = m_variants.at(variant).scene;
    return s.source.engine == QLatin1String("builtin") && !s.parameters.isEmpty();
}

bool SceneEdit::hasAnyScene() const
{
    for (int i = 0; i < variantCount(); ++i) {
        if (hasScene(i))
            return true;
    }
    return false;
}

QList<scene::ParameterSpec> SceneEdit::parameters(int variant) const
{
    return hasScene(variant) ? m_variants.at(variant).scene.parameters : QList<scene::ParameterSpec>();
}

QVariant SceneEdit::value(int variant, const QString &name) const
{
    return hasScene(variant) ? m_variants.at(variant).values.value(name) : QVariant();
}

SceneEdit::State SceneEdit::snapshot() const
{
    State s;
    for (const Variant &v : m_variants)
        s.values << v.values;
    s.colorMode = m_colorMode;
    return s;
}

bool SceneEdit::rebuild(int variant, const QVariantMap &values, QString *error)
{
    Variant &v = m_variants[variant];
    if (values == v.savedValues) {
        // As saved: the stored scene itself, even if the vocabulary has changed since.
        v.scene = scene::SceneParser::fromJson(v.savedScene).scene;
        v.values = values;
        return true;
    }
    QStringList errors;
    const auto built = vocab::IconEngine::builtin().instantiate(v.scene.source, values, &errors);
    if (!built) {
        if (error)
            *error = errors.value(0, QStringLiteral("The icon cannot be drawn with these values."));
        return false;
    }
    v.scene = built->scene;
    v.values = values;
    return true;
}

void SceneEdit::redraw(int variant)
{
    Variant &v = m_variants[variant];
    if (v.savedScene.isEmpty()) {
        v.svg.clear();
        return;
    }
    const scene::RenderResult r = scene::SceneRenderer::render(
        v.scene, IconDesign::colorModeFromName(m_colorMode).value_or(ColorMode::Dark),
        m_seed + QLatin1Char(':') + QString::number(variant));
    v.svg = r.svg;
}

bool SceneEdit::setValue(int variant, const QString &name, const QVariant &value, bool merge, QString *error)
{
    if (!editable(variant)) {
        if (error)
            *error = QStringLiteral("This variant has no parameters.");
        return false;
    }
    Variant &v = m_variants[variant];
    const scene::ParameterSpec *spec = findSpec(v.scene, name);
    if (!spec) {
        if (error)
            *error = QStringLiteral("%1 is not a parameter of this icon.").arg(name);
        return false;
    }
    QVariantMap values = v.values;
    values.insert(name, typed(*spec, value));
    if (values == v.values)
        return true;
    const State before = snapshot();
    if (!rebuild(variant, values, error))
        return false;
    redraw(variant);
    const bool sameStep =
        merge && !m_undo.isEmpty() && m_lastStep.variant == variant && m_lastStep.parameter == name;
    if (!sameStep)
        m_undo << before;
    m_redo.clear();
    m_lastStep.variant = variant;
    m_lastStep.parameter = name;
    return true;
}

bool SceneEdit::setColorMode(const QString &mode)
{
    const QString m = normalizedColorMode(mode);
    if (m == m_colorMode || !hasAnyScene())
        return false;
    m_undo << snapshot();
    m_redo.clear();
    m_lastStep = {};
    m_colorMode = m;
    for (int i = 0; i < variantCount(); ++i)
        redraw(i);
    return true;
}

void SceneEdit::restore(const State &state)
{
    const bool inkChanged = state.colorMode != m_colorMode;
    m_colorMode = state.colorMode;
    for (int i = 0; i < variantCount() && i < state.values.size(); ++i) {
        const bool valuesChanged = state.values.at(i) != m_variants.at(i).values;
        // Every state on the stack was drawn once, so it draws again.
        if (valuesChanged)
            rebuild(i, state.values.at(i), nullptr);
        if (valuesChanged || inkChanged)
            redraw(i);
    }
    m_lastStep = {};
}

bool SceneEdit::reset()
{
    if (!isDirty())
        return false;
    State saved;
    for (const Variant &v : std::as_const(m_variants))
        saved.values << v.savedValues;
    saved.colorMode = m_savedColorMode;
    m_undo << snapshot();
    m_redo.clear();
    restore(saved);
    return true;
}

bool SceneEdit::undo()
{
    if (m_undo.isEmpty())
        return false;
    m_redo << snapshot();
    restore(m_undo.takeLast());
    return true;
}

bool SceneEdit::redo()
{
    if (m_redo.isEmpty())
        return false;
    m_undo << snapshot();
    restore(m_redo.takeLast());
    return true;
}

bool SceneEdit::isDirty(int variant) const
{
    return hasScene(variant) && m_variants.at(variant).values != m_variants.at(variant).savedValues;
}

bool SceneEdit::isDirty() const
{
    return colorModeChanged() || !dirtyVariants().isEmpty();
}

QList<int> SceneEdit::dirtyVariants() const
{
    QList<int> out;
    for (int i = 0; i < variantCount(); ++i) {
        if (isDirty(i))
            out << i;
    }
    return out;
}

void SceneEdit::markSaved(const QList<QJsonObject> &scenes, const QString &colorMode)
{
    m_savedColorMode = normalizedColorMode(colorMode);
    for (int i = 0; i < variantCount() && i < scenes.size(); ++i) {
        Variant &v = m_variants[i];
        const scene::SceneParseResult parsed = scene::SceneParser::fromJson(scenes.at(i));
        if (scenes.at(i).isEmpty() || !parsed.ok())
            continue;
        v.savedScene = scenes.at(i);
        v.savedValues = parsed.scene.values;
        if (v.values == v.savedValues)
            v.scene = parsed.scene;
    }
}

QJsonObject SceneEdit::toJson() const
{
    QJsonArray variants;
    for (const Variant &v : m_variants)
        variants.append(QJsonObject{{QStringLiteral("scene"), v.savedScene},
                                    {QStringLiteral("values"), QJsonObject::fromVariantMap(v.values)}});
    return {{QStringLiteral("seed"), m_seed},
            {QStringLiteral("colorMode"), m_colorMode},
            {QStringLiteral("savedColorMode"), m_savedColorMode},
            {QStringLiteral("variants"), variants}};
}

std::optional<SceneEdit> SceneEdit::fromJson(const QJsonObject &o)
{
    QList<QJsonObject> scenes;
    QList<QVariantMap> values;
    for (const QJsonValue &v : o.value(QStringLiteral("variants")).toArray()) {
        scenes << v.toObject().value(QStringLiteral("scene")).toObject();
        values << v.toObject().value(QStringLiteral("values")).toObject().toVariantMap();
    }
    const QString seed = o.value(QStringLiteral("seed")).toString();
    if (seed.isEmpty() || scenes.isEmpty())
        return std::nullopt;
    SceneEdit edit(seed, scenes, o.value(QStringLiteral("savedColorMode")).toString());
    // The edited values again, through the engine (a stored value it now refuses is dropped).
    for (int i = 0; i < edit.variantCount(); ++i) {
        if (!edit.editable(i))
            continue;
        QVariantMap wanted = edit.m_variants.at(i).values;
        for (const scene::ParameterSpec &p : edit.parameters(i)) {
            if (values.at(i).contains(p.name))
                wanted.insert(p.name, typed(p, values.at(i).value(p.name)));
        }
        if (edit.rebuild(i, wanted, nullptr))
            edit.redraw(i);
    }
    const QString ink = normalizedColorMode(o.value(QStringLiteral("colorMode")).toString());
    if (ink != edit.m_colorMode) {
        edit.m_colorMode = ink;
        for (int i = 0; i < edit.variantCount(); ++i)
            edit.redraw(i);
    }
    return edit;
}
