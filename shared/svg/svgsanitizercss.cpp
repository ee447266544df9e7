#include "svg/svgsanitizercss.h"

#include "svg/svgsyntax.h"

namespace SvgSanitizing {

namespace {

QString stripCssComments(QStringView css)
{
    QString out;
    out.reserve(css.size());
    qsizetype pos = 0;
    while (pos < css.size()) {
        const qsizetype open = css.indexOf(QLatin1StringView("/*"), pos);
        if (open < 0) {
            out += css.mid(pos);
            break;
        }
        out += css.mid(pos, open - pos);
        const qsizetype close = css.indexOf(QLatin1StringView("*/"), open + 2);
        if (close < 0)
            break; // an unterminated comment swallows the rest
        out += u' ';
        pos = close + 2;
    }
    return out;
}

} // namespace

Declarations parseDeclarations(QStringView css)
{
    Declarations result;
    const QString text = stripCssComments(css);
    for (QStringView decl : QStringView(text).split(u';')) {
        const qsizetype colon = decl.indexOf(u':');
        if (colon <= 0)
            continue;
        const QString name = decl.first(colon).trimmed().toString().toLower();
        QStringView value = decl.mid(colon + 1).trimmed();
        if (value.endsWith(QLatin1StringView("!important"), Qt::CaseInsensitive))
            value = value.chopped(10).trimmed();
        result.append({name, value.toString()});
    }
    return result;
}

QList<ClassRule> parseStyleSheet(QStringView css)
{
    QList<ClassRule> rules;
    const QString text = stripCssComments(css);
    if (text.contains(u'@') || text.contains(u'\\'))
        return rules;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u'{', pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(u'}', open + 1);
        if (close < 0)
            break;
        const QStringView body = QStringView(text).mid(open + 1, close - open - 1);
        if (body.contains(u'{'))
            break;
        const Declarations declarations = parseDeclarations(body);
        for (QStringView selector : QStringView(text).mid(pos, open - pos).split(u',')) {
            selector = selector.trimmed();
            if (selector.size() > 1 && selector.front() == u'.' && SvgSyntax::isValidId(selector.mid(1)))
                rules.append({selector.mid(1).toString(), declarations});
        }
        pos = close + 1;
    }
    return rules;
}

} // namespace SvgSanitizing
