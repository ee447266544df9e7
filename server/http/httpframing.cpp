#include "http/httpframing.h"

#include <QByteArrayView>
#include <QList>

namespace {

// RFC 9110 tchar: the characters of methods and field names.
bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isTokenText(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

// A byte that may appear inside a request line or a field line (CR and LF are handled by the states).
bool isLineByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype comma = list.indexOf(',', start);
        if (comma < 0)
            comma = list.size();
        if (equalsIgnoringCase(trimmedOws(list.sliced(start, comma - start)), token))
            return true;
        start = comma + 1;
    }
    return false;
}

const QString kMalformed = QStringLiteral("The request is not well-formed HTTP/1.1.");

} // namespace

HttpFraming::HttpFraming()
    : HttpFraming(Limits())
{}

HttpFraming::HttpFraming(Limits limits)
    : m_limits(limits)
{}

HttpFraming::Step HttpFraming::reject(qsizetype consumed, int status, const char *code,
                                      const QString &message, const char *tag)
{
    m_state = State::Rejected;
    m_rejection = Rejection{status, QByteArray(code), message, QByteArray(tag)};
    return Step{Event::Rejected, consumed};
}

HttpFraming::Step HttpFraming::feed(const char *data, qsizetype size)
{
    if (m_state == State::Rejected)
        return Step{Event::Rejected, 0};
    qsizetype i = 0;
    while (i < size) {
        const char c = data[i];
        switch (m_state) {
        case State::Start:
            if (c == '\r') {
                if (++m_leadingEmptyLines > m_limits.maxLeadingEmptyLines)
                    return reject(i, 400, "bad_request",
                                  QStringLiteral("Too many empty lines before the request line."),
                                  "ValidationError");
                m_state = State::LeadingEmptyLineLF;
                ++i;
                break;
            }
            m_head = Head();
            m_line.truncate(0);
            m_headBytes = 0;
            m_fieldLines = m_contentLengthLines = m_transferEncodingLines = 0;
            m_transferEncodingOther = false;
            m_websocketUpgrade = false;
            m_bodyBytes = 0;
            m_state = State::RequestLine;
            break; // the byte is read as the first of the request line
        case State::LeadingEmptyLineLF:
            if (c != '\n')
                return reject(i, 400, "bad_request", kMalformed, "ValidationError");
            m_state = State::Start;
            ++i;
            break;
        case State::RequestLine:
        case State::FieldLine: {
            // Copy the run up to the next CR, deciding byte by byte (so the verdict and where it falls
            // do not depend on how the stream was split into reads).
            const bool requestLine = m_state == State::RequestLine;
            qsizetype j = i;
            while (j < size && data[j] != '\r') {
                if (data[j] == '\n' || !isLineByte(data[j]))
                    return reject(j, 400, "bad_request", kMalformed, "ValidationError");
                const qsizetype length = m_line.size() + (j - i) + 1;
                if (requestLine && length > m_limits.maxRequestLineBytes)
                    return reject(j, 414, "uri_too_long", QStringLiteral("The request line is too long."),
                                  "UriTooLong");
                if (m_headBytes + (j - i) + 1 > m_limits.maxHeaderBytes)
                    return reject(j, 431, "header_too_large",
                                  QStringLiteral("The request headers are too large."),
                                  "RequestHeaderFieldsTooLarge");
                ++j;
            }
            m_line.append(data + i, j - i);
            m_headBytes += int(j - i);
            i = j;
            if (j < size) {
                m_state = requestLine ? State::RequestLineLF : State::FieldLineLF;
                ++m_headBytes;
                ++i;
            }
            break;
        }
        case State::RequestLineLF:
            if (c != '\n')
                return reject(i, 400, "bad_request", kMalformed, "ValidationError");
            ++i;
            ++m_headBytes;
            if (!parseRequestLine())
                return Step{Event::Rejected, i};
            m_line.truncate(0);
            m_state = State::FieldStart;
            break;
        case State::FieldStart:
            if (c == '\r') {
                m_state = State::HeadEndLF;
                ++m_headBytes;
                ++i;
                break;
            }
            if (c == ' ' || c == '\t')
                return reject(i, 400, "bad_request",
                              QStringLiteral("Header lines must not start with whitespace (obs-fold)."),
                              "ValidationError");
            if (++m_fieldLines > m_limits.maxFieldLines)
                return reject(i, 431, "header_too_large",
                              QStringLiteral("The request has too many header lines."),
                              "RequestHeaderFieldsTooLarge");
            m_line.truncate(0);
            m_state = State::FieldLine;
            break;
        case State::FieldLineLF:
            if (c != '\n')
                return reject(i, 400, "bad_request", kMalformed, "ValidationError");
            ++i;
            ++m_headBytes;
            if (!parseFieldLine())
                return Step{Event::Rejected, i};
            m_state = State::FieldStart;
            break;
        case State::HeadEndLF:
            if (c != '\n')
                return reject(i, 400, "bad_request", kMalformed, "ValidationError");
            ++i;
            ++m_headBytes;
            if (m_headBytes > m_limits.maxHeaderBytes)
                return reject(i, 431, "header_too_large",
                              QStringLiteral("The request headers are too large."),
                              "RequestHeaderFieldsTooLarge");
            return headComplete(i);
        case State::Body: {
            const qsizetype take = qMin<qint64>(size - i, m_remaining);
            m_remaining -= take;
            m_bodyBytes += take;
            i += take;
            if (m_remaining == 0)
                return requestComplete(i);
            break;
        }
        case State::ChunkSize: {
            if (c == '\r') {
                if (m_chunkSizeDigits == 0)
                    return reject(i, 400, "bad_request", QStringLiteral("The chunked body is malformed."),
                                  "ValidationError");
                m_state = State::ChunkSizeLF;
                ++i;
                break;
            }
            const int digit = hexValue(c);
            if (digit < 0)
                return reject(
                    i, 400, "bad_request",
                    QStringLiteral("The chunked body is malformed (chunk extensions are not accepted)."),
                    "ValidationError");
            if (++m_chunkSizeDigits > 8)
                return reject(i, 400, "bad_request", QStringLiteral("The chunked body is malformed."),
                              "ValidationError");
            m_chunkSize = m_chunkSize * 16 + digit;
            if (m_bodyBytes + m_chunkSize > m_limits.maxBodyBytes)
                return reject(i, 413, "payload_too_large",
                              QStringLiteral("The request body exceeds the limit of %1 bytes.")
                                  .arg(m_limits.maxBodyBytes),
                              "PayloadTooLarge");
            ++i;
            break;
        }
        case State::ChunkSizeLF:
            if (c != '\n')
                return reject(i, 400, "bad_request", QStringLiteral("The chunked body is malformed."),
                              "ValidationError");
            ++i;
            m_remaining = m_chunkSize;
            m_state = m_chunkSize == 0 ? State::LastChunkCR : State::ChunkData;
            break;
        case State::ChunkData: {
            const qsizetype take = qMin<qint64>(size - i, m_remaining);
            m_remaining -= take;
            m_bodyBytes += take;
            i += take;
            if (m_remaining == 0)
                m_state = State::ChunkDataCR;
            break;
        }
        case State::ChunkDataCR:
        case State::LastChunkCR:
            if (c != '\r')
                return reject(
                    i, 400, "bad_request",
                    m_state == State::LastChunkCR
                        ? QStringLiteral("The chunked body is malformed (trailers are not accepted).")
                        : QStringLiteral("The chunked body is malformed."),
                    "ValidationError");
            m_state = m_state == State::LastChunkCR ? State::LastChunkLF : State::ChunkDataLF;
            ++i;
            break;
        case State::ChunkDataLF:
        case State::LastChunkLF:
            if (c != '\n')
                return reject(i, 400, "bad_request", QStringLiteral("The chunked body is malformed."),
                              "ValidationError");
            ++i;
            if (m_state == State::LastChunkLF)
                return requestComplete(i);
            m_chunkSize = 0;
            m_chunkSizeDigits = 0;
            m_state = State::ChunkSize;
            break;
        case State::Rejected:
            return Step{Event::Rejected, i};
        }
    }
    return Step{Event::NeedMore, i};
}

