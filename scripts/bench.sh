#!/usr/bin/env bash
# make bench: seeds N postings into a fresh database of each backend, drives the API with
# wrk at 32 connections (search mixes and detail), then runs the same search SQL straight
# against the database at the same concurrency (pgbench for PostgreSQL, the `drive-search`
# driver for SQLite, and for PostgreSQL too), and prints req/s, p50, p99 and API/DB ratios.
#
#   N=100000 DURATION=10 BACKENDS="sqlite postgres" make bench
#   N="10000 1000000" make bench     # several sizes: adds a growth table (p50 largest/smallest)
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${N:-100000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
BACKENDS=${BACKENDS:-"sqlite postgres"}
PORT=${BENCH_PORT:-18080}
PG_BASE=${KEYNET_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
OUT=bench/out
mkdir -p "$OUT"
: > "$OUT/partner.txt"  # this run's figures only
: > "$OUT/memory.txt"
: > "$OUT/raw.txt"  # backend size scenario rps p50 p99, for the growth table

need() { command -v "$1" >/dev/null 2>&1 || { echo "installing $2 …"; apt-get install -y -qq "$2" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }; }
need wrk wrk
need pgbench postgresql-client
need sqlite3 sqlite3

cargo build --release -q -p keynet
BIN=target/release/keynet

# Search mixes: name and query string.
MIXES=(
  "browse|"
  "nurse_tokyo|occupation=nurse&prefecture=13"
  "doctor_kanto_wage|occupation=doctor&prefecture=08&prefecture=09&prefecture=10&prefecture=11&prefecture=12&prefecture=13&prefecture=14&wage_unit=hourly&wage_min=12000&sort=wage_desc"
  "keyword_period_duty|q=%E5%A4%96%E6%9D%A5&available_from=$(date -d '+30 days' +%F)&duty=general_outpatient&duty=returnee_contact_outpatient&sort=start_date&page=2"
  # A keyword of three characters or more in many postings (発熱外来): SQLite looks it up in its
  # FTS5 trigram index; the two-character 外来 above is matched with LIKE on both backends.
  # KEYNET_KEYWORD_INDEX=like turns the index off, to compare.
  "keyword_fts|q=%E7%99%BA%E7%86%B1%E5%A4%96%E6%9D%A5&sort=start_date"
  # A rare keyword (千代田区): what the index is for.
  "keyword_rare|q=%E5%8D%83%E4%BB%A3%E7%94%B0%E5%8C%BA"
)
# ONLY_MIXES="keyword_fts" runs only the named mixes (space-separated).
if [ -n "${ONLY_MIXES:-}" ]; then
  kept=()
  for mix in "${MIXES[@]}"; do [[ " $ONLY_MIXES " == *" ${mix%%|*} "* ]] && kept+=("$mix"); done
  MIXES=("${kept[@]}")
fi

to_ms() { # wrk latency like 812.00us, 1.23ms, 2.01s
  awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'
}

run_wrk() { # url [lua] -> "rps p50 p99 non2xx"
  local url=$1 lua=${2:-} out
  if [ -n "$lua" ]; then out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$lua" "$url"); else out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url"); fi
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); bad=${bad:-0}
  echo "$rps $p50 $p99 $bad"
}

row() { # backend N scenario api_rps api_p50 api_p99 tool db_rps db_p50 db_p99: one line of results.txt
  local ratio
  ratio=$(awk -v a="$4" -v d="$8" 'BEGIN { if (d > 0) printf "%.0f%%", 100*a/d; else print "-" }')
  printf '%-9s %8s %-22s %10s %8s %8s | %-8s %10s %8s %8s | %7s\n' "$@" "$ratio" >> "$OUT/results.txt"
}

printf '\n%-9s %8s %-22s %10s %8s %8s | %-8s %10s %8s %8s | %7s\n' backend N scenario "API req/s" "p50 ms" "p99 ms" "db tool" "DB req/s" "p50 ms" "p99 ms" "API/DB" > "$OUT/results.txt"

