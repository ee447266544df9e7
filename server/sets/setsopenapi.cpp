// The toolbar sets' OpenAPI part; Scene comes from the icons' part (see OpenApiDocument).
#include "sets/setcontroller.h"

QByteArrayView SetController::openApi() const
{
    return QByteArrayView(R"json({
  "tags": [{"name": "sets", "description": "Toolbar sets: named groups of icons with one style"}],
  "components": {
    "schemas": {
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
      }
    }
  },
  "operations": {
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
    }
  }
})json");
}
