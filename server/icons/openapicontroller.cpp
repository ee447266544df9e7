#include "icons/openapicontroller.h"

#include "core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("OpenAPI table is not valid JSON: %s at %d", qPrintable(error.errorString()), error.offset);
    return doc.object();
}

// Shared pieces of the document. Error bodies are the HTTP layer's {"error","message","requestId","_tag"}.
const char *const kComponents = R"json({
  "securitySchemes": {
    "bearerAuth": {"type": "http", "scheme": "bearer",
                   "description": "An opaque access token from /api/auth/token, /api/auth/refresh or /api/auth/local."},
    "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                   "description": "An API key (pi_…) from POST /api/auth/api-keys, for scripts and CI. Accepted on the icon routes only; it acts as the user who created it, with that user's generation limits."}
  },
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
    },
    "IconVariant": {
      "type": "object", "required": ["id", "name", "svg", "warnings"],
      "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "svg": {"type": "string", "description": "Sanitised SVG, viewBox 0 0 32 32"},
        "warnings": {"type": "array", "items": {"type": "string"},
                     "description": "Design-system findings; empty when the variant conforms"},
        "scene": {"$ref": "#/components/schemas/Scene"}
      }
    },
    "Scene": {
      "type": "object", "required": ["format", "version", "toolType", "elements"],
      "description": "The parametric source of a variant's SVG, stored per variant (built-in generator and Claude's tool use; imported SVGs have none; returned by POST /api/icons, GET and PATCH /api/icons/{id}, not in history pages). `parameters` is the schema of the editable parameters (built-in scenes; a scene from Claude has none), `values` their current values, so the parameters of variant i are variants[i].scene.parameters and .values. Elements are design-system primitives (line, polyline, polygon, arc, circle, ellipse, curve, path, grip, arrow, dimension, hatch, group, view3d); docs/vocabulary.md describes every field.",
      "properties": {
        "format": {"type": "string", "const": "parametric-icons/scene"},
        "version": {"type": "integer", "const": 1},
        "name": {"type": "string"},
        "toolType": {"type": "string", "enum": ["drawing", "analysis", "modification"]},
        "parameters": {"type": "array", "items": {"$ref": "#/components/schemas/SceneParameter"}},
        "values": {"type": "object", "description": "Parameter name → value (number, boolean or choice)"},
        "source": {"type": "object", "description": "Where the scene came from: engine (builtin or anthropic), vocabulary version, concepts, operation, subject, variant, composition, and the edits of refinements in words (kept when the scene is built again)",
                   "properties": {"engine": {"type": "string", "enum": ["builtin", "anthropic"]}, "vocabulary": {"type": "integer"},
                                  "edits": {"type": "object", "properties": {"mirror": {"type": "boolean"}, "rotate": {"type": "number", "minimum": -180, "maximum": 180},
                                                                             "guides": {"type": "boolean", "description": "false: guides left out"},
                                                                             "endGrips": {"type": "boolean"}}},
                                  "concepts": {"type": "array", "items": {"type": "string"}},
                                  "operation": {"type": "string"}, "subject": {"type": "string"},
                                  "variant": {"type": "integer", "minimum": 0, "maximum": 2},
                                  "composition": {"type": "string", "enum": ["single", "operation"]}}},
        "elements": {"type": "array", "items": {"type": "object", "required": ["type"],
                                                "properties": {"type": {"type": "string"}}}}
      }
    },
    "SceneParameter": {
      "type": "object", "required": ["name", "label", "type", "default"],
      "properties": {
        "name": {"type": "string", "description": "concept.parameter, e.g. gear.teeth"},
        "label": {"type": "string"},
        "type": {"type": "string", "enum": ["int", "number", "bool", "choice"]},
        "min": {"type": "number"}, "max": {"type": "number"}, "step": {"type": "number"},
        "default": {}, "choices": {"type": "array", "items": {"type": "string"}}
      }
    },
    "Interpretation": {
      "type": "object", "required": ["summary", "concepts", "parameters", "ignoredWords"],
      "description": "What the built-in generator understood of the prompt",
      "properties": {
        "summary": {"type": "string", "description": "e.g. \"chamfer · box\": the operation and its subject"},
        "concepts": {"type": "array", "items": {"type": "object", "required": ["id", "name", "role"],
                     "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                    "role": {"type": "string", "enum": ["operation", "subject"]}}}},
        "parameters": {"type": "array", "description": "Values the prompt set (\"eight teeth\")",
                       "items": {"type": "object", "required": ["concept", "name", "label", "value"],
                                 "properties": {"concept": {"type": "string"}, "name": {"type": "string"},
                                                "label": {"type": "string"}, "value": {}}}},
        "ignoredWords": {"type": "array", "items": {"type": "string"}, "description": "Words of the prompt that were not used"},
        "changes": {"type": "array", "description": "A refinement's changes (intent refine): {parameter, label, from, to} or {edit: mirror | flip-vertical | rotate (with degrees) | hide-guides | show-guides | end-grips}",
                    "items": {"type": "object", "properties": {"parameter": {"type": "string"}, "label": {"type": "string"}, "from": {}, "to": {},
                                                               "edit": {"type": "string"}, "degrees": {"type": "number"}}}},
        "notes": {"type": "array", "items": {"type": "string"}, "description": "Remarks, e.g. a value limited to its range"}
      }
    },
    "PromptNotUnderstood": {
      "allOf": [{"$ref": "#/components/schemas/Error"},
                {"type": "object",
                 "description": "suggestions come with prompt_not_understood; refine_needs_scene and refinement_not_possible say why in the message",
                 "properties": {"error": {"enum": ["prompt_not_understood", "refine_needs_scene", "refinement_not_possible"]},
                                "suggestions": {"type": "array", "maxItems": 5, "items": {"type": "string"},
                                                "description": "Prompts from the vocabulary that the generator understands; for a refine, refinements that fit the icon (\"12 teeth\", \"mirror it\")"}}}]
    },
    "Icon": {
      "type": "object",
      "required": ["id", "svg", "variants", "prompt", "intent", "colorMode", "favorite", "source",
                   "selectedVariant", "createdAt", "updatedAt"],
      "properties": {
        "id": {"type": "string", "format": "uuid"},
        "svg": {"type": "string", "description": "The first variant's SVG"},
        "variants": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"$ref": "#/components/schemas/IconVariant"}},
        "prompt": {"type": "string"},
        "intent": {"type": "string", "enum": ["create", "refine"]},
        "colorMode": {"type": "string", "enum": ["dark", "light"]},
        "favorite": {"type": "boolean"},
        "source": {"type": "string", "enum": ["generated", "imported"]},
        "selectedVariant": {"type": "integer", "minimum": 0, "maximum": 2},
        "interpretation": {"oneOf": [{"$ref": "#/components/schemas/Interpretation"}, {"type": "null"}],
                           "description": "What the built-in generator understood; null for imports and Anthropic"},
        "createdAt": {"type": "string", "format": "date-time"},
        "updatedAt": {"type": "string", "format": "date-time"}
      }
    },
    "IconThumbnail": {
      "type": "object",
      "description": "An icon as a list of thumbnails shows it (view=thumbnail): the selected variant only, without its scene; GET /api/icons/{id} has them all and the interpretation",
      "required": ["id", "prompt", "intent", "colorMode", "favorite", "source", "selectedVariant", "variantCount",
                   "selected", "createdAt", "updatedAt"],
      "properties": {
        "id": {"type": "string", "format": "uuid"},
        "prompt": {"type": "string"},
        "intent": {"type": "string", "enum": ["create", "refine"]},
        "colorMode": {"type": "string", "enum": ["dark", "light"]},
        "favorite": {"type": "boolean"},
        "source": {"type": "string", "enum": ["generated", "imported"]},
        "selectedVariant": {"type": "integer", "minimum": 0, "maximum": 2},
        "variantCount": {"type": "integer", "minimum": 1, "maximum": 3},
        "selected": {"$ref": "#/components/schemas/IconVariant"},
        "createdAt": {"type": "string", "format": "date-time"},
        "updatedAt": {"type": "string", "format": "date-time"}
      }
    },
    "IconPage": {
      "type": "object", "required": ["data", "total", "limit", "offset"],
      "properties": {
        "data": {"type": "array", "items": {"oneOf": [{"$ref": "#/components/schemas/Icon"},
                                                     {"$ref": "#/components/schemas/IconThumbnail"}]},
                 "description": "Icon objects without the variants' scenes (view=full, the default) or IconThumbnail objects (view=thumbnail)"},
        "total": {"type": "integer", "minimum": 0},
        "limit": {"type": "integer", "minimum": 1, "maximum": 100},
        "offset": {"type": "integer", "minimum": 0}
      }
    },
    "SvgInput": {"type": "string", "maxLength": 65536,
                 "description": "An SVG document of at most 64 KiB; it is sanitised before use, and rejected (400) when it cannot be"},
    "CreateIconRequest": {
      "type": "object", "required": ["prompt"],
      "properties": {
        "prompt": {"type": "string", "minLength": 1, "maxLength": 1000, "description": "Trimmed; no control characters"},
        "intent": {"type": "string", "enum": ["create", "refine"], "default": "create"},
        "colorMode": {"type": "string", "enum": ["dark", "light"], "default": "dark"},
        "variantCount": {"type": "integer", "minimum": 1, "maximum": 3, "default": 1},
        "referenceSvg": {"$ref": "#/components/schemas/SvgInput", "description": "The icon to refine as SVG (a refine needs referenceIcon, referenceScene or referenceSvg)"},
        "referenceIcon": {"type": "string", "format": "uuid", "description": "Refine: one of the caller's icons; its scene and SVG are the reference"},
        "referenceVariant": {"type": "integer", "minimum": 0, "maximum": 2, "description": "Refine: the variant of referenceIcon (default: its selected variant)"},
        "referenceScene": {"$ref": "#/components/schemas/Scene", "description": "Refine: a scene the client holds (validated by the strict scene parser; 400 naming the scene path)"},
        "attachments": {"type": "array", "maxItems": 5, "description": "Style references",
                        "items": {"type": "object", "required": ["svg"],
                                  "properties": {"name": {"type": "string"}, "svg": {"$ref": "#/components/schemas/SvgInput"}}}}
      }
    },
    "ImportIconRequest": {
      "type": "object", "required": ["name", "svg"],
      "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200},
                     "svg": {"$ref": "#/components/schemas/SvgInput"}}
    },
    "PatchIconRequest": {
      "type": "object", "minProperties": 1,
      "description": "Parameter edits are checked against each scene's parameter schema: an unknown name or a value of the wrong type or outside its range is a 400 whose field is parameters.<name> (e.g. parameters.gear.teeth) and whose message gives the range; on any error nothing changes. Edited scenes are built again by the built-in engine and drawn by the shared renderer; the response carries the new SVGs and scenes.",
      "properties": {"favorite": {"type": "boolean"},
                     "selectedVariant": {"type": "integer", "minimum": 0, "maximum": 2,
                                         "description": "Index into variants"},
                     "parameters": {"type": "object", "description": "New values for the variant `variant` (default: the selected one), by parameter name: {\"gear.teeth\": 12}; unnamed parameters keep their values",
                                    "additionalProperties": {"oneOf": [{"type": "number"}, {"type": "boolean"}, {"type": "string"}]}},
                     "variant": {"type": "integer", "minimum": 0, "maximum": 2, "description": "The variant `parameters` edits"},
                     "variants": {"type": "array", "maxItems": 3, "description": "Several variants at once",
                                  "items": {"type": "object", "required": ["index", "parameters"],
                                            "properties": {"index": {"type": "integer", "minimum": 0, "maximum": 2},
                                                           "parameters": {"type": "object"}}}},
                     "colorMode": {"type": "string", "enum": ["dark", "light"],
                                   "description": "Draws every scene again in this palette; 400 for an icon without scenes (imported SVG)"}}
    },
    "ToolbarSetSummary": {
      "type": "object", "required": ["id", "name", "colorMode", "iconCount", "iconIds", "createdAt", "updatedAt"],
      "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string", "maxLength": 100},
                     "colorMode": {"type": "string", "enum": ["dark", "light"], "description": "The set's style: dark ink for light toolbars, light ink for dark ones"},
                     "iconCount": {"type": "integer"},
                     "iconIds": {"type": "array", "items": {"type": "string", "format": "uuid"}},
                     "createdAt": {"type": "string", "format": "date-time"}, "updatedAt": {"type": "string", "format": "date-time"}}
    },
    "ToolbarSet": {
      "allOf": [{"$ref": "#/components/schemas/ToolbarSetSummary"},
                {"type": "object", "required": ["icons"],
                 "properties": {"icons": {"type": "array", "items": {
                   "type": "object", "required": ["id", "name", "fileName", "variant", "svg", "inSetInk", "source"],
                   "properties": {"id": {"type": "string", "format": "uuid"}, "name": {"type": "string"},
                                  "fileName": {"type": "string", "description": "Unique in the set, from the icon's name"},
                                  "variant": {"type": "integer"},
                                  "svg": {"type": "string", "description": "The selected variant, drawn in the set's ink when it has a scene"},
                                  "inSetInk": {"type": "boolean", "description": "false: a plain-SVG icon in another ink, which cannot be drawn again"},
                                  "source": {"type": "string", "enum": ["generated", "imported"]},
                                  "scene": {"$ref": "#/components/schemas/Scene"}}}}}}]
    },
    "ToolbarSetRequest": {
      "type": "object",
      "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 100},
                     "colorMode": {"type": "string", "enum": ["dark", "light"]},
                     "iconIds": {"type": "array", "maxItems": 200, "items": {"type": "string", "format": "uuid"},
                                 "description": "The caller's icons in toolbar order (replaces the set's icons)"}}
    },
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
    },
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
    },
    "Health": {
      "type": "object", "required": ["status"],
      "properties": {"status": {"type": "string", "enum": ["ok", "error"]},
                     "checks": {"type": "object", "properties": {"database": {"type": "boolean"}}}}
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
})json";

