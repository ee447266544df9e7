#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QTcpSocket>

#include <memory>
#include <utility>

// One raw TCP connection for framing tests: writes exact bytes (in as many writes as asked), reads
// every answer and notices when the server closes. Every wait spins the event loop, so the server
// under test may run in the same thread.
class RawConnection
{
public:
    struct Answer
    {
        int status = 0;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;

        QByteArray header(QByteArrayView name) const;
        QJsonObject json() const;
        bool closes() const; // Connection: close
    };

    explicit RawConnection(quint16 port, int connectTimeoutMs = 5000);

    bool isConnected() const;
    // Writes the bytes and waits until the kernel has them (the server may then read them in one go).
    void write(const QByteArray &bytes);
    // Writes `bytes` in separate writes split at `splits` (ascending offsets), letting the server read
    // each part before the next is sent (`pauseMs` of event loop in between).
    void writeSplit(const QByteArray &bytes, const QList<qsizetype> &splits, int pauseMs = 5);

    // Waits until `count` complete answers arrived, the server closed, or the time ran out.
    QList<Answer> waitForAnswers(int count, int timeoutMs);
    // Waits until the server closes the connection; false if it is still open after timeoutMs.
    bool waitForClose(int timeoutMs);
    // Answers received so far (complete ones only).
    QList<Answer> answers() const;
    const QByteArray &received() const { return m_received; }

    // Splits a byte stream of HTTP/1.1 responses (with Content-Length) into answers.
    static QList<Answer> parseAnswers(const QByteArray &bytes);

    QTcpSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_received;
    bool m_closed = false;
};
