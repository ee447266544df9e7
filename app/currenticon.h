#pragma once

#include "clienticon.h"

#include <QDateTime>
#include <QObject>
#include <QQmlEngine>
#include <QStringList>
#include <QVariantMap>

class EditSession;

// The icon the stage shows and its selected variant, as shown: an unsaved edit of the editor (drawing
// or ink) wins over the stored one. Studio decides what is current; this holds it. QML: `Studio.current`.
class CurrentIcon : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.current")
    Q_PROPERTY(bool valid READ valid NOTIFY changed)
    Q_PROPERTY(QString id READ id NOTIFY changed)
    Q_PROPERTY(QString prompt READ prompt NOTIFY changed)
    Q_PROPERTY(QString intent READ intent NOTIFY changed)       // create | refine
    Q_PROPERTY(QString colorMode READ colorMode NOTIFY changed) // dark | light
    Q_PROPERTY(QString source READ source NOTIFY changed)       // generated | imported
    Q_PROPERTY(QDateTime createdAt READ createdAt NOTIFY changed)
    Q_PROPERTY(bool favorite READ favorite NOTIFY changed) // "Remove from Library" when true
    Q_PROPERTY(int variantCount READ variantCount NOTIFY changed)
    Q_PROPERTY(int variantIndex READ variantIndex WRITE setVariantIndex NOTIFY changed)
    Q_PROPERTY(QString variantLabel READ variantLabel NOTIFY changed) // "01 / 03"
    Q_PROPERTY(QString variantName READ variantName NOTIFY changed)
    Q_PROPERTY(QString svg READ svg NOTIFY changed)                     // selected variant, sanitised
    Q_PROPERTY(QStringList variantSvgs READ variantSvgs NOTIFY changed) // [] while loading
    // An icon opened from a list row shows its selected variant at once; the others (and the
    // interpretation) arrive a moment later from GET /api/icons/{id}. Stepping waits for them.
    Q_PROPERTY(bool variantsLoading READ variantsLoading NOTIFY changed)
    Q_PROPERTY(QStringList warnings READ warnings NOTIFY changed) // design-check warnings
    // What the generator understood of the icon's prompt: {summary, concepts, parameters,
    // ignoredWords, notes}; empty when it did not say (imports, Claude).
    Q_PROPERTY(QVariantMap interpretation READ interpretation NOTIFY changed)

public:
    explicit CurrentIcon(const EditSession *editor, QObject *parent = nullptr);

    const ClientIcon &icon() const { return m_icon; }
    void setIcon(const ClientIcon &icon); // always announces (a new drawing of the same icon too)

    bool valid() const { return m_icon.isValid(); }
    QString id() const { return m_icon.id; }
    QString prompt() const { return m_icon.prompt; }
    QString intent() const { return api::name(m_icon.intent); }
    QString colorMode() const; // as shown: the edited ink, else the icon's
    QString source() const { return api::name(m_icon.source); }
    QDateTime createdAt() const { return m_icon.createdAt; }
    bool favorite() const { return m_icon.favorite; }
    int variantCount() const { return int(m_icon.variants.size()); }
    int variantIndex() const { return m_icon.selectedVariant; }
    // Selects variant `i` (clamped) once all variants are here; variantChosen() tells Studio to keep it.
    void setVariantIndex(int i);
    QString variantLabel() const;
    QString variantName() const;
    QString svg() const; // as shown: the edited drawing, else the stored one
    QStringList variantSvgs() const;
    bool variantsLoading() const { return m_icon.isValid() && !m_icon.complete; }
    QStringList warnings() const;
    QVariantMap interpretation() const { return m_icon.interpretation.toVariantMap(); }

Q_SIGNALS:
    void changed();
    // The user picked another variant (already shown): history, library and the server should keep it.
    void variantChosen(int index);

private:
    const EditSession *m_editor;
    ClientIcon m_icon;
};
