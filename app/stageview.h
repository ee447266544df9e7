#pragma once

#include <QObject>
#include <QQmlEngine>

class AppSettings;

// How the stage shows the current icon: the zoom (not kept between runs) and the grid and bounds
// overlays (kept in the settings). QML: `Studio.view`.
class StageView : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.view")
    Q_PROPERTY(double zoom READ zoom WRITE setZoom NOTIFY zoomChanged) // 0.1 … 10
    Q_PROPERTY(double minZoom READ minZoom CONSTANT)
    Q_PROPERTY(double maxZoom READ maxZoom CONSTANT)
    Q_PROPERTY(bool showGrid READ showGrid WRITE setShowGrid NOTIFY showGridChanged)         // 32 divisions
    Q_PROPERTY(bool showBounds READ showBounds WRITE setShowBounds NOTIFY showBoundsChanged) // 6.25 % inset

public:
    explicit StageView(AppSettings *settings, QObject *parent = nullptr);

    double zoom() const { return m_zoom; }
    void setZoom(double z);
    double minZoom() const { return 0.1; }
    double maxZoom() const { return 10.0; }
    bool showGrid() const;
    void setShowGrid(bool v);
    bool showBounds() const;
    void setShowBounds(bool v);

    Q_INVOKABLE void zoomIn();    // ×1.25
    Q_INVOKABLE void zoomOut();   // ÷1.25
    Q_INVOKABLE void resetZoom(); // 1

Q_SIGNALS:
    void zoomChanged();
    void showGridChanged();
    void showBoundsChanged();

private:
    AppSettings *m_settings;
    double m_zoom = 1.0;
};
