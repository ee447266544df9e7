#include "composer.h"

#include "appsettings.h"
#include "clienticon.h"

#include <QJsonObject>
#include <QUuid>

Composer::Composer(AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_mode(settings->defaultMode())
    , m_colorMode(settings->defaultStyle())
{
    setOutput(settings->defaultOutput());
}

void Composer::setPrompt(const QString &p)
{
    if (m_prompt == p)
        return;
    m_prompt = p;
    Q_EMIT promptChanged();
}

void Composer::setMode(const QString &m)
{
    const QString v = api::normalized(m, api::Intent::Create);
    if (m_mode == v)
        return;
    m_mode = v;
    Q_EMIT modeChanged();
}

void Composer::setOutput(const QString &o)
{
    if (api::parse<api::Output>(o) == api::Output::Batch)
        setVariantsRequested(m_variantsRequested > 1
                                 ? m_variantsRequested
                                 : (m_lastBatchSize > 1 ? m_lastBatchSize : m_maxVariants));
    else
        setVariantsRequested(1);
}

void Composer::setVariantsRequested(int n)
{
    n = qBound(1, n, m_maxVariants);
    if (n > 1)
        m_lastBatchSize = n;
    if (m_variantsRequested == n)
        return;
    m_variantsRequested = n;
    Q_EMIT outputChanged();
}

void Composer::setMaxVariants(int maximum)
{
    if (maximum < 1 || maximum == m_maxVariants)
        return;
    m_maxVariants = qMin(maximum, 10);
    Q_EMIT maxVariantsChanged();
    setVariantsRequested(m_variantsRequested);
}

void Composer::setColorMode(const QString &c)
{
    const QString v = api::normalized(c, ColorMode::Dark);
    if (m_colorMode == v)
        return;
    m_colorMode = v;
    Q_EMIT colorModeChanged();
}

QVariantList Composer::attachments() const
{
    QVariantList out;
    for (const Attachment &a : m_attachments)
        out << QVariantMap{{QStringLiteral("id"), a.id},
                           {QStringLiteral("name"), a.name},
                           {QStringLiteral("svg"), a.svg},
                           {QStringLiteral("url"), svgDataUrl(a.svg)}};
    return out;
}

QJsonArray Composer::attachmentsJson() const
{
    QJsonArray out;
    for (const Attachment &a : m_attachments)
        out.append(QJsonObject{{QStringLiteral("name"), a.name}, {QStringLiteral("svg"), a.svg}});
    return out;
}

QString Composer::placeholder() const
{
    return refining() ? QStringLiteral("Refinement instructions...")
                      : QStringLiteral("Describe a geometric task...");
}

void Composer::addAttachment(const QString &name, const QString &svg)
{
    if (svg.isEmpty())
        return;
    if (m_attachments.size() >= maxAttachments()) {
        Q_EMIT notify(tr("At most %1 style references per request.").arg(maxAttachments()));
        return;
    }
    m_attachments.append(
        {QUuid::createUuid().toString(QUuid::WithoutBraces), name.isEmpty() ? tr("Reference") : name, svg});
    Q_EMIT attachmentsChanged();
}

void Composer::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    Q_EMIT attachmentsChanged();
}

void Composer::clearAttachments()
{
    if (m_attachments.isEmpty())
        return;
    m_attachments.clear();
    Q_EMIT attachmentsChanged();
}