// The per-route table. Keys are "METHOD /pattern" exactly as registered on the Router.
const char *const kOperations = R"json({
  "POST /api/icons": {
    "tags": ["icons"], "operationId": "createIcon",
    "description": "Validates the request, applies the generation limits, runs the configured generator and, only on success, stores the icon in one transaction. A client that disconnects still gets the icon stored in its history. The built-in generator returns and stores its interpretation of the prompt, and the scene of each variant; when it recognises nothing it draws nothing and answers 422 prompt_not_understood with up to five suggestions. Claude (ANTHROPIC_OUTPUT=scene, the default) answers through a forced tool call with scenes, validated and rendered by the shared renderer; an invalid scene gets one repair round, then 502 with nothing stored. intent refine with the built-in generator changes the reference scene as its words say (\"twelve teeth\", \"make it wider\", \"add a hole\", \"mirror it\", \"rotate 45 degrees\", \"show the grips at the ends\", \"without the guide\"), stores one variant and returns the changes in interpretation.changes; words that change nothing get 422 prompt_not_understood with refinements that fit the icon, a change the icon cannot take 422 refinement_not_possible, a reference without a scene (an imported SVG) 422 refine_needs_scene.",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateIconRequest"}}}},
    "responses": {
      "201": {"description": "The stored icon", "headers": {"Location": {"schema": {"type": "string"}}},
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Icon"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"},
      "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
      "422": {"description": "The built-in generator recognised nothing to draw or change (prompt_not_understood, with suggestions), or cannot refine the reference (refine_needs_scene, refinement_not_possible: error body without suggestions)",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PromptNotUnderstood"}}}},
      "429": {"$ref": "#/components/responses/TooManyRequests"},
      "502": {"$ref": "#/components/responses/BadGateway"},
      "503": {"$ref": "#/components/responses/ServiceUnavailable"}
    }
  },
  "GET /api/icons": {
    "tags": ["icons"], "operationId": "listIcons",
    "parameters": [
      {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
      {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100000, "default": 0}},
      {"name": "favorite", "in": "query", "description": "true: favourites only; false: all but favourites",
       "schema": {"type": "boolean"}},
      {"name": "q", "in": "query", "description": "Case-insensitive substring of the prompt",
       "schema": {"type": "string", "maxLength": 200}},
      {"name": "view", "in": "query",
       "description": "full: every variant of each icon; thumbnail: the selected variant only (a lighter page for lists)",
       "schema": {"type": "string", "enum": ["full", "thumbnail"], "default": "full"}},
      {"name": "If-None-Match", "in": "header", "description": "The ETag of a page the client has: 304 when it is unchanged",
       "schema": {"type": "string"}}
    ],
    "responses": {
      "200": {"description": "A page of the caller's icons, newest first",
              "headers": {"ETag": {"schema": {"type": "string"}, "description": "Send it back as If-None-Match"}},
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IconPage"}}}},
      "304": {"description": "The page is unchanged since the ETag given in If-None-Match",
              "headers": {"ETag": {"schema": {"type": "string"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"}
    }
  },
  "POST /api/icons/import": {
    "tags": ["icons"], "operationId": "importIcon",
    "description": "Limits per user (the local user has none): ICON_IMPORT_RATE_PER_MIN imports a minute (429), ICON_IMPORT_MAX_STORED imported icons kept (409 icon_limit_reached; deleting some makes room).",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportIconRequest"}}}},
    "responses": {
      "201": {"description": "The stored icon (source: imported)", "headers": {"Location": {"schema": {"type": "string"}}},
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Icon"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"},
      "409": {"description": "The caller keeps the most imported icons allowed (icon_limit_reached)",
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "415": {"$ref": "#/components/responses/UnsupportedMediaType"},
      "429": {"$ref": "#/components/responses/TooManyRequests"}
    }
  },
  "GET /api/icons/{id}": {
    "tags": ["icons"], "operationId": "getIcon",
    "responses": {
      "200": {"description": "The icon", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Icon"}}}},
      "404": {"$ref": "#/components/responses/NotFound"}
    }
  },
  "PATCH /api/icons/{id}": {
    "tags": ["icons"], "operationId": "updateIcon",
    "description": "Marks a favourite, chooses the variant, edits the parameters of the scenes per variant or draws them in the other palette; see PatchIconRequest.",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PatchIconRequest"}}}},
    "responses": {
      "200": {"description": "The updated icon", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Icon"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"},
      "404": {"$ref": "#/components/responses/NotFound"},
      "415": {"$ref": "#/components/responses/UnsupportedMediaType"}
    }
  },
  "DELETE /api/icons/{id}": {
    "tags": ["icons"], "operationId": "deleteIcon",
    "responses": {"204": {"description": "Deleted"}, "404": {"$ref": "#/components/responses/NotFound"}}
  },
  "GET /api/icons/{id}/svg": {
    "tags": ["icons"], "operationId": "downloadIconSvg",
    "parameters": [
      {"name": "variant", "in": "query", "description": "Index into variants; default the selected variant",
       "schema": {"type": "integer", "minimum": 0, "maximum": 2}}
    ],
    "responses": {
      "200": {"description": "The SVG file, served with nosniff, a sandboxing Content-Security-Policy and Cache-Control: private",
              "headers": {"Content-Disposition": {"schema": {"type": "string"},
                                                  "description": "attachment; filename=\"<prompt>[_variant_n].svg\""}},
              "content": {"image/svg+xml": {"schema": {"type": "string"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"},
      "404": {"$ref": "#/components/responses/NotFound"}
    }
  },

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
  },

  "GET /api/health/liveness": {
    "tags": ["health"], "operationId": "liveness",
    "responses": {"200": {"description": "The process is up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
  },
  "GET /api/health/readiness": {
    "tags": ["health"], "operationId": "readiness",
    "responses": {"200": {"description": "Ready: the database answers", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                  "503": {"description": "Not ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
  },
  "GET /api/live": {
    "tags": ["health"], "operationId": "livenessAlias", "deprecated": true, "description": "The original's alias of /api/health/liveness.",
    "responses": {"200": {"description": "The process is up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
  },
  "GET /api/ready": {
    "tags": ["health"], "operationId": "readinessAlias", "deprecated": true, "description": "The original's alias of /api/health/readiness.",
    "responses": {"200": {"description": "Ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                  "503": {"description": "Not ready", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}}
  },

  "GET /api/sets": {
    "tags": ["sets"], "operationId": "listSets",
    "responses": {"200": {"description": "The caller's toolbar sets", "content": {"application/json": {"schema": {
      "type": "object", "required": ["data"], "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/ToolbarSetSummary"}}}}}}}}
  },
  "POST /api/sets": {
    "tags": ["sets"], "operationId": "createSet",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/ToolbarSetRequest"}, {"required": ["name"]}]}}}},
    "responses": {
      "201": {"description": "The set", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ToolbarSet"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"},
      "409": {"description": "The caller has a set of that name", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "415": {"$ref": "#/components/responses/UnsupportedMediaType"}
    }
  },
  "GET /api/sets/{id}": {
    "tags": ["sets"], "operationId": "getSet",
    "responses": {"200": {"description": "The set with its icons drawn in its style", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ToolbarSet"}}}},
                  "404": {"$ref": "#/components/responses/NotFound"}}
  },
  "PATCH /api/sets/{id}": {
    "tags": ["sets"], "operationId": "updateSet",
    "requestBody": {"required": true, "content": {"application/json": {"schema": {"allOf": [{"$ref": "#/components/schemas/ToolbarSetRequest"}, {"minProperties": 1}]}}}},
    "responses": {
      "200": {"description": "The set; a new style draws every scene in it again", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ToolbarSet"}}}},
      "400": {"$ref": "#/components/responses/BadRequest"},
      "404": {"$ref": "#/components/responses/NotFound"},
      "409": {"description": "The caller has a set of that name", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "415": {"$ref": "#/components/responses/UnsupportedMediaType"}
    }
  },
  "DELETE /api/sets/{id}": {
    "tags": ["sets"], "operationId": "deleteSet",
    "responses": {"204": {"description": "Deleted (the icons stay)"}, "404": {"$ref": "#/components/responses/NotFound"}}
  },

  "GET /api/openapi.json": {
    "tags": ["meta"], "operationId": "openapi",
    "responses": {"200": {"description": "This document", "content": {"application/json": {"schema": {"type": "object"}}}}}
  }
})json";

QJsonArray pathParameters(const QString &pattern, const QJsonArray &declared)
{
    QJsonArray parameters = declared;
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}]+)\\}"));
    auto it = placeholder.globalMatch(pattern);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        bool present = false;
        for (const QJsonValue &p : declared) {
            const QJsonObject o = p.toObject();
            present = present || (o.value(QLatin1String("in")) == QLatin1String("path") &&
                                  o.value(QLatin1String("name")) == name);
        }
        if (!present) {
            parameters.append(QJsonObject{
                {QStringLiteral("name"), name},
                {QStringLiteral("in"), QStringLiteral("path")},
                {QStringLiteral("required"), true},
                {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
        }
    }
    return parameters;
}

} // namespace

namespace OpenApiDocument {

const QJsonObject &operations()
{
    static const QJsonObject table = parse(kOperations);
    return table;
}

const QJsonObject &components()
{
    static const QJsonObject table = parse(kComponents);
    return table;
}

QString operationKey(const QByteArray &method, const QString &pattern)
{
    return QString::fromLatin1(method.toUpper()) + u' ' + pattern;
}

QJsonObject build(const Router &router, const QString &version)
{
    const QJsonObject &table = operations();
    QJsonObject paths;
    for (const Router::Route &route : router.routes()) {
        const QString key = operationKey(route.method, route.pattern);
        QJsonObject operation = table.value(key).toObject();
        if (!table.contains(key))
            qCWarning(lcHttp).noquote() << "OpenAPI: no schema details for" << key;
        if (!route.summary.isEmpty())
            operation.insert(QStringLiteral("summary"), route.summary);
        const QJsonArray parameters =
            pathParameters(route.pattern, operation.value(QLatin1String("parameters")).toArray());
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        QJsonObject responses = operation.value(QLatin1String("responses")).toObject();
        if (responses.isEmpty())
            responses.insert(QStringLiteral("default"),
                             QJsonObject{{QStringLiteral("description"), QStringLiteral("Response")}});
        if (route.authenticated) {
            QJsonArray security{QJsonObject{{QStringLiteral("bearerAuth"), QJsonArray()}}};
            if (route.acceptsApiKey)
                security.append(QJsonObject{{QStringLiteral("apiKeyAuth"), QJsonArray()}});
            operation.insert(QStringLiteral("security"), security);
            if (!responses.contains(QLatin1String("401")))
                responses.insert(QStringLiteral("401"),
                                 QJsonObject{{QStringLiteral("$ref"),
                                              QStringLiteral("#/components/responses/Unauthorized")}});
        }
        // Every route but health answers 503 while the server starts (the schema is not there yet)
        // or the database is unavailable.
        if (!responses.contains(QLatin1String("503")) &&
            !route.pattern.startsWith(QLatin1String("/api/health")))
            responses.insert(QStringLiteral("503"),
                             QJsonObject{{QStringLiteral("$ref"),
                                          QStringLiteral("#/components/responses/ServiceUnavailable")}});
        operation.insert(QStringLiteral("responses"), responses);

        QJsonObject item = paths.value(route.pattern).toObject();
        item.insert(QString::fromLatin1(route.method.toLower()), operation);
        paths.insert(route.pattern, item);
    }

    return QJsonObject{
        {QStringLiteral("openapi"), QStringLiteral("3.1.0")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), QStringLiteral("Parametric Icons API")},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("description"),
                      QStringLiteral(
                          "Generate CAD toolbar icons from prompts and keep them. Every error has the body "
                          "{error, message, requestId, _tag}.")}}},
        {QStringLiteral("tags"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("auth")},
                         {QStringLiteral("description"), QStringLiteral("Sign-in, tokens and sessions")}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("icons")},
                         {QStringLiteral("description"), QStringLiteral("Generation, history and library")}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("sets")},
                         {QStringLiteral("description"), QStringLiteral("Toolbar sets: named groups of icons with one style")}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("health")},
                         {QStringLiteral("description"), QStringLiteral("Liveness and readiness probes")}},
             QJsonObject{{QStringLiteral("name"), QStringLiteral("meta")},
                         {QStringLiteral("description"), QStringLiteral("This description")}}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"), components()},
    };
}

} // namespace OpenApiDocument

OpenApiController::OpenApiController(const Router &router, QString version)
    : m_state(std::make_shared<State>())
{
    m_state->router = &router;
    m_state->version = std::move(version);
}

void OpenApiController::registerRoutes(Router &router)
{
    auto &route =
        router.get(QStringLiteral("/api/openapi.json"), [state = m_state](const Request &, Reply reply) {
            QByteArray body;
            {
                QMutexLocker lock(&state->mutex);
                if (state->cached.isEmpty())
                    state->cached = QJsonDocument(OpenApiDocument::build(*state->router, state->version))
                                        .toJson(QJsonDocument::Compact);
                body = state->cached;
            }
            reply.send(Response::raw(body, "application/json"));
        });
    route.summary = QStringLiteral("This API's OpenAPI 3.1 description");
}
