#!/usr/bin/env python3
"""deploy_compose: keeps the deployment files correct without a Docker engine.

  check_deploy.py <source-dir>

- deploy/docker-compose.yml: the original's `postgres` service is kept as it was (BACKEND.md section 4.2),
  the server service builds deploy/Dockerfile, reaches that database and waits for it to be healthy.
- deploy/Dockerfile: Debian 12, server only (-DPARAMETRIC_BUILD_APP=OFF), non-root, HEALTHCHECK on a route
  the server really registers.
- Configuration drift: every variable the server code reads is in deploy/server.env.example and in the
  README's table, and neither lists a variable the code no longer reads.
"""
import re
import sys
from pathlib import Path

import yaml

errors = []


def check(condition, message):
    if not condition:
        errors.append(message)


def server_variables(src: Path):
    """Variables read by the server: ServerConfig value/intValue/has, qEnvironmentVariable, and the
    OAUTH_<P> prefixes completed with _CLIENT_ID / _CLIENT_SECRET."""
    names = set()
    code = "\n".join(p.read_text(errors="replace") for p in (src / "server").rglob("*.cpp"))
    for m in re.finditer(r'(?:value|intValue|has|endpoint)\((?:config,\s*)?QStringLiteral\("([A-Z][A-Z0-9_]+)"\)', code):
        names.add(m.group(1))
    for m in re.finditer(r'qEnvironmentVariable\w*\("([A-Z][A-Z0-9_]+)"\)', code):
        names.add(m.group(1))
    # The OAuth providers' defaults table (auth/authsettings.cpp): {"OAUTH_X_TOKEN_URL", "https://…"}
    # endpoints and a "OAUTH_X" prefix on a line of its own.
    for m in re.finditer(r'\{"([A-Z][A-Z0-9_]+_URL)",', code):
        names.add(m.group(1))
    prefixes = re.findall(r'envPrefix\s*=\s*QStringLiteral\("([A-Z_]+)"\)', code)
    prefixes += re.findall(r'^\s*"(OAUTH_[A-Z]+)",\s*$', code, re.M)
    suffixes = re.findall(r'envPrefix\s*\+\s*(?:u|QStringLiteral\()"(_[A-Z_]+)"', code)
    for prefix in prefixes:
        for suffix in suffixes:
            names.add(prefix + suffix)
    # Not configuration: the locale forced on PostgreSQL child processes.
    names.discard("LC_MESSAGES")
    return names


def main():
    src = Path(sys.argv[1])
    deploy = src / "deploy"

    compose = yaml.safe_load((deploy / "docker-compose.yml").read_text())
    services = compose.get("services", {})
    pg = services.get("postgres", {})
    check(pg.get("image") == "postgres:17-alpine", "postgres service: image must be postgres:17-alpine")
    check(pg.get("environment") == {"POSTGRES_DB": "parametric", "POSTGRES_USER": "postgres",
                                    "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD}"},
          "postgres service: environment differs from the original's")
    check(pg.get("volumes") == ["postgres_data:/var/lib/postgresql/data"], "postgres service: volume differs")
    check(pg.get("ports") == ["5432:5432"], "postgres service: ports differ from the original's")
    check(pg.get("healthcheck") == {"test": ["CMD-SHELL", "pg_isready -U postgres"], "interval": "5s",
                                    "timeout": "5s", "retries": 5},
          "postgres service: healthcheck differs from the original's")
    check("postgres_data" in (compose.get("volumes") or {}), "volume postgres_data is not declared")

    server = services.get("server", {})
    build = server.get("build", {})
    dockerfile = (deploy / build.get("context", ".") / build.get("dockerfile", "Dockerfile")).resolve()
    check(dockerfile == (deploy / "Dockerfile").resolve(), f"server build points at {dockerfile}")
    check((deploy / build.get("context", ".")).resolve() == src.resolve(),
          "server build context must be the repository root")
    check(server.get("depends_on", {}).get("postgres", {}).get("condition") == "service_healthy",
          "server must depend on postgres being healthy")
    env = server.get("environment", {})
    check(env.get("POSTGRES_HOST") == "postgres", "server: POSTGRES_HOST must be the postgres service")
    check(env.get("POSTGRES_DB") == pg.get("environment", {}).get("POSTGRES_DB"), "server: POSTGRES_DB mismatch")
    check(env.get("POSTGRES_USER") == pg.get("environment", {}).get("POSTGRES_USER"), "server: POSTGRES_USER mismatch")
    check(env.get("API_HOST") in ("0.0.0.0", "::"), "server: API_HOST must listen on all container interfaces")
    published = [str(p) for p in server.get("ports", [])]
    check(any(p.endswith(":" + str(env.get("API_PORT"))) for p in published),
          "server: the published port is not API_PORT")

    df = (deploy / "Dockerfile").read_text()
    froms = re.findall(r"^FROM\s+(\S+)", df, re.M)
    check(froms and all(f.startswith("debian:12") for f in froms), f"Dockerfile: not Debian 12 based: {froms}")
    check("-DPARAMETRIC_BUILD_APP=OFF" in df, "Dockerfile: must build with -DPARAMETRIC_BUILD_APP=OFF")
    users = re.findall(r"^USER\s+(\S+)", df, re.M)
    check(users and users[-1].split(":")[0] not in ("0", "root"), "Dockerfile: must run as a non-root USER")
    health = re.search(r"^HEALTHCHECK\b.*?CMD\s+(.*?)$", df, re.M | re.S)
    check(health and "/api/health/liveness" in health.group(1), "Dockerfile: HEALTHCHECK must probe /api/health/liveness")
    routes = "\n".join(p.read_text(errors="replace") for p in (src / "server" / "health").rglob("*.cpp"))
    check("/api/health/liveness" in routes, "the server no longer registers /api/health/liveness")
    dockerignore = deploy / "Dockerfile.dockerignore"
    check(dockerignore.exists() and ".git" in dockerignore.read_text(), "deploy/Dockerfile.dockerignore missing")

    code_vars = server_variables(src)
    check(len(code_vars) > 30, f"found only {len(code_vars)} server variables; is the scan still right?")
    template = (deploy / "server.env.example").read_text()
    template_vars = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", template, re.M))
    template_vars.discard("QT_LOGGING_RULES")  # Qt's own, documented as a logging hint
    for name in sorted(code_vars - template_vars):
        errors.append(f"server.env.example does not list {name}")
    for name in sorted(template_vars - code_vars):
        errors.append(f"server.env.example lists {name}, which the server does not read")

    readme = (src / "README.md").read_text()
    table = set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]+)`", readme, re.M))
    for name in sorted(code_vars - table):
        errors.append(f"README's configuration table does not list {name}")
    for name in sorted(table - code_vars - {"PARAMETRIC_SERVER_URL", "QT_LOGGING_RULES", "NO_PROXY"}):
        errors.append(f"README's configuration table lists {name}, which the server does not read")

    for e in errors:
        print("FAIL:", e)
    if not errors:
        print(f"deploy files OK; {len(code_vars)} variables documented in the template and the README")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
