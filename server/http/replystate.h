#pragma once

#include "http/response.h"

#include <QByteArray>
#include <QMutex>
#include <QPointer>

#include <atomic>
#include <functional>

// Internal to the HTTP layer: the shared state behind every copy of one request's Reply.
struct ReplyState
{
    QByteArray requestId;
    QPointer<QObject> context;              // lives on the server thread; answers are written there
    std::function<void(Response &&)> write; // server thread only; checks the socket before writing
    std::atomic<bool> answered{false};
    std::atomic<bool> connected{true};

    QMutex mutex; // guards disconnectCallbacks
    QList<std::function<void()>> disconnectCallbacks;

    ~ReplyState(); // an unanswered request gets a 500 rather than hanging the client
};
