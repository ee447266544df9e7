#include "svgitem.h"

#include <QPainter>

SvgItem::SvgItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    setMipmap(false);
    // Repaint at the new pixel size whenever the item is resized (zoom), so nothing is scaled as a bitmap.
    connect(this, &QQuickItem::widthChanged, this, [this] { update(); });
    connect(this, &QQuickItem::heightChanged, this, [this] { update(); });
}

void SvgItem::setSvg(const QString &svg)
{
    if (m_svg == svg)
        return;
    m_svg = svg;
    if (svg.isEmpty())
        m_renderer.load(QByteArray());
    else
        m_renderer.load(svg.toUtf8());
    m_renderer.setAspectRatioMode(Qt::KeepAspectRatio);
    const QSizeF def = m_renderer.isValid() ? QSizeF(m_renderer.defaultSize()) : QSizeF();
    setImplicitSize(def.width(), def.height());
    update();
    Q_EMIT svgChanged();
}

void SvgItem::paint(QPainter *painter)
{
    if (!m_renderer.isValid())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    m_renderer.render(painter, QRectF(0, 0, width(), height()));
}
