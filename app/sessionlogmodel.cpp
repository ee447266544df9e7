#include "sessionlogmodel.h"

SessionLogModel::SessionLogModel(QObject *parent)
    : ListModel(parent)
{
    setRoles(
        {
            {RoleRole, "role", field(m_entries, [](const Entry &e) { return e.role; })},
            {LabelRole, "label",
             field(m_entries,
                   [](const Entry &e) {
                       return e.role == QLatin1String("user") ? QStringLiteral("USER")
                                                              : QStringLiteral("SYSTEM");
                   })},
            {TextRole, "text", field(m_entries, [](const Entry &e) { return e.text; })},
            {KindRole, "kind", field(m_entries, [](const Entry &e) { return e.kind; })},
            {TimestampRole, "timestamp", field(m_entries, [](const Entry &e) { return e.timestamp; })},
        },
        TextRole);
}

void SessionLogModel::setThinking(bool thinking)
{
    if (m_thinking == thinking)
        return;
    m_thinking = thinking;
    Q_EMIT thinkingChanged();
}

void SessionLogModel::addRequest(const QString &prompt)
{
    append({QStringLiteral("user"), QStringLiteral("request"), prompt, QDateTime::currentDateTime()});
}

QString SessionLogModel::resultText(const QStringList &variantNames)
{
    // The original: `Generated ${n} variant${n === 1 ? '' : 's'}: ${names.join(', ')}`
    const qsizetype n = variantNames.size();
    return QStringLiteral("Generated %1 variant%2: %3")
        .arg(n)
        .arg(n == 1 ? QString() : QStringLiteral("s"), variantNames.join(QStringLiteral(", ")));
}

void SessionLogModel::addResult(const QStringList &variantNames)
{
    append({QStringLiteral("assistant"), QStringLiteral("result"), resultText(variantNames),
            QDateTime::currentDateTime()});
}

void SessionLogModel::addError(const QString &message)
{
    append({QStringLiteral("assistant"), QStringLiteral("error"), QStringLiteral("Error: ") + message,
            QDateTime::currentDateTime()});
}

void SessionLogModel::addInfo(const QString &text)
{
    append({QStringLiteral("assistant"), QStringLiteral("info"), text, QDateTime::currentDateTime()});
}

void SessionLogModel::clear()
{
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
    Q_EMIT countChanged();
}

void SessionLogModel::append(Entry e)
{
    beginInsertRows({}, int(m_entries.size()), int(m_entries.size()));
    m_entries.append(std::move(e));
    endInsertRows();
    Q_EMIT countChanged();
}
