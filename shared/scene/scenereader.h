#pragma once

// The strict reader behind SceneParser, shared by its two source files (elements and 3D objects).
// Internal to shared/scene: not part of the scene API.
#include "scene/scenenames.h"
#include "scene/sceneparser.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <span>

namespace scene::detail {

using Keys = std::initializer_list<const char *>;

class Reader
{
public:
    QList<SceneError> errors;
    int elementCount = 0;
    int pointCount = 0;

    bool full() const { return errors.size() >= SceneParser::maxErrors; }

    void fail(const QString &path, const QString &message)
    {
        if (!full())
            errors.append({path, message});
    }

    static QString at(const QString &path, const char *key)
    {
        return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
    }
    static QString item(const QString &path, qsizetype index)
    {
        return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
    }

    // Unknown keys are errors: a misspelt key would otherwise silently draw something else.
    void onlyKeys(const QJsonObject &o, const QString &path, Keys allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char *k : allowed)
                known = known || it.key() == QLatin1String(k);
            if (!known)
                fail(path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(),
                     QStringLiteral("unknown key"));
        }
    }

    double number(const QJsonObject &o, const QString &path, const char *key, double min, double max,
                  std::optional<double> fallback = std::nullopt)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (!fallback)
                fail(at(path, key), QStringLiteral("is required"));
            return fallback.value_or(min);
        }
        return numberValue(v, at(path, key), min, max);
    }

    double numberValue(const QJsonValue &v, const QString &path, double min, double max)
    {
        if (!v.isDouble()) {
            fail(path, QStringLiteral("must be a number"));
            return min;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d)) {
            fail(path, QStringLiteral("must be a finite number"));
            return min;
        }
        if (d < min || d > max) {
            fail(path, QStringLiteral("must be from %1 to %2").arg(min).arg(max));
            return std::clamp(d, min, max);
        }
        return d;
    }

    int integer(const QJsonObject &o, const QString &path, const char *key, int min, int max,
                std::optional<int> fallback = std::nullopt)
    {
        const double d = number(o, path, key, min, max, fallback);
        if (d != std::floor(d)) {
            fail(at(path, key), QStringLiteral("must be a whole number"));
            return int(std::floor(d));
        }
        return int(d);
    }

    bool boolean(const QJsonObject &o, const QString &path, const char *key, bool fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(at(path, key), QStringLiteral("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }

    QString string(const QJsonObject &o, const QString &path, const char *key, qsizetype maxLength,
                   bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                fail(at(path, key), QStringLiteral("is required"));
            return {};
        }
        if (!v.isString()) {
            fail(at(path, key), QStringLiteral("must be a string"));
            return {};
        }
        const QString s = v.toString();
        if (s.size() > maxLength) {
            fail(at(path, key), QStringLiteral("must be at most %1 characters").arg(maxLength));
            return s.left(maxLength);
        }
        return s;
    }

    template<typename E>
    E choice(const QJsonObject &o, const QString &path, const char *key, std::span<const EnumName<E>> options,
             std::optional<E> fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        QStringList names;
        for (const EnumName<E> &option : options)
            names << QStringLiteral("\"%1\"").arg(QLatin1String(option.name));
        if (v.isUndefined()) {
            if (!fallback)
                fail(at(path, key),
                     QStringLiteral("is required (one of %1)").arg(names.join(QStringLiteral(", "))));
            return fallback.value_or(options.front().value);
        }
        for (const EnumName<E> &option : options) {
            if (v.toString() == QLatin1String(option.name))
                return option.value;
        }
        fail(at(path, key), QStringLiteral("must be one of %1").arg(names.join(QStringLiteral(", "))));
        return fallback.value_or(options.front().value);
    }

    QPointF point(const QJsonValue &v, const QString &path)
    {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() != 2) {
            fail(path, QStringLiteral("must be a point [x, y]"));
            return {};
        }
        ++pointCount;
        return {numberValue(a.at(0), item(path, 0), -limits::maxCoordinate, limits::maxCoordinate),
                numberValue(a.at(1), item(path, 1), -limits::maxCoordinate, limits::maxCoordinate)};
    }

    QPointF point(const QJsonObject &o, const QString &path, const char *key,
                  std::optional<QPointF> fallback = std::nullopt)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (!fallback)
                fail(at(path, key), QStringLiteral("is required"));
            return fallback.value_or(QPointF());
        }
        return point(v, at(path, key));
    }

    Vec3 point3(const QJsonValue &v, const QString &path)
    {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() != 3) {
            fail(path, QStringLiteral("must be a point [x, y, z]"));
            return {};
        }
        ++pointCount;
        const double m = limits::maxCoordinate;
        return {numberValue(a.at(0), item(path, 0), -m, m), numberValue(a.at(1), item(path, 1), -m, m),
                numberValue(a.at(2), item(path, 2), -m, m)};
    }

    Vec3 point3(const QJsonObject &o, const QString &path, const char *key, std::optional<Vec3> fallback)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (!fallback)
                fail(at(path, key), QStringLiteral("is required"));
            return fallback.value_or(Vec3());
        }
        return point3(v, at(path, key));
    }

    QList<QPointF> points(const QJsonObject &o, const QString &path, const char *key, int min, int max)
    {
        const QString p = at(path, key);
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isArray()) {
            fail(p, v.isUndefined() ? QStringLiteral("is required")
                                    : QStringLiteral("must be a list of points"));
            return {};
        }
        const QJsonArray a = v.toArray();
        if (a.size() < min || a.size() > max) {
            fail(p, QStringLiteral("must hold %1 to %2 points").arg(min).arg(max));
            return {};
        }
        if (pointCount + a.size() > limits::maxTotalPoints) {
            fail(p, QStringLiteral("the scene holds more than %1 points").arg(limits::maxTotalPoints));
            return {};
        }
        QList<QPointF> out;
        out.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            out << point(a.at(i), item(p, i));
        return out;
    }

    QRectF rect(const QJsonValue &v, const QString &path)
    {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() != 4) {
            fail(path, QStringLiteral("must be a rectangle [x0, y0, x1, y1]"));
            return {4, 4, 24, 24};
        }
        double c[4];
        for (int i = 0; i < 4; ++i)
            c[i] = numberValue(a.at(i), item(path, i), 0, 32);
        if (c[2] - c[0] < 1 || c[3] - c[1] < 1) {
            fail(path, QStringLiteral("must have x1 > x0 and y1 > y0 (at least 1 unit)"));
            return {4, 4, 24, 24};
        }
        return QRectF(QPointF(c[0], c[1]), QPointF(c[2], c[3]));
    }

    IconLayer strokeLayer(const QJsonObject &o, const QString &path, std::optional<IconLayer> fallback)
    {
        return choice<IconLayer>(o, path, "layer", strokeLayerNames, fallback);
    }

    ArrowHeads heads(const QJsonObject &o, const QString &path)
    {
        return choice<ArrowHeads>(o, path, "heads", arrowHeadsNames, ArrowHeads::End);
    }

    QList<SceneElement> elements(const QJsonValue &v, const QString &path, int depth);
    SceneElement element(const QJsonObject &o, const QString &path, int depth);
    Transform2d transform(const QJsonValue &v, const QString &path);
    Object3d object(const QJsonObject &o, const QString &path);
    void heightGrid(const QJsonObject &o, const QString &path, Object3d &out);
};

inline constexpr double kMax = limits::maxCoordinate;

} // namespace scene::detail
