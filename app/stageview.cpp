#include "stageview.h"

#include "appsettings.h"

StageView::StageView(AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    connect(m_settings, &AppSettings::showGridChanged, this, &StageView::showGridChanged);
    connect(m_settings, &AppSettings::showBoundsChanged, this, &StageView::showBoundsChanged);
}

void StageView::setZoom(double z)
{
    z = qBound(minZoom(), z, maxZoom());
    if (qFuzzyCompare(z, m_zoom))
        return;
    m_zoom = z;
    Q_EMIT zoomChanged();
}

void StageView::zoomIn()
{
    setZoom(m_zoom * 1.25);
}

void StageView::zoomOut()
{
    setZoom(m_zoom / 1.25);
}

void StageView::resetZoom()
{
    setZoom(1.0);
}

bool StageView::showGrid() const
{
    return m_settings->showGrid();
}

void StageView::setShowGrid(bool v)
{
    m_settings->setShowGrid(v);
}

bool StageView::showBounds() const
{
    return m_settings->showBounds();
}

void StageView::setShowBounds(bool v)
{
    m_settings->setShowBounds(v);
}
