# Sourced by bench/run.sh: GET /api/auth/me with a valid token, beside liveness (issue 3 target: >= 50%).
echo "== Auth"
eval "$("$BUILD/bench/authtoken/bench_auth_token")"
measure auth-me "$API/api/auth/me" -H "Authorization: Bearer $BENCH_AUTH_TOKEN"
echo "auth/me   = $(ratio auth-me liveness) of liveness (target >= 50%)"
