#include "graphicsbackend.h"

#include <QDir>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QSGRendererInterface>

#if QT_CONFIG(opengl)
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#endif

namespace graphicsbackend {

bool isSoftwareRasteriser(const QString &glRenderer)
{
    const QString r = glRenderer.toLower();
    for (const char *name : {"llvmpipe", "softpipe", "swrast", "software rasterizer"})
        if (r.contains(QLatin1String(name)))
            return true;
    return false;
}

namespace {
// Without a DRM render node Mesa has no GPU to drive and can only rasterise on the CPU; knowing that
// without a probe keeps libLLVM (26 MB PSS once touched) out of the process altogether.
bool hasGpuRenderNode()
{
#if defined(Q_OS_LINUX)
    return !QDir(QStringLiteral("/dev/dri"))
                .entryList({QStringLiteral("renderD*")}, QDir::System | QDir::Files)
                .isEmpty();
#else
    return true;
#endif
}

// The OpenGL renderer's name from a throwaway context; empty when there is no OpenGL.
QString openGlRenderer()
{
#if QT_CONFIG(opengl)
    QOpenGLContext context;
    if (!context.create())
        return {};
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!context.makeCurrent(&surface))
        return {};
    const auto *name = reinterpret_cast<const char *>(context.functions()->glGetString(GL_RENDERER));
    const QString renderer = name ? QString::fromLatin1(name) : QString();
    context.doneCurrent();
    return renderer;
#else
    return {};
#endif
}
} // namespace

QString chooseForThisMachine()
{
    if (!qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND") || !qEnvironmentVariableIsEmpty("QSG_RHI_BACKEND"))
        return QStringLiteral("as set in the environment");
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
        return QStringLiteral("default (%1 platform)").arg(platform);
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    return QStringLiteral("default"); // Direct3D and Metal: no OpenGL probe
#else
    if (!hasGpuRenderNode()) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software (no GPU render node)");
    }
    const QString renderer = openGlRenderer();
    if (renderer.isEmpty() || isSoftwareRasteriser(renderer)) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software (OpenGL: %1)")
            .arg(renderer.isEmpty() ? QStringLiteral("none") : renderer);
    }
    return QStringLiteral("OpenGL on %1").arg(renderer);
#endif
}

} // namespace graphicsbackend
