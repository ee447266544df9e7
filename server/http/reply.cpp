#include "http/reply.h"

#include "core/logging.h"
#include "http/apierror.h"
#include "http/replystate.h"

#include <QThread>

namespace {

void deliver(QPointer<QObject> context, std::function<void(Response &&)> write, Response response)
{
    if (!context)
        return; // server already gone
    if (QThread::currentThread() == context->thread()) {
        write(std::move(response));
        return;
    }
    QMetaObject::invokeMethod(
        context.data(),
        [write = std::move(write), response = std::move(response)]() mutable { write(std::move(response)); },
        Qt::QueuedConnection);
}

} // namespace

ReplyState::~ReplyState()
{
    if (answered.exchange(true) || !write)
        return;
    qCWarning(lcHttp) << "request" << requestId << "was dropped without an answer";
    deliver(context, write, Response::fromError(ApiError::internal(), requestId));
}

Reply::Reply(std::shared_ptr<ReplyState> state)
    : m_state(std::move(state))
{}

void Reply::send(Response response) const
{
    if (!m_state || m_state->answered.exchange(true))
        return;
    deliver(m_state->context, m_state->write, std::move(response));
}

void Reply::fail(const ApiError &error) const
{
    send(Response::fromError(error, requestId()));
}

void Reply::fail(const std::exception &error) const
{
    fail(answerFor(error).value_or(ApiError::internal()));
}

void Reply::respond(const std::function<Response()> &work) const
{
    try {
        send(work());
    } catch (const std::exception &e) {
        if (std::optional<ApiError> answer = answerFor(e))
            return fail(*answer);
        qCCritical(lcHttp) << "request" << requestId() << "failed:" << e.what();
        fail(ApiError::internal());
    }
}

bool Reply::isConnected() const
{
    return m_state && m_state->connected.load();
}

bool Reply::isAnswered() const
{
    return !m_state || m_state->answered.load();
}

const QByteArray &Reply::requestId() const
{
    static const QByteArray none;
    return m_state ? m_state->requestId : none;
}

void Reply::onDisconnected(std::function<void()> callback) const
{
    if (!m_state)
        return;
    QMutexLocker lock(&m_state->mutex);
    if (!m_state->connected.load()) {
        lock.unlock();
        callback();
        return;
    }
    m_state->disconnectCallbacks.append(std::move(callback));
}
