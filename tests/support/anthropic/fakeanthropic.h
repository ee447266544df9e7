#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

class QTcpServer;
class QTcpSocket;

// A local stand-in for the Anthropic Messages API (POST /v1/messages) speaking the real wire format
// (security-policy AN-2…AN-9): the same request validation, the same 200 message and error bodies,
// `request-id` and `anthropic-ratelimit-*` headers on every answer. It listens on 127.0.0.1:<ephemeral>,
// answers requests that pass validation from a queue of scripted answers, and records every request.
// Lives on the thread that creates it (needs that thread's event loop).
class FakeAnthropic : public QObject
{
    Q_OBJECT
public:
    struct Answer
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers; // extra headers (retry-after, x-should-retry, …)
        QByteArray contentType = "application/json";
        QByteArray body;
        int delayMs = 0;           // wait before sending anything
        bool resetMidBody = false; // send the headers and half the body, then reset the connection
        QString label;             // for test diagnostics only

        Answer &withHeader(QByteArray name, QByteArray value);
        Answer &delayed(int ms);
    };

    struct RecordedRequest
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
        QJsonObject json() const;
        bool answeredFromScript = false;
    };

    explicit FakeAnthropic(QObject *parent = nullptr);
    ~FakeAnthropic() override;

    bool start();
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port> — what ANTHROPIC_BASE_URL is set to

    QString apiKey = QStringLiteral("sk-ant-test-0123456789abcdef"); // the only key it accepts

    void enqueue(const Answer &answer);
    void clear(); // drops queued answers and recorded requests
    int pendingAnswers() const { return int(m_queue.size()); }
    const QList<RecordedRequest> &requests() const { return m_requests; }
    int scriptedRequestCount() const;

    // --- Scripted answers ------------------------------------------------------------------------
    // 200 message with one text block; `text` is what the model wrote after the assistant prefill.
    static Answer message(const QString &text, const QString &stopReason = QStringLiteral("end_turn"));
    // 200 whose text continues the prefill `{"variants":[` with the given {name, svg} variants.
    static Answer variants(const QList<QPair<QString, QString>> &nameAndSvg);
    // 200 message whose content is one tool_use block {type, id: "toolu_01…", name, input}, stop_reason
    // "tool_use": what the API answers to a forced tool_choice. `preamble` adds a text block before it.
    static Answer toolUse(const QString &name, const QJsonObject &input, const QString &preamble = {});
    // A valid drawing scene Claude might send for "arch" (a guide base line, the curve, three grips),
    // and the draw_icon_scenes input {"variants":[{name, scene}…]} that carries scenes.
    static QJsonObject archScene();
    static QJsonObject sceneToolInput(const QList<QPair<QString, QJsonObject>> &nameAndScene);
    // 200 with an explicit content array (e.g. empty, or non-text blocks).
    static Answer messageWithContent(const QJsonArray &content, const QString &stopReason);
    // Error status with the real error body {"type":"error","error":{type,message},"request_id"}.
    static Answer error(int status, const QString &type, const QString &message);
    static Answer overloaded();                                      // 529 overloaded_error
    static Answer rateLimited(std::optional<int> retryAfterSeconds); // 429 rate_limit_error
    static Answer htmlTooLarge();    // 413 from the edge proxy, text/html body
    static Answer invalidJson();     // 200 whose body is not JSON
    static Answer connectionReset(); // 200 headers, then the connection is reset mid-body

    static QString errorTypeFor(int status);

Q_SIGNALS:
    void requestReceived(int index);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, RecordedRequest request);
    static QString toolProblem(const QJsonObject &body);
    void send(QTcpSocket *socket, const Answer &answer);
    QByteArray newRequestId();

    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Answer> m_queue;
    QList<RecordedRequest> m_requests;
    quint64 m_counter = 0;
};
