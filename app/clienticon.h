#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

// One icon as the API returns it (GET/POST /api/icons): a prompt with 1–3 variants. A list page
// (?view=thumbnail) carries only the selected variant: such an icon is not `complete`, its other
// variants are placeholders (empty svg) until GET /api/icons/{id} fills them in.
struct ClientIconVariant
{
    QString id;
    QString name;
    QString svg;
    QStringList warnings; // design-check findings
    // The scene the SVG was drawn from (built-in engine; GET /api/icons/:id and edits carry it, history
    // pages do not); empty for plain SVG or when not loaded.
    QJsonObject scene;
    QVariantMap toVariantMap() const;
};

struct ClientIcon
{
    QString id;
    QString prompt;
    QString intent = QStringLiteral("create");    // create | refine
    QString colorMode = QStringLiteral("dark");   // dark | light
    QString source = QStringLiteral("generated"); // generated | imported
    bool favorite = false;
    int selectedVariant = 0;
    QDateTime createdAt;
    QList<ClientIconVariant> variants; // all of them: variants.size() is the variant count
    // What the built-in generator understood ({summary, concepts, parameters, ignoredWords[, notes]});
    // empty for imports and for icons from Claude.
    QJsonObject interpretation;
    bool complete = true; // every variant's SVG and the interpretation are known

    bool isValid() const { return !id.isEmpty(); }
    QString svg(int variant) const; // clamped; "" when there is none
    QString selectedSvg() const { return svg(selectedVariant); }
    QString output() const
    {
        return variants.size() > 1 ? QStringLiteral("batch") : QStringLiteral("single");
    }

    static ClientIcon fromJson(const QJsonObject &o); // the full shape or the thumbnail shape
    QJsonObject toJson() const; // the same shape (thumbnail when not complete), for the disk cache
    QVariantMap toVariantMap() const;
};

// "data:image/svg+xml;base64,…" for Image.source / drag previews.
QString svgDataUrl(const QString &svg);
