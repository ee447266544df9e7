#pragma once

#include "listmodel.h"

#include <QList>
#include <QQmlEngine>

// The formats the Export dialog offers, in the order it lists them: the one table of what a format is
// called, what it holds, its file extension and its pixel sizes. QML: `ExportFormats` singleton (a
// list model; roles below), plus look-ups by format name for the dialog's save step.
class ExportFormatModel : public ListModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ExportFormats)
    QML_SINGLETON
    Q_PROPERTY(QList<int> pngSizes READ pngSizes CONSTANT) // the sizes a PNG export offers

public:
    enum Role {
        FormatRole = Qt::UserRole + 1, // "svg" | "png" | "zip" | "ico" | "icns"
        LabelRole,                     // "PNG", "ICO (Windows icon)"
        DetailRole,                    // one line under the label
        ExtensionRole,                 // file extension without the dot
        SizesRole,       // pixel sizes: PNG's choices, the entries of ICO and ICNS; [] for vectors
        AllVariantsRole, // true: exports every variant of the icon (needs them loaded)
    };
    Q_ENUM(Role)

    explicit ExportFormatModel(QObject *parent = nullptr);

    QList<int> pngSizes() const;
    // The file extension of `format`; "svg" for a name the table does not know.
    Q_INVOKABLE QString extension(const QString &format) const;
    Q_INVOKABLE bool exportsAllVariants(const QString &format) const;
    Q_INVOKABLE QStringList formatNames() const;

protected:
    int size() const override { return int(m_formats.size()); }

private:
    struct Format
    {
        QString name;
        QString label;
        QString detail;
        QString extension;
        QList<int> sizes;
        bool allVariants = false;
    };
    const Format *find(const QString &name) const;

    QList<Format> m_formats;
};
