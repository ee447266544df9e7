#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

// The one HTTP/1.1 request grammar this server accepts, as a pure incremental parser: bytes in,
// decisions out, no sockets. ConnectionGuard runs it on every byte before QHttpServer 6.4 sees it,
// so the two never disagree about where a request ends (QHttpServer's own parser is lenient: bare LF,
// any leading whitespace, obs-fold, trailers read as two bytes, and a header block it cannot parse
// silently loses every header, Content-Length included). The grammar is the strict subset of
// RFC 9112 on which both parsers provably agree (tests/server/http/tst_framing.cpp compares them):
//
//   request        = 0*2( CRLF ) request-line *99( field-line ) CRLF [ body ]
//   request-line   = method SP request-target SP ( "HTTP/1.1" / "HTTP/1.0" ) CRLF
//   method         = 1*tchar
//   request-target = 1*( %x21-7E )
//   field-line     = field-name ":" *( SP / HTAB ) field-value CRLF   ; no obs-fold
//   field-name     = 1*tchar
//   field-value    = *( %x21-7E / %x80-FF / SP / HTAB )
//   body           = Content-Length octets / chunked-body
//   chunked-body   = *( chunk-size CRLF chunk-data CRLF ) 1*"0" CRLF CRLF   ; no extensions, no trailers
//   chunk-size     = 1*8HEXDIG
//
// Every line ends with CRLF; a CR without LF or an LF without CR is rejected. At most one
// Content-Length (1*18DIGIT) and one Transfer-Encoding (exactly "chunked", not with Content-Length,
// not in HTTP/1.0). No WebSocket upgrade (QHttpServer 6.4 answers one with a 200 and then a second,
// unasked-for 404). Any violation is final: the connection is answered with the status and closed.
class HttpFraming
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        int maxHeaderBytes = 16 * 1024; // request line + field lines + the empty line
        int maxRequestLineBytes = 8 * 1024;
        // QHttpServer 6.4 drops *all* headers of a request with more than 100 field lines.
        int maxFieldLines = 100;
        // RFC 9112 asks servers to skip at least one empty line before a request; a few are allowed,
        // more are an attack (QHttpServer skips any number of any whitespace).
        int maxLeadingEmptyLines = 2;
    };

    enum class Event {
        NeedMore,        // every byte given was consumed; the request is not complete yet
        HeadComplete,    // the head of a request with a body ended (time to answer Expect: 100-continue)
        RequestComplete, // the last byte of a request was consumed; the parser is ready for the next one
        Rejected,        // the stream violates the grammar or a limit at the returned position
    };

    struct Step
    {
        Event event = Event::NeedMore;
        qsizetype consumed =
            0; // bytes of the input that belong to what was parsed (stops right after an event)
    };

    struct Rejection
    {
        int status = 0;  // 400, 413, 414, 431, 501 or 505
        QByteArray code; // JSON "error"
        QString message; // JSON "message"
        QByteArray tag;  // JSON "_tag"
    };

    // What the guard needs to know about the current request's head (valid from HeadComplete or
    // RequestComplete until the next request starts).
    struct Head
    {
        QByteArray method;
        QByteArray target;
        QByteArray origin;
        QByteArray requestId;
        bool http10 = false;
        bool chunked = false;
        bool expectContinue = false;
        bool wantsClose = false; // Connection: close, or HTTP/1.0 without keep-alive
        qint64 contentLength = 0;
    };

    HttpFraming();
    explicit HttpFraming(Limits limits);

    // Consumes a prefix of `data` and stops after the first event that is not NeedMore; call again
    // with the rest. After Rejected every further call returns Rejected and consumes nothing.
    Step feed(const char *data, qsizetype size);

    // True from the first byte of a request (an empty line before it counts) until it is complete.
    bool inRequest() const { return m_state != State::Start || m_leadingEmptyLines > 0; }
    bool isRejected() const { return m_state == State::Rejected; }
    const Head &head() const { return m_head; }
    const Rejection &rejection() const { return m_rejection; }
    qint64 bodyBytes() const { return m_bodyBytes; } // body octets of the current request so far

private:
    enum class State {
        Start,
        LeadingEmptyLineLF,
        RequestLine,
        RequestLineLF,
        FieldStart,
        FieldLine,
        FieldLineLF,
        HeadEndLF,
        Body,
        ChunkSize,
        ChunkSizeLF,
        ChunkData,
        ChunkDataCR,
        ChunkDataLF,
        LastChunkCR,
        LastChunkLF,
        Rejected,
    };

    Step reject(qsizetype consumed, int status, const char *code, const QString &message, const char *tag);
    bool parseRequestLine();
    bool parseFieldLine();
    Step headComplete(qsizetype consumed);
    Step requestComplete(qsizetype consumed);

    Limits m_limits;
    State m_state = State::Start;
    int m_leadingEmptyLines = 0;
    QByteArray m_line;   // the line being read (request line, field line)
    int m_headBytes = 0; // bytes of the head so far
    int m_fieldLines = 0;
    int m_contentLengthLines = 0;
    int m_transferEncodingLines = 0;
    bool m_transferEncodingOther = false;
    bool m_websocketUpgrade = false;
    Head m_head;
    qint64 m_remaining = 0; // body bytes or chunk bytes still to come
    qint64 m_chunkSize = 0; // chunk-size being read
    int m_chunkSizeDigits = 0;
    qint64 m_bodyBytes = 0;
    Rejection m_rejection;
};
