// Fuzz target: JSON and form request bodies (server/http/request.cpp). Beyond not crashing, a body
// that is accepted means one thing: written back out and read again it is the same object.
#include "http/apierror.h"
#include "http/request.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t length)
{
    Request request;
    request.body = QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(length));
    request.headers = {{"Content-Type", "application/json"}};
    try {
        const QJsonObject object = request.jsonObject();
        Request again = request;
        again.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
        if (again.jsonObject() != object)
            std::abort();
    } catch (const ApiError &) {
    }
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    try {
        (void)request.jsonOrFormObject();
    } catch (const ApiError &) {
    }
    return 0;
}
