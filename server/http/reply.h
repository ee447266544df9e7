#pragma once

#include "http/response.h"

#include <QByteArray>

#include <exception>
#include <functional>
#include <memory>

class ApiError;
struct ReplyState;

// The one way to answer a request. A cheap, copyable handle that may be moved to any thread and
// used later: send() marshals to the server thread and writes only if the client is still
// connected (QHttpServer 6.4 crashes when writing to a socket whose client left; this guards it).
// The first send() wins; later ones are ignored. A Reply dropped without send() answers 500.
class Reply
{
public:
    Reply() = default;
    explicit Reply(std::shared_ptr<ReplyState> state);

    void send(Response response) const;
    void fail(const ApiError &error) const;
    // A domain error (DbError, GenerationError) as the answer the top layer maps it to; 500 for an
    // exception nobody maps.
    void fail(const std::exception &error) const;
    // Runs `work` and sends its Response; an ApiError (or any exception) it throws becomes the
    // JSON error answer. Use it for synchronous handlers and inside worker threads.
    void respond(const std::function<Response()> &work) const;

    bool isConnected() const; // best effort: false once the client has gone away
    bool isAnswered() const;
    const QByteArray &requestId() const;

    // Called (on the server thread) if the client disconnects before the answer is written.
    void onDisconnected(std::function<void()> callback) const;

private:
    std::shared_ptr<ReplyState> m_state;
};
