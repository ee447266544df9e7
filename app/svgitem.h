#pragma once

#include <QQuickPaintedItem>
#include <QSvgRenderer>

// Paints an SVG string with QSvgRenderer at the item's real pixel size (device pixel ratio included),
// so the icon stays crisp at any zoom: change width/height for zoom, not `scale`.
// The SVG keeps its aspect ratio, centred. QML: `SvgItem { svg: Studio.current.svg }`.
class SvgItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString svg READ svg WRITE setSvg NOTIFY svgChanged)
    Q_PROPERTY(bool valid READ valid NOTIFY svgChanged) // false for "" or unparsable input

public:
    explicit SvgItem(QQuickItem *parent = nullptr);

    QString svg() const { return m_svg; }
    void setSvg(const QString &svg);
    bool valid() const { return m_renderer.isValid(); }

    void paint(QPainter *painter) override;

Q_SIGNALS:
    void svgChanged();

private:
    QString m_svg;
    QSvgRenderer m_renderer;
};
