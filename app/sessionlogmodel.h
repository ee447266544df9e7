#pragma once

#include "listmodel.h"
#include <QDateTime>
#include <QQmlEngine>

// The Session tab: the chat-style log of requests, results and errors with the original's wording
// ("Generated 3 variants: a, b, c", "Error: <message>"). Exposed as Studio.session.
class SessionLogModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Studio.session")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool thinking READ thinking NOTIFY thinkingChanged) // show the THINKING card

public:
    enum Role {
        RoleRole = Qt::UserRole + 1, // "user" | "assistant"
        LabelRole,                   // "USER" | "SYSTEM"
        TextRole,
        KindRole,      // "request" | "result" | "error" | "info"
        TimestampRole, // QDateTime
    };
    Q_ENUM(Role)

    explicit SessionLogModel(QObject *parent = nullptr);

    int count() const { return int(m_entries.size()); }
    bool thinking() const { return m_thinking; }
    void setThinking(bool thinking);

    void addRequest(const QString &prompt);
    void addResult(const QStringList &variantNames); // "Generated N variant(s): a, b"
    void addError(const QString &message);           // "Error: <message>"
    void addInfo(const QString &text);               // verbatim (e.g. the refine message)
    QString lastText() const { return m_entries.isEmpty() ? QString() : m_entries.last().text; }

    Q_INVOKABLE void clear();

    static QString resultText(const QStringList &variantNames);

Q_SIGNALS:
    void countChanged();
    void thinkingChanged();

protected:
    int size() const override { return int(m_entries.size()); }

private:
    struct Entry
    {
        QString role;
        QString kind;
        QString text;
        QDateTime timestamp;
    };
    void append(Entry e);
    QList<Entry> m_entries;
    bool m_thinking = false;
};
