#include "rawconnection.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>

namespace {

void spin(int ms)
{
    const QDeadlineTimer deadline(ms);
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    } while (!deadline.hasExpired());
}

} // namespace

QByteArray RawConnection::Answer::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject RawConnection::Answer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

bool RawConnection::Answer::closes() const
{
    return header("Connection").toLower() == "close";
}

RawConnection::RawConnection(quint16 port, int connectTimeoutMs)
    : m_socket(std::make_unique<QTcpSocket>())
{
    QObject::connect(m_socket.get(), &QTcpSocket::readyRead, m_socket.get(),
                     [this] { m_received += m_socket->readAll(); });
    QObject::connect(m_socket.get(), &QTcpSocket::disconnected, m_socket.get(), [this] { m_closed = true; });
    QObject::connect(m_socket.get(), &QTcpSocket::errorOccurred, m_socket.get(), [this] {
        m_received += m_socket->readAll();
        m_closed = true;
    });
    m_socket->connectToHost(QHostAddress::LocalHost, port);
    const QDeadlineTimer deadline(connectTimeoutMs);
    while (m_socket->state() != QAbstractSocket::ConnectedState && !m_closed && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

bool RawConnection::isConnected() const
{
    return !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void RawConnection::write(const QByteArray &bytes)
{
    if (!isConnected())
        return;
    m_socket->write(bytes);
    const QDeadlineTimer deadline(5000);
    while (m_socket->bytesToWrite() > 0 && isConnected() && !deadline.hasExpired()) {
        m_socket->flush();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

void RawConnection::writeSplit(const QByteArray &bytes, const QList<qsizetype> &splits, int pauseMs)
{
    qsizetype from = 0;
    for (const qsizetype at : splits) {
        if (at <= from || at >= bytes.size())
            continue;
        write(bytes.sliced(from, at - from));
        spin(pauseMs);
        from = at;
    }
    write(bytes.sliced(from));
}

QList<RawConnection::Answer> RawConnection::waitForAnswers(int count, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (parseAnswers(m_received).size() < count && !m_closed && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    m_received += m_socket->readAll();
    return parseAnswers(m_received);
}

bool RawConnection::waitForClose(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && m_socket->state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    m_received += m_socket->readAll();
    return m_closed || m_socket->state() == QAbstractSocket::UnconnectedState;
}

QList<RawConnection::Answer> RawConnection::answers() const
{
    return parseAnswers(m_received);
}

QList<RawConnection::Answer> RawConnection::parseAnswers(const QByteArray &bytes)
{
    QList<Answer> answers;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = bytes.sliced(pos, headEnd - pos).split('\n');
        Answer answer;
        answer.status = lines.value(0).mid(9, 3).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                answer.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const qsizetype length = answer.header("Content-Length").toLongLong();
        const qsizetype bodyStart = headEnd + 4;
        if (answer.status == 100) { // interim answer: no body
            pos = bodyStart;
            continue;
        }
        if (bodyStart + length > bytes.size())
            break;
        answer.body = bytes.sliced(bodyStart, length);
        answers.append(answer);
        pos = bodyStart + length;
    }
    return answers;
}
