#pragma once

#include "http/apierror.h"

#include <exception>
#include <optional>

class DbError;
class GenerationError;

// The one place where domain errors become HTTP answers. Only the top layer knows both sides: the
// SQL layer and the generators throw their own errors, the HTTP layer renders ApiError, and
// installErrorTranslators() connects them through the hook http/apierror.h declares.
namespace errormapping {

ApiError httpErrorFor(const DbError &error);
ApiError httpErrorFor(const GenerationError &error);
// The translator: a DbError or GenerationError mapped as above; nullopt for anything else.
std::optional<ApiError> translate(const std::exception &error);
// Installs translate() for every answer of the process (idempotent; ApiServer calls it).
void install();

} // namespace errormapping
