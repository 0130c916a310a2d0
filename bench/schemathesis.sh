#!/usr/bin/env bash
# Schemathesis over de hele API: alle checks, standaard ten minste 10.000 testgevallen, tegen een lokale
# Maatstaf op een eigen, nieuwe PostgreSQL-database (zoals in productie, met --http app.server:BegrensdeKop).
#
#   bench/schemathesis.sh                    # 700 voorbeelden per operatie
#   MAX_EXAMPLES=400 bench/schemathesis.sh   # ten minste 10.000 testgevallen (10.988 in ~4 minuten, RELIABILITY.md)
#   MAX_EXAMPLES=2000 bench/schemathesis.sh  # 36.046 testgevallen (~30 minuten op een belaste machine)
#   MAX_EXAMPLES=50 bench/schemathesis.sh    # snel
#
# Schemathesis is geen afhankelijkheid van het project: het script installeert het in een eigen venv
# (${SCHEMATHESIS_VENV:-/tmp/maatstaf-schemathesis}). Nodig: de venv van het project (.venv, `make install`) en
# PostgreSQL op MAATSTAF_TEST_POSTGRES_URL (standaard postgresql+psycopg://postgres@127.0.0.1:5432/test).
# Het rapport (JUnit-XML en de uitvoer) komt in bench/results/ (niet in git).
set -euo pipefail

WORTEL="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$WORTEL/.venv/bin/python}"
ST_VENV="${SCHEMATHESIS_VENV:-/tmp/maatstaf-schemathesis}"
ST_VERSIE="${SCHEMATHESIS_VERSIE:->=4.3,<5}"
MAX_EXAMPLES="${MAX_EXAMPLES:-700}"
WORKERS="${WORKERS:-2}"
PORT="${PORT:-18431}"
SERVER_URL="${MAATSTAF_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
UIT="$WORTEL/bench/results/schemathesis-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$UIT"

if [ ! -x "$ST_VENV/bin/schemathesis" ]; then
  echo ">> schemathesis installeren in $ST_VENV"
  python3 -m venv "$ST_VENV"
  "$ST_VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis${ST_VERSIE}"
fi
echo ">> $("$ST_VENV/bin/schemathesis" --version)"

# Een nieuwe database per run; na afloop weer weg.
DB_NAAM="maatstaf_st_$(date +%s)_$$"
DATABASE_URL="$("$PY" - "$SERVER_URL" "$DB_NAAM" <<'EOF'
import sys
from sqlalchemy import create_engine, make_url, text
server, naam = make_url(sys.argv[1]), sys.argv[2]
with create_engine(server, isolation_level="AUTOCOMMIT").connect() as c:
    c.execute(text(f'CREATE DATABASE "{naam}"'))
print(server.set(database=naam).render_as_string(hide_password=False))
EOF
)"
export DATABASE_URL
export MAATSTAF_JWT_SECRET="schemathesis-geheim-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export MAATSTAF_SLEUTEL="$(head -c 32 /dev/urandom | base64)"  # hoofdsleutel voor de versleutelde vrije tekst
export MAATSTAF_CHECKPOINT_SLEUTEL="$(head -c 32 /dev/urandom | base64)"  # ondertekent checkpoints van de ketens

opruimen() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  "$PY" - "$SERVER_URL" "$DB_NAAM" <<'EOF' || true
import sys
from sqlalchemy import create_engine, make_url, text
with create_engine(make_url(sys.argv[1]), isolation_level="AUTOCOMMIT").connect() as c:
    c.execute(text(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)'))
EOF
}
trap opruimen EXIT

cd "$WORTEL"
"$PY" -m uvicorn app.main:app --host 127.0.0.1 --port "$PORT" --http app.server:BegrensdeKop \
  --log-level warning --no-access-log >"$UIT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.2
done
TOKEN="$("$PY" -m app.cli token --sub schemathesis --gemeente 0363 --rollen medewerker,beoordelaar,auditor,beleidsmedewerker,beleidsbeheerder --team SCHEMATHESIS)"

echo ">> schemathesis: alle checks, $MAX_EXAMPLES voorbeelden per operatie, $WORKERS workers; uitvoer in $UIT"
# Een eigen Idempotency-Key per verzoek en de regels die geen JSON Schema kan uitdrukken: zie het hookbestand.
export SCHEMATHESIS_HOOKS="$WORTEL/bench/schemathesis_hooks.py"
export MAATSTAF_ST_LOG="$UIT/st202.jsonl"
: >"$MAATSTAF_ST_LOG"
status=0
# Vanuit $UIT, zodat de cache van schemathesis (.schemathesis/) niet in de werkmap belandt.
(cd "$UIT" && "$ST_VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --workers "$WORKERS" \
  --header "Authorization: Bearer $TOKEN" \
  --report junit --report-dir "$UIT" \
  --no-color) 2>&1 | tee "$UIT/uitvoer.txt" || status=$?

echo ">> schema-geldig maar geweigerd (ST202), per operatie en probleem; 'verwacht' = regel buiten het schema:"
"$PY" - "$MAATSTAF_ST_LOG" <<'EOF'
import collections, json, re, sys
regels = [json.loads(r) for r in open(sys.argv[1], encoding="utf-8") if r.strip()]
def soort(problemen):  # perioden.3.tot -> perioden.*.tot; elk probleem één keer
    return ", ".join(sorted({f"{re.sub(r'[.][0-9]+', '.*', n)} {c}" for n, c in problemen})) or "(geen invalidParams)"
telling = collections.Counter((r["verwacht"], r["operatie"], r["status"], soort(r["problemen"])) for r in regels)
for (verwacht, operatie, status, problemen), n in sorted(telling.items()):
    print(f"  {n:5d}  {'verwacht' if verwacht else 'FOUT    '}  {operatie}  {status}  {problemen}")
print(f"  totaal {len(regels)}, waarvan fout {sum(not r['verwacht'] for r in regels)}")
EOF
echo ">> 5xx in het serverlog (moet 0 zijn):"
grep -c "Onverwachte fout" "$UIT/server.log" || true
echo ">> klaar (status $status); rapport in $UIT"
exit "$status"
