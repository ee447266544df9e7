#include "errormapping.h"

#include "db/dberror.h"
#include "generation/icongenerator.h"

#include <QJsonArray>

namespace {

// How long a client waits before retrying after a lost connection or a statement timeout: the pool
// reopens connections on the next job, so a couple of seconds is enough.
constexpr int kDatabaseRetryAfterSeconds = 2;

} // namespace

namespace errormapping {

ApiError httpErrorFor(const DbError &error)
{
    switch (error.kind()) {
    case DbError::Kind::UniqueViolation:
        return ApiError::conflict(QStringLiteral("The resource already exists."));
    case DbError::Kind::SerializationFailure:
        return ApiError::conflict(
            QStringLiteral("The request conflicted with a concurrent change. Please retry."));
    case DbError::Kind::ConnectionLost:
        return ApiError::serviceUnavailable(
            QStringLiteral("The database is unavailable. Please retry shortly."), kDatabaseRetryAfterSeconds);
    case DbError::Kind::Timeout:
        return ApiError::serviceUnavailable(
            QStringLiteral("The database did not answer in time. Please retry shortly."),
            kDatabaseRetryAfterSeconds);
    case DbError::Kind::ForeignKeyViolation:
    case DbError::Kind::CheckViolation:
    case DbError::Kind::NotNullViolation:
    case DbError::Kind::Other:
        break;
    }
    return ApiError::internal();
}

ApiError httpErrorFor(const GenerationError &error)
{
    switch (error.kind()) {
    case GenerationError::Kind::Unavailable:
        return ApiError::serviceUnavailable(error.message(), error.retryAfterSeconds());
    case GenerationError::Kind::Unusable:
        return ApiError::badGateway(error.message());
    case GenerationError::Kind::NotUnderstood: {
        ApiError answer(422, error.code(), error.message(), QStringLiteral("ValidationError"));
        if (error.suggestions())
            answer.withDetail(QStringLiteral("suggestions"),
                              QJsonArray::fromStringList(*error.suggestions()));
        return answer;
    }
    case GenerationError::Kind::Internal:
        break;
    }
    return ApiError::internal();
}

std::optional<ApiError> translate(const std::exception &error)
{
    if (const auto *db = dynamic_cast<const DbError *>(&error))
        return httpErrorFor(*db);
    if (const auto *generation = dynamic_cast<const GenerationError *>(&error))
        return httpErrorFor(*generation);
    return std::nullopt;
}

void install()
{
    installErrorTranslator(&translate);
}

} // namespace errormapping
