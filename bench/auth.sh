# Sourced by bench/run.sh: GET /api/auth/me with a valid token, beside liveness (target: >= 50%).
echo "== Auth"
eval "$("$BUILD/bench/authtoken/bench_auth_token")"
for c in "${CONNECTION_COUNTS[@]}"; do
  measure auth-me "$c" "$API/api/auth/me" -H "Authorization: Bearer $BENCH_AUTH_TOKEN"
  echo "  auth-me@$c = $(ratio "auth-me@$c" "liveness@$c") of liveness (target >= 0.50)"
done
