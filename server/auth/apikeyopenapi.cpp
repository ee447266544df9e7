// The API keys' OpenAPI part: the X-API-Key scheme and key management (see OpenApiDocument).
#include "auth/apikeycontroller.h"

QByteArrayView ApiKeyController::openApi() const
{
    return QByteArrayView(R"json({
  "components": {
    "securitySchemes": {
      "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                     "description": "An API key (pi_…) from POST /api/auth/api-keys, for scripts and CI. Accepted on the icon routes only; it acts as the user who created it, with that user's generation limits."}
    },
    "schemas": {
      "ApiKey": {
        "type": "object", "required": ["id", "name", "prefix", "createdAt", "lastUsedAt", "expiresAt", "expired"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                       "prefix": {"type": ["string", "null"], "description": "The key's first characters (pi_ and 8 more), to tell keys apart"},
                       "createdAt": {"type": "string", "format": "date-time"},
                       "lastUsedAt": {"type": ["string", "null"], "format": "date-time",
                                      "description": "Written in batches (every API_KEY_USAGE_FLUSH_S seconds): may lag behind by that much"},
                       "expiresAt": {"type": ["string", "null"], "format": "date-time", "description": "null: never expires"},
                       "expired": {"type": "boolean"}}
      },
      "NewApiKey": {
        "allOf": [{"$ref": "#/components/schemas/ApiKey"},
                  {"type": "object", "required": ["key"],
                   "properties": {"key": {"type": "string", "pattern": "^pi_[A-Za-z0-9_-]{43}$",
                                          "description": "The key itself. It is in this answer only: the server keeps just its SHA-256."}}}]
      },
      "CreateApiKeyRequest": {
        "type": "object", "required": ["name"],
        "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100, "description": "Trimmed; no control characters"},
                       "expiresAt": {"type": ["string", "null"], "format": "date-time",
                                     "description": "ISO-8601 with a time zone, in the future; absent or null: never expires"}}
      }
    }
  },
  "operations": {
    "POST /api/auth/api-keys": {
      "tags": ["auth"], "operationId": "createApiKey",
      "description": "Needs a signed-in session (an API key cannot create keys). The answer holds the key once; store it then. A user has at most API_KEYS_MAX_PER_USER (default 25) active keys.",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateApiKeyRequest"}}}},
      "responses": {
        "201": {"description": "The new key (Cache-Control: no-store)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewApiKey"}}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "409": {"description": "The per-user limit of active keys is reached (api_key_limit)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        "415": {"$ref": "#/components/responses/UnsupportedMediaType"}
      }
    },
    "GET /api/auth/api-keys": {
      "tags": ["auth"], "operationId": "listApiKeys",
      "description": "Unrevoked keys, newest first; expired keys stay listed (expired: true) for 30 days.",
      "responses": {"200": {"description": "The caller's keys, without the keys themselves", "content": {"application/json": {"schema": {"type": "object",
        "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/ApiKey"}}}}}}}}
    },
    "DELETE /api/auth/api-keys/{id}": {
      "tags": ["auth"], "operationId": "revokeApiKey",
      "description": "The key stops working at once on every server process.",
      "responses": {"204": {"description": "Revoked"}, "404": {"$ref": "#/components/responses/NotFound"}}
    }
  }
})json");
}