bool HttpFraming::parseRequestLine()
{
    const QByteArrayView line(m_line);
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace <= firstSpace + 1) {
        reject(0, 400, "bad_request", kMalformed, "ValidationError");
        return false;
    }
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(secondSpace + 1);
    if (!isTokenText(method)) {
        reject(0, 400, "bad_request", kMalformed, "ValidationError");
        return false;
    }
    for (const char c : target) {
        if (c <= ' ' || c > '~') {
            reject(0, 400, "bad_request", kMalformed, "ValidationError");
            return false;
        }
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool looksLikeVersion = version.size() == 8 && version.startsWith("HTTP/") &&
                                      version[6] == '.' && version[5] >= '0' && version[5] <= '9' &&
                                      version[7] >= '0' && version[7] <= '9';
        if (looksLikeVersion)
            reject(0, 505, "http_version_not_supported",
                   QStringLiteral("Only HTTP/1.1 and HTTP/1.0 are supported."),
                   "HttpVersionNotSupportedError");
        else
            reject(0, 400, "bad_request", kMalformed, "ValidationError");
        return false;
    }
    m_head.method = method.toByteArray();
    m_head.target = target.toByteArray();
    m_head.http10 = version == "HTTP/1.0";
    m_head.wantsClose = m_head.http10;
    return true;
}

