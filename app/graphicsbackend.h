#pragma once

#include <QString>

// The studio's scene-graph backend. On machines whose only OpenGL is a CPU rasteriser (Mesa's
// llvmpipe or softpipe: virtual machines, remote X, containers), Qt Quick's OpenGL renderer maps
// libLLVM and the driver's buffers for nothing: measured with 300 icons in history under Xvfb it
// held 160 MB PSS and took 700 ms to the first frame, against 75 MB and 370 ms with the software
// renderer (bench/studio/memory.sh). A real GPU keeps the default renderer.
namespace graphicsbackend {

// True for renderer strings of CPU rasterisers ("llvmpipe (LLVM 15.0.6, 256 bits)", "softpipe", …).
bool isSoftwareRasteriser(const QString &glRenderer);

// Call after the QGuiApplication exists and before the first window. Does nothing when the user chose
// a backend (QT_QUICK_BACKEND, QSG_RHI_BACKEND) or the platform has no windows to render (offscreen).
// Returns what it decided, for the log.
QString chooseForThisMachine();

} // namespace graphicsbackend
