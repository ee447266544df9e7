#include "currenticon.h"

#include "apiclient.h"
#include "editsession.h"

CurrentIcon::CurrentIcon(const EditSession *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
{}

void CurrentIcon::setIcon(const ClientIcon &icon)
{
    m_icon = icon;
    Q_EMIT changed();
}

void CurrentIcon::setVariantIndex(int i)
{
    // While the other variants load only the selected one has an SVG; stepping would blank the stage.
    if (m_icon.variants.isEmpty() || !m_icon.complete)
        return;
    i = qBound(0, i, int(m_icon.variants.size()) - 1);
    if (i == m_icon.selectedVariant)
        return;
    m_icon.selectedVariant = i;
    Q_EMIT changed();
    Q_EMIT variantChosen(i);
}

QString CurrentIcon::variantLabel() const
{
    if (m_icon.variants.isEmpty())
        return {};
    return QStringLiteral("%1 / %2")
        .arg(m_icon.selectedVariant + 1, 2, 10, QLatin1Char('0'))
        .arg(m_icon.variants.size(), 2, 10, QLatin1Char('0'));
}

QString CurrentIcon::variantName() const
{
    if (m_icon.variants.isEmpty())
        return {};
    return m_icon.variants.at(m_icon.selectedVariant).name;
}

QStringList CurrentIcon::variantSvgs() const
{
    if (!m_icon.complete)
        return {}; // still loading the other variants (a moment after the icon was opened)
    QStringList out;
    for (qsizetype i = 0; i < m_icon.variants.size(); ++i) {
        const QString edited = m_editor->editedSvg(m_icon.id, int(i));
        out << (edited.isEmpty() ? m_icon.variants.at(i).svg : edited);
    }
    return out;
}

QString CurrentIcon::svg() const
{
    const QString edited = m_editor->editedSvg(m_icon.id, m_icon.selectedVariant);
    return edited.isEmpty() ? m_icon.selectedSvg() : edited;
}

QString CurrentIcon::colorMode() const
{
    const QString edited = m_editor->editedColorMode(m_icon.id);
    return edited.isEmpty() ? api::name(m_icon.colorMode) : edited;
}

QStringList CurrentIcon::warnings() const
{
    if (m_icon.variants.isEmpty())
        return {};
    return m_icon.variants.at(m_icon.selectedVariant).warnings;
}
