#pragma once

#include "svg/svgsanitizerrules.h"

#include <QList>
#include <QString>

#include <utility>

// The sanitiser's model of a document: the elements it keeps, as the parse finds them and as the writer
// (svgsanitizerwriter.h) writes them once their ids, attributes and gradient links are resolved.
namespace SvgSanitizing {

struct OutAttribute
{
    QLatin1StringView name; // an AttributeRule's name: static text
    QString value;
    QString refTarget; // base id of a url(#…) paint; the value is rebuilt with the scoped id on output
    QString fallback;  // paint fallback after url(#…)
};

struct Node
{
    Kind kind = Kind::G;
    int parent = -1;
    bool inDefs = false;
    QList<int> children;
    // Attributes on this element's allow-list, values still to be validated. Looked up while parsing,
    // so nothing is copied of the many attributes that are dropped (editor metadata, events, …).
    QList<std::pair<AttributeRule, QString>> attributes;
    QString id;
    QString classes;
    QString style;
    QString href;
    QString text;
    // Resolved: the id without its scope, the gradient this one inherits from, the attributes to write.
    QString baseId;
    int hrefTarget = -1;
    QList<OutAttribute> out;
};

// The kept elements in document order; the root <svg> is the first.
struct Document
{
    QList<Node> nodes;
    bool usesXlink = false; // a gradient links another one, so the root declares xmlns:xlink
};

} // namespace SvgSanitizing
