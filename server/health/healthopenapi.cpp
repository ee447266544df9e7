// The health probes' OpenAPI part (see OpenApiDocument).
#include "health/healthcontroller.h"

QByteArrayView HealthController::openApi() const
{
    return QByteArrayView(R"json({
  "tags": [{"name": "health", "description": "Liveness and readiness probes"}],
  "components": {
    "schemas": {
      "Health": {
        "type": "object", "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["ok", "error"]},
                       "checks": {"type": "object", "properties": {"database": {"type": "boolean"}}}}
      }
    }
  },
  "operations": {
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
    }
  }
})json");
}
