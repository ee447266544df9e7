#pragma once

#include <QString>
#include <QtGlobal>

// Bounds on what the sanitiser will even look at (security-policy SV-1, SV-8).
struct SvgSanitizeLimits
{
    qint64 maxBytes = 256 * 1024;      // UTF-8 size of the whole input
    int maxDepth = 32;                 // element nesting
    int maxElements = 2000;            // every element, kept or dropped
    int maxAttributeBytes = 32 * 1024; // one attribute value
    int maxAttributesPerElement = 256; // QXmlStreamReader's duplicate check is quadratic in this
};

struct SvgSanitizeResult
{
    bool ok = false;
    QString svg;   // the sanitised document (when ok)
    QString error; // a clear sentence for users (when !ok)
};

// Allow-list SVG sanitiser for everything that enters the system (generated, refined, attachments, imports).
//
// The input is parsed with QXmlStreamReader and rejected when it has a DTD, an entity other than the
// predefined ones, a processing instruction, a non-UTF-8 encoding declaration, malformed XML, a root that is
// not <svg> in the SVG namespace (a root <svg> without xmlns is accepted and gets the namespace), an element
// from a foreign namespace (editor metadata from Inkscape/Sodipodi/Illustrator/RDF is dropped instead) or
// exceeds the limits. Everything kept is re-serialised from the parsed model with QXmlStreamWriter:
//  - elements: svg g defs title desc path rect circle ellipse line polyline polygon linearGradient
//    radialGradient stop. Anything else is dropped with its subtree. Deliberately left out although the
//    policy would allow them: text/tspan (the design system has none and font rendering differs between
//    server and client), clipPath/mask (QtSvg 6.4 ignores them, so the icon would look different in the app
//    and a browser), symbol (only reachable through <use>, which is never allowed);
//  - attributes: a per-element allow-list whose values must match their grammar (numbers, lengths, colours,
//    transforms, path data, points); on*, href (except a gradient's local #id), class, xml:*, and every
//    namespaced attribute are dropped;
//  - style="" and simple ".class{…}" rules from <style> are folded into validated presentation attributes,
//    so the output carries no CSS at all;
//  - url(#id) survives only for fill/stroke pointing at a gradient of the same document;
//  - ids get the suffix "_" + 8 hex (deriveScope), references are rewritten; an existing "_xxxxxxxx" suffix
//  is
//    replaced rather than stacked, so sanitize(sanitize(x).svg) == sanitize(x).svg.
class SvgSanitizer
{
public:
    // scopeSeed: ids get an 8-hex suffix derived from the seed with the original's 31-hash (deriveScope);
    // an empty seed derives the suffix from the content, so the result is deterministic and idempotent.
    static SvgSanitizeResult sanitize(const QString &input, const QString &scopeSeed = {},
                                      const SvgSanitizeLimits &limits = {});

    // The original's scope: h = (h * 31 + codepoint) mod 16^8 over the code points, lowercase hex,
    // left-padded to 8.
    static QString deriveScope(const QString &seed);
};
