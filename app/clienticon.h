#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

// One icon as the API returns it (GET/POST /api/icons): a prompt with 1–3 variants.
struct ClientIconVariant
{
    QString id;
    QString name;
    QString svg;
    QStringList warnings; // design-check findings
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
    QList<ClientIconVariant> variants;
    // What the built-in generator understood ({summary, concepts, parameters, ignoredWords[, notes]});
    // empty for imports and for icons from Claude.
    QJsonObject interpretation;

    bool isValid() const { return !id.isEmpty(); }
    QString svg(int variant) const; // clamped; "" when there is none
    QString selectedSvg() const { return svg(selectedVariant); }
    QString output() const
    {
        return variants.size() > 1 ? QStringLiteral("batch") : QStringLiteral("single");
    }

    static ClientIcon fromJson(const QJsonObject &o);
    QJsonObject toJson() const; // the same shape, for the disk cache
    QVariantMap toVariantMap() const;
};

// "data:image/svg+xml;base64,…" for Image.source / drag previews.
QString svgDataUrl(const QString &svg);
