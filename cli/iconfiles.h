#pragma once

#include "export/iconexport.h"
#include "iconsource.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace cli {

// Where an icon's files go: a folder and the stem of their names.
struct IconOutput
{
    QString folder;
    QString base;           // "fillet_two_curves", "FilletEdge", or the stem of -o FILE
    bool exactName = false; // -o FILE: one file is called exactly that (no variant suffix)
    QString error;          // a usage error (-o names something that cannot be used)

    // -o as given for generate and export: empty → the current folder; an existing folder or a path
    // ending in a separator → that folder (created when missing); anything else a file name, its
    // extension dropped when it is the format's. `promptBase` names the files in a folder.
    static IconOutput resolve(const QString &output, const QString &promptBase, IconExport::Format format);
};

struct PlannedFile
{
    QString fileName; // relative to the folder
    int variant = 0;  // index into the drawn variants
    int size = 0;     // PNG size, 0 for other formats
};

// The files of `variants` (indices into an icon of `variantCount` variants):
// <base>[_variant_<i>][_<size>].<ext>, the variant suffix only when the icon has more than one
// (never with exactName), the size suffix only when more than one PNG size is asked for.
QList<PlannedFile> planFiles(const IconOutput &output, const QList<int> &variants, int variantCount,
                             IconExport::Format format, const QList<int> &sizes);

struct WriteResult
{
    QStringList paths; // written, in plan order
    QString error;     // the first failure; files before it are written, none after
    bool ok() const { return error.isEmpty(); }
};

// Creates the folder when missing, encodes each planned file and writes it atomically (a reader
// never sees half a file; an older file of that name stays until the new one is complete).
WriteResult writeFiles(const QString &folder, const QList<PlannedFile> &plan,
                       const QList<DrawnVariant> &variants, IconExport::Format format);

} // namespace cli
