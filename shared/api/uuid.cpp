#include "api/uuid.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

#include <array>

namespace api {

QString newUuid()
{
    std::array<quint8, 16> b{};
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        b[size_t(i)] = quint8(ms >> (8 * (5 - i)));
    quint32 random[3];
    QRandomGenerator::system()->fillRange(random);
    for (int i = 0; i < 10; ++i)
        b[size_t(6 + i)] = quint8(random[i / 4] >> (8 * (i % 4)));
    b[6] = quint8(0x70 | (b[6] & 0x0f)); // version 7
    b[8] = quint8(0x80 | (b[8] & 0x3f)); // RFC 9562 variant
    const QByteArray raw(reinterpret_cast<const char *>(b.data()), int(b.size()));
    return QUuid::fromRfc4122(raw).toString(QUuid::WithoutBraces);
}

std::optional<QString> canonicalUuid(QStringView text)
{
    if (text.size() != 36)
        return std::nullopt;
    for (int i = 0; i < 36; ++i) {
        const QChar c = text.at(i);
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != u'-' : !(c.isDigit() || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return std::nullopt;
        if (!dash && c.unicode() > 0x7f)
            return std::nullopt;
    }
    return text.toString().toLower();
}

} // namespace api
