// Sign-in's OpenAPI part: the bearer scheme, tokens, the signed-in user and sessions (see OpenApiDocument).
#include "auth/authcontroller.h"

QByteArrayView AuthController::openApi() const
{
    return QByteArrayView(R"json({
  "tags": [{"name": "auth", "description": "Sign-in, tokens and sessions"}],
  "components": {
    "securitySchemes": {
      "bearerAuth": {"type": "http", "scheme": "bearer",
                     "description": "An opaque access token from /api/auth/token, /api/auth/refresh or /api/auth/local."}
    },
    "schemas": {
      "Tokens": {
        "type": "object", "required": ["accessToken", "refreshToken", "expiresAt"],
        "properties": {
          "accessToken": {"type": "string"}, "refreshToken": {"type": "string"},
          "expiresAt": {"type": "string", "format": "date-time"},
          "access_token": {"type": "string"}, "refresh_token": {"type": "string"},
          "token_type": {"type": "string", "const": "Bearer"}, "expires_in": {"type": "integer"}
        }
      },
      "OAuthError": {
        "type": "object", "required": ["error"],
        "properties": {"error": {"type": "string", "enum": ["invalid_request", "invalid_grant", "unsupported_grant_type", "invalid_client"]},
                       "error_description": {"type": "string"}, "message": {"type": "string"}}
      },
      "Me": {
        "type": "object", "required": ["id", "email", "providers", "createdAt"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "email": {"type": ["string", "null"]},
                       "providers": {"type": "array", "items": {"type": "string"}},
                       "createdAt": {"type": "string", "format": "date-time"}}
      },
      "Session": {
        "type": "object",
        "properties": {"id": {"type": "string", "format": "uuid"}, "createdAt": {"type": "string", "format": "date-time"},
                       "lastUsedAt": {"type": ["string", "null"], "format": "date-time"},
                       "userAgent": {"type": ["string", "null"]}, "current": {"type": "boolean"}}
      }
    }
  },
  "operations": {
    "GET /api/auth/oauth/{provider}": {
      "tags": ["auth"], "operationId": "startOAuth",
      "parameters": [
        {"name": "provider", "in": "path", "required": true, "schema": {"type": "string", "enum": ["github", "google", "microsoft"]}},
        {"name": "redirect_uri", "in": "query", "description": "Native apps: http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path>",
         "schema": {"type": "string"}},
        {"name": "code_challenge", "in": "query", "description": "PKCE S256 challenge (43 base64url characters); required with redirect_uri",
         "schema": {"type": "string"}},
        {"name": "code_challenge_method", "in": "query", "schema": {"type": "string", "enum": ["S256"]}},
        {"name": "state", "in": "query", "description": "The app's own state, echoed to its redirect_uri", "schema": {"type": "string"}},
        {"name": "redirect", "in": "query", "description": "1: answer with a 302 instead of JSON", "schema": {"type": "string"}}
      ],
      "responses": {
        "200": {"description": "The provider's authorization URL",
                "content": {"application/json": {"schema": {"type": "object", "required": ["url"], "properties": {"url": {"type": "string", "format": "uri"}}}}}},
        "302": {"description": "Redirect to the provider (Accept: text/html or redirect=1)"},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "503": {"$ref": "#/components/responses/ServiceUnavailable"}
      }
    },
    "GET /api/auth/oauth/{provider}/callback": {
      "tags": ["auth"], "operationId": "oauthCallback",
      "parameters": [
        {"name": "provider", "in": "path", "required": true, "schema": {"type": "string", "enum": ["github", "google", "microsoft"]}},
        {"name": "code", "in": "query", "schema": {"type": "string"}},
        {"name": "state", "in": "query", "schema": {"type": "string"}},
        {"name": "error", "in": "query", "schema": {"type": "string"}}
      ],
      "responses": {
        "200": {"description": "Web flow: the new session's tokens (Cache-Control: no-store)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tokens"}}}},
        "302": {"description": "Native flow: to the app's loopback redirect_uri with a one-time code and the app's state"},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "502": {"$ref": "#/components/responses/BadGateway"},
        "503": {"$ref": "#/components/responses/ServiceUnavailable"}
      }
    },
    "POST /api/auth/token": {
      "tags": ["auth"], "operationId": "exchangeCode",
      "requestBody": {"required": true, "content": {
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["grant_type", "code", "code_verifier", "redirect_uri"],
          "properties": {"grant_type": {"type": "string", "enum": ["authorization_code"]}, "code": {"type": "string"},
                         "code_verifier": {"type": "string"}, "redirect_uri": {"type": "string"}}}},
        "application/json": {"schema": {"type": "object", "required": ["grant_type", "code", "code_verifier", "redirect_uri"],
          "properties": {"grant_type": {"type": "string", "enum": ["authorization_code"]}, "code": {"type": "string"},
                         "code_verifier": {"type": "string"}, "redirect_uri": {"type": "string"}}}}}},
      "responses": {
        "200": {"description": "Tokens (Cache-Control: no-store)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tokens"}}}},
        "400": {"description": "RFC 6749 error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}}},
        "415": {"$ref": "#/components/responses/UnsupportedMediaType"}
      }
    },
    "POST /api/auth/refresh": {
      "tags": ["auth"], "operationId": "refreshTokens",
      "description": "The refresh token as Authorization: Bearer or as JSON {refreshToken}. Rotates the token.",
      "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object",
        "properties": {"refreshToken": {"type": "string"}}}}}},
      "responses": {
        "200": {"description": "A new token pair (Cache-Control: no-store)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tokens"}}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"}
      }
    },
    "POST /api/auth/logout": {
      "tags": ["auth"], "operationId": "logout",
      "parameters": [{"name": "all", "in": "query", "description": "true: end every session of the user", "schema": {"type": "boolean"}}],
      "responses": {
        "200": {"description": "Signed out", "content": {"application/json": {"schema": {"type": "object",
          "properties": {"success": {"type": "boolean", "const": true}}}}}}
      }
    },
    "GET /api/auth/me": {
      "tags": ["auth"], "operationId": "me",
      "responses": {"200": {"description": "The signed-in user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Me"}}}}}
    },
    "GET /api/auth/sessions": {
      "tags": ["auth"], "operationId": "listSessions",
      "responses": {"200": {"description": "The user's active sessions", "content": {"application/json": {"schema": {"type": "object",
        "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Session"}}}}}}}}
    },
    "DELETE /api/auth/sessions/{id}": {
      "tags": ["auth"], "operationId": "revokeSession",
      "responses": {"204": {"description": "Revoked"}, "200": {"description": "Revoked"},
                    "404": {"$ref": "#/components/responses/NotFound"}}
    },
    "POST /api/auth/local": {
      "tags": ["auth"], "operationId": "localSignIn",
      "description": "Only when the server was started with a local-login secret; otherwise 404.",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["secret"],
        "properties": {"secret": {"type": "string"}}}}}},
      "responses": {
        "200": {"description": "Tokens for the local user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tokens"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"}
      }
    }
  }
})json");
}
