// The OpenAPI part every route shares: the error body, the common error responses and this document's route.
#include "http/openapicontroller.h"

QByteArrayView OpenApiController::openApi() const
{
    return QByteArrayView(R"json({
  "tags": [{"name": "meta", "description": "This description"}],
  "components": {
    "schemas": {
      "Error": {
        "type": "object", "required": ["error", "message", "requestId", "_tag"],
        "properties": {
          "error": {"type": "string", "description": "snake_case code, e.g. validation_error, not_found, rate_limited"},
          "message": {"type": "string"},
          "requestId": {"type": "string"},
          "_tag": {"type": "string", "description": "Error class, e.g. ValidationError, NotFoundError"},
          "field": {"type": "string", "description": "The offending field of a validation error"}
        }
      }
    },
    "responses": {
      "BadRequest": {"description": "Invalid input", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Unauthorized": {"description": "Missing, invalid, expired or revoked access token or API key (invalid_token, invalid_api_key), or an API key on a route that needs a session (session_required)",
                       "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
                       "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "No such resource for this caller", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "UnsupportedMediaType": {"description": "The body is not application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooManyRequests": {"description": "A per-user limit is reached",
                          "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "ServiceUnavailable": {"description": "Temporarily unavailable (starting, database, upstream busy or down, daily generation budget used up)",
                             "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}},
                             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "BadGateway": {"description": "The upstream generator failed or returned nothing usable",
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  },
  "operations": {
    "GET /api/openapi.json": {
      "tags": ["meta"], "operationId": "openapi",
      "responses": {"200": {"description": "This document", "content": {"application/json": {"schema": {"type": "object"}}}}}
    }
  }
})json");
}