for N in $SIZES; do
cat > "$OUT/detail.lua" <<LUA
math.randomseed(42)
request = function() return wrk.format(nil, "/api/v1/postings/" .. math.random(1, $N)) end
LUA
for backend in $BACKENDS; do
  if [ "$backend" = postgres ]; then
    bash scripts/ensure-postgres.sh
    psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS keynet_bench WITH (FORCE)" -c "CREATE DATABASE keynet_bench"
    URL="$PG_BASE/keynet_bench"
  else
    rm -f "$OUT"/bench.sqlite3*
    URL="$OUT/bench.sqlite3"
  fi
  export KEYNET_DATABASE_URL=$URL KEYNET_DATA_DIR=$OUT/data KEYNET_MAIL_DIR=$OUT/data/mail KEYNET_BIND=127.0.0.1:$PORT
  # A full feed sync of a million postings is a thousand pages: lift the per-key rate limit.
  export KEYNET_PARTNER_REQUESTS_PER_MINUTE=1000000
  echo "== $backend: seeding $N postings"
  start=$(date +%s.%N)
  RUST_LOG=warn $BIN seed-demo --postings "$N" > "$OUT/partner-keys.txt"
  # The MHLW's key: a full-detail scope over every occupation and prefecture.
  partner_key=$(awk -F'\t' '/厚生労働省/ {print $1; exit}' "$OUT/partner-keys.txt")
  echo "   seeded in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"
  if [ "$backend" = postgres ]; then psql "$URL" -qc "VACUUM ANALYZE"; fi

  RUST_LOG=error $BIN serve > "$OUT/server-$backend.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.2; done
  # The change-log consumers (mail, audit, alerts, webhooks) first work through the seeded
  # postings' changes; measure once they have, as a server does after a bulk import.
  # (The webhook consumer reads posting changes only, so its cursor stops at the last one.)
  caught_up_sql="SELECT count(*) FROM change_cursors WHERE last_seq >= (SELECT max(seq) FROM change_log WHERE entity = 'posting')"
  start=$(date +%s.%N)
  for _ in $(seq 1 1200); do
    if [ "$backend" = postgres ]; then done_n=$(psql "$URL" -tAc "$caught_up_sql"); else done_n=$(sqlite3 "$URL" "$caught_up_sql"); fi
    [ "${done_n:-0}" -ge 4 ] && break
    sleep 0.5
  done
  echo "   consumers caught up in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}') s"
  # Write out what seeding and the consumers left dirty, so that PostgreSQL's checkpointer is
  # not flushing a million postings while the mixes run (at 1,000,000, right after seeding,
  # pgbench ran nurse_tokyo at 530 statements/s; on the same database minutes later, 1,750).
  if [ "$backend" = postgres ]; then psql "$URL" -qc "CHECKPOINT"; fi

  declare -A api=()
  for mix in "${MIXES[@]}"; do
    name=${mix%%|*}; query=${mix#*|}
    echo "   API  $name"
    # One request first, as the database side is measured warm too.
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/postings?$query" || true
    api[$name]=$(run_wrk "http://127.0.0.1:$PORT/api/v1/postings?$query")
    read -r _ p50 _ _ <<<"${api[$name]}"
    echo "$backend $N $name $p50" >> "$OUT/raw.txt"
  done
  # Resident memory after the search mixes, and the most it reached so far.
  awk -v b="$backend" -v n="$N" '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%-9s %8s server RSS after the search mixes %4.0f MB (peak so far %4.0f MB)\n", b, n, r/1024, h/1024}' \
    "/proc/$server/status" >> "$OUT/memory.txt"
  echo "   API  partner feed and CSV"
  while read -r pname prows psecs prate ppeak pbefore; do
    printf '%-9s %8s %-15s %8s rows in %7ss = %8s rows/s | server RSS %s MB before, %s MB peak\n' \
      "$backend" "$N" "$pname" "$prows" "$psecs" "$prate" "$pbefore" "$ppeak" >> "$OUT/partner.txt"
  done < <(python3 scripts/bench_partner.py "http://127.0.0.1:$PORT" "$partner_key" "$server")
  echo "   API  detail"
  read -r rps p50 p99 bad < <(run_wrk "http://127.0.0.1:$PORT" "$OUT/detail.lua")
  # The server's own endpoint that reads no database (liveness): what HTTP alone costs here.
  echo "   API  no-database endpoint"
  read -r nrps np50 np99 _ < <(run_wrk "http://127.0.0.1:$PORT/api/v1/health/live")
  row "$backend" "$N" detail "$rps" "$p50" "$p99" no-db "$nrps" "$np50" "$np99"
  [ "$bad" = 0 ] || echo "   warning: $bad non-2xx responses on detail" | tee -a "$OUT/results.txt"

  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
  # The same read straight on the database (the statement an anonymous detail sends, random
  # IDs as above, no HTTP, no view): the database's own ceiling under the detail figures.
  echo "   DB   detail"
  read -r ddrps ddp50 ddp99 _ < <($BIN drive-detail --postings "$N" --connections "$CONNECTIONS" --seconds "$DURATION" || echo "0 0 0 0")
  row "$backend" "$N" detail "$rps" "$p50" "$p99" driver "$ddrps" "$ddp50" "$ddp99"

  for mix in "${MIXES[@]}"; do
    name=${mix%%|*}; query=${mix#*|}
    read -r arps ap50 ap99 abad <<<"${api[$name]}"
    [ "$abad" = 0 ] || echo "   warning: $abad non-2xx responses on $name" | tee -a "$OUT/results.txt"
    echo "   DB   $name"
    tools=("driver")
    [ "$backend" = postgres ] && tools=("pgbench" "driver")
    for tool in "${tools[@]}"; do
      if [ "$tool" = pgbench ]; then
        $BIN search-sql --query "$query" > "$OUT/search-$name.sql"
        rm -f "$OUT"/pgbench_log*
        pg=$(cd "$OUT" && pgbench -n -c "$CONNECTIONS" -j 2 -T "$DURATION" -f "search-$name.sql" -l --log-prefix=pgbench_log "$URL" 2>&1)
        drps=$(awk '/^tps = / {print $3; exit}' <<<"$pg")
        read -r dp50 dp99 < <(cat "$OUT"/pgbench_log* | awk '{print $3/1000}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f\n", a[int(NR*0.5)+1], a[int(NR*0.99)+1]}')
      else
        read -r drps dp50 dp99 _ < <($BIN drive-search --query "$query" --connections "$CONNECTIONS" --seconds "$DURATION" || echo "0 0 0 0")
      fi
      row "$backend" "$N" "$name" "$arps" "$ap50" "$ap99" "$tool" "$drps" "$dp50" "$dp99"
    done
  done
  # Acknowledged writes: the demo facility registers postings (each one a durable commit
  # of the posting, its documents, its history and the facility row), beside one-row
  # commits straight against the database.
  # After the searches on both sides, so that both search the same postings.
  RUST_LOG=error $BIN serve >> "$OUT/server-$backend.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.2; done
  echo "   API  create_posting"
  token=$(curl -fs "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"login_id":"DEMO-0001","password":"keynet-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  start_date=$(date -d '+30 days' +%F); end_date=$(date -d '+120 days' +%F)
  cat > "$OUT/write.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"occupation":"nurse","mask_requested":false,"workplace":{"postal_code":"1000001","facility_type":"hospital","prefecture_code":"13","municipality":"千代田区","street_address":"千代田1-1","facility_name":"本館3階"},"employment_period":{"start":"$start_date","end":"$end_date"},"probation_weeks":null,"duties":{"codes":["general_outpatient"],"other_detail":null},"wage":{"unit":"hourly","amount_yen":2500,"probation_amount_yen":null},"hours":{"start":"08:45","end":"17:10","break_minutes":60,"overtime":false,"overtime_detail":null,"holidays":"土日祝"},"insurance":{"codes":["employment"],"other_detail":null},"no_smoking_on_premises":true,"notes":"","contact":{"person_name":"山田花子","address":null,"phone":"03-0000-0000","extension":null,"application_phone":null,"email":"jinji@example.jp"},"other_listings":{"codes":[],"other_detail":null}}'
LUA
  read -r wrps wp50 wp99 wbad < <(run_wrk "http://127.0.0.1:$PORT/api/v1/postings" "$OUT/write.lua")
  [ "$wbad" = 0 ] || echo "   warning: $wbad non-2xx responses on create_posting" | tee -a "$OUT/results.txt"
  kill $server; wait $server 2>/dev/null || true
  echo "   DB   commit"
  read -r crps cp50 cp99 _ < <($BIN drive-writes --connections "$CONNECTIONS" --seconds "$DURATION")
  row "$backend" "$N" create_posting "$wrps" "$wp50" "$wp99" commit "$crps" "$cp50" "$cp99"
  trap - EXIT
  unset api
done
done

echo
echo "N=$SIZES postings, $CONNECTIONS connections, ${DURATION}s each, on $(nproc) cores (load tool and server share them)."
echo "API/DB = API req/s as a share of the same search run straight against the database;"
echo "for create_posting, of one-row durable commits (SQLite synchronous=FULL in WAL, PostgreSQL fsync on commit);"
echo "for detail, of the server's liveness endpoint, which reads no database, and of the same read by ID straight on the database."
cat "$OUT/results.txt"
echo
echo "Partner channels (the MHLW's scope: every open posting; feed pages of 1000, CSV streamed):"
cat "$OUT/partner.txt"
echo
echo "Server memory:"
cat "$OUT/memory.txt"
set -- $SIZES
if [ $# -gt 1 ]; then
  small=$1; large=${!#}
  echo
  echo "Growth: API p50 at N=$large against N=$small (target: within 2x)"
  awk -v s="$small" -v l="$large" '
    $2 == s { a[$1 " " $3] = $4 }
    $2 == l { b[$1 " " $3] = $4; order[++n] = $1 " " $3 }
    END { for (i = 1; i <= n; i++) { k = order[i]; if (k in a && a[k] > 0)
      printf "%-32s %8.2f ms -> %8.2f ms  %5.1fx %s\n", k, a[k], b[k], b[k] / a[k], (b[k] <= 2 * a[k] ? "ok" : "over") } }' "$OUT/raw.txt"
fi
