// The icons' OpenAPI part: icons, variants, scenes, interpretations and their requests (see OpenApiDocument).
#include "icons/iconcontroller.h"

QByteArrayView IconController::openApi() const
{
    return QByteArrayView(R"json({
  "tags": [{"name": "icons", "description": "Generation, history and library"}],
  "components": {
    "schemas": {
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
      }
    }
  },
  "operations": {
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
    }
  }
})json");
}
