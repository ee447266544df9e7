#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QQmlEngine>
#include <QUrl>
#include <QVariantMap>

class QSettings;

// Export and clipboard. QML: `Exporter` singleton. File names follow the original
// (iconFileName: sanitizeFilename(prompt), `_variant_<n>` when the icon has more than one variant).
// The bytes come from the shared encoders (shared/export/iconexport.h), which the command-line tool
// uses too. Every save* returns false and sets lastError on failure.
class Exporter : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QList<int> pngSizes READ pngSizes CONSTANT) // 16 24 32 48 64 128 256 512 1024
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QUrl downloadsFolder READ downloadsFolder CONSTANT) // where Download puts files
    // Where the save dialog opens: the folder of the last export if it still exists, else Pictures,
    // Documents or home (never a folder that does not exist).
    Q_PROPERTY(QUrl startFolder READ startFolder NOTIFY startFolderChanged)
    // true where the platform has its own save dialog (Windows, macOS, a desktop portal or GTK/KDE
    // theme); otherwise the app's SaveDialog is used.
    Q_PROPERTY(bool nativeSaveDialog READ nativeSaveDialog CONSTANT)

public:
    explicit Exporter(QObject *parent); // no default: QML must get the C++ instance through create()
    static Exporter *create(QQmlEngine *, QJSEngine *);

    QList<int> pngSizes() const;
    QString lastError() const { return m_lastError; }
    QUrl downloadsFolder() const;
    QUrl startFolder() const;
    bool nativeSaveDialog() const;
    void setSettings(QSettings *settings) { m_settings = settings; } // remembers the last folder

    // What the save dialog's Save means: `name` relative to `folder`, or an absolute path typed into
    // the name field ("/tmp/x.svg", "~/icons/x"), with `extension` added when missing.
    // {ok, path, url, folder, fileName, exists, error}; `exists` → ask before replacing.
    Q_INVOKABLE QVariantMap resolveSaveTarget(const QString &folder, const QString &name,
                                              const QString &extension) const;
    Q_INVOKABLE QString displayPath(const QString &folderOrFile) const; // "~/Pictures"
    Q_INVOKABLE void rememberFolder(const QUrl &file);
    // Download: the selected SVG into downloadsFolder (created when missing) under a name no other
    // file has ("fillet.svg", "fillet (2).svg"); returns the file or an empty URL with lastError.
    Q_INVOKABLE QUrl download(const QString &svg, const QString &prompt, int variantIndex, int variantCount);

    // "<sanitized prompt>[_variant_<n>].<ext>"; variantIndex is 0-based; prompt "" → "icon".
    Q_INVOKABLE QString fileName(const QString &prompt, int variantIndex, int variantCount,
                                 const QString &extension) const;
    // The same inside downloadsFolder, as a file URL (FileDialog.currentFile / selectedFile).
    Q_INVOKABLE QUrl suggestedFile(const QString &prompt, int variantIndex, int variantCount,
                                   const QString &extension) const;

    Q_INVOKABLE bool saveSvg(const QString &svg, const QUrl &file);
    Q_INVOKABLE bool savePng(const QString &svg, int size, const QUrl &file);
    // Every PNG size into `folder` as <base>_<size>.png.
    Q_INVOKABLE bool savePngSet(const QString &svg, const QUrl &folder, const QString &baseName);
    // ZIP of <base>_variant_<i>.svg (or <base>.svg for a single variant).
    Q_INVOKABLE bool saveZip(const QStringList &svgs, const QString &prompt, const QUrl &file);
    Q_INVOKABLE bool saveIco(const QString &svg, const QUrl &file);  // 16–256, PNG entries
    Q_INVOKABLE bool saveIcns(const QString &svg, const QUrl &file); // 16–1024, ic04…ic10

    Q_INVOKABLE void copySvg(const QString &svg);
    Q_INVOKABLE void copyPng(const QString &svg, int size = 512);
    // Writes the SVG to a temporary file named after the prompt and returns its URL (Drag.mimeData
    // "text/uri-list"). Files live in a per-run temp dir removed at exit.
    Q_INVOKABLE QUrl dragFile(const QString &svg, const QString &prompt, int variantIndex = 0,
                              int variantCount = 1);

Q_SIGNALS:
    void lastErrorChanged();
    void startFolderChanged();
    // For a toast: "Saved fillet.svg to ~/Pictures".
    void exported(const QUrl &file, const QString &message);

private:
    bool fail(const QString &message);
    bool writeFile(const QUrl &file, const QByteArray &data);
    QString m_lastError;
    QSettings *m_settings = nullptr;
};