bool HttpFraming::parseFieldLine()
{
    const QByteArrayView line(m_line);
    const qsizetype colon = line.indexOf(':');
    // A name with whitespace before the colon, or a line without a colon, makes QHttpServer 6.4 drop
    // every header of the request (and so its Content-Length): never let one through.
    if (colon <= 0 || !isTokenText(line.first(colon))) {
        reject(0, 400, "bad_request", QStringLiteral("A header line is malformed."), "ValidationError");
        return false;
    }
    const QByteArrayView name = line.first(colon);
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    if (equalsIgnoringCase(name, "content-length")) {
        bool digitsOnly = !value.isEmpty() && value.size() <= 18;
        for (const char c : value)
            digitsOnly = digitsOnly && c >= '0' && c <= '9';
        if (++m_contentLengthLines > 1 || !digitsOnly) {
            reject(0, 400, "bad_request", QStringLiteral("The Content-Length header is invalid."),
                   "ValidationError");
            return false;
        }
        m_head.contentLength = value.toLongLong();
    } else if (equalsIgnoringCase(name, "transfer-encoding")) {
        if (++m_transferEncodingLines > 1) {
            reject(0, 400, "bad_request", QStringLiteral("Send one Transfer-Encoding header."),
                   "ValidationError");
            return false;
        }
        m_head.chunked = equalsIgnoringCase(value, "chunked");
        m_transferEncodingOther = !m_head.chunked;
    } else if (equalsIgnoringCase(name, "expect")) {
        m_head.expectContinue = equalsIgnoringCase(value, "100-continue");
    } else if (equalsIgnoringCase(name, "connection")) {
        if (hasToken(value, "close"))
            m_head.wantsClose = true;
        else if (m_head.http10 && hasToken(value, "keep-alive"))
            m_head.wantsClose = false;
    } else if (equalsIgnoringCase(name, "upgrade")) {
        m_websocketUpgrade = m_websocketUpgrade || hasToken(value, "websocket");
    } else if (equalsIgnoringCase(name, "origin")) {
        m_head.origin = value.toByteArray();
    } else if (equalsIgnoringCase(name, "x-request-id")) {
        m_head.requestId = value.toByteArray();
    }
    return true;
}

HttpFraming::Step HttpFraming::headComplete(qsizetype consumed)
{
    if (m_transferEncodingLines > 0 && m_contentLengthLines > 0)
        return reject(consumed, 400, "bad_request",
                      QStringLiteral("Send either Content-Length or Transfer-Encoding, not both."),
                      "ValidationError");
    if (m_transferEncodingLines > 0 && m_head.http10)
        return reject(consumed, 400, "bad_request", QStringLiteral("HTTP/1.0 has no Transfer-Encoding."),
                      "ValidationError");
    if (m_transferEncodingOther)
        return reject(consumed, 501, "not_implemented",
                      QStringLiteral("Only chunked transfer encoding is supported."), "NotImplementedError");
    if (m_websocketUpgrade)
        return reject(consumed, 501, "not_implemented",
                      QStringLiteral("This API does not speak WebSocket; send plain HTTP requests."),
                      "NotImplementedError");
    if (m_head.contentLength > m_limits.maxBodyBytes)
        return reject(
            consumed, 413, "payload_too_large",
            QStringLiteral("The request body exceeds the limit of %1 bytes.").arg(m_limits.maxBodyBytes),
            "PayloadTooLarge");
    if (m_line.capacity() > 1024)
        m_line = QByteArray(); // a large head's buffer is not kept while the body streams
    if (m_head.chunked) {
        m_chunkSize = 0;
        m_chunkSizeDigits = 0;
        m_state = State::ChunkSize;
        return Step{Event::HeadComplete, consumed};
    }
    if (m_head.contentLength > 0) {
        m_remaining = m_head.contentLength;
        m_state = State::Body;
        return Step{Event::HeadComplete, consumed};
    }
    return requestComplete(consumed);
}

HttpFraming::Step HttpFraming::requestComplete(qsizetype consumed)
{
    m_state = State::Start;
    m_leadingEmptyLines = 0;
    return Step{Event::RequestComplete, consumed};
}
