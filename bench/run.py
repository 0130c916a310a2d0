"""Benchmark van Maatstaf (geen test: meet, beoordeelt niet).

(a) pure rekenkern: boeteberekeningen per seconde op één core;
(b) geauditeerde POST /api/v1/boeteberekeningen op PostgreSQL: verzoeken per seconde, p50 en p99 bij 50
    gelijktijdige clients;
(c) dezelfde belasting op een triviaal FastAPI-endpoint, op dezelfde manier geserveerd: het plafond;
(u) ``GET /api/v1/berekeningen/{id}/uitleg`` van één vastgelegde boete (professional, HTML).

Gebruik: ``make bench`` of ``.venv/bin/python bench/run.py [--duur 15] [--clients 50] [--workers 1]``.
``--metingen b,u`` kiest welke; ``--boom PAD`` laat (b) en (u) draaien tegen de Maatstaf-code in een andere map (een
uitgepakte eerdere commit), zodat twee versies afwisselend in dezelfde run te vergelijken zijn.
De belasting komt van ``wrk`` (Debian-pakket, ``make bench`` installeert het) op dezelfde machine, via loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.api.berekeningen.verzoeken import VOORBEELD_BOETE as VERZOEK  # noqa: E402 - na sys.path; het voorbeeld uit SPEC §4.4


def rekenkern(seconden: float) -> dict:
    from app.domain.boete import BoeteInvoer, Sanctie, bereken_boete
    from app.domain.huishouden import Huishouden
    from app.domain.verwijtbaarheid import VerwijtbaarheidInvoer
    from app.regels import standaard

    regels = standaard()
    graden = [
        VerwijtbaarheidInvoer(graad="NORMAAL"),
        VerwijtbaarheidInvoer(graad="VERMINDERD"),
        VerwijtbaarheidInvoer(graad="GROVE_SCHULD", bewijs=("b",)),
        VerwijtbaarheidInvoer(graad="OPZET", bewijs=("b",)),
    ]
    invoer = [
        BoeteInvoer(
            date(2025, 3, 1),
            date(2025, 10, 31),
            date(2026, 2, 2),
            graden[i % 4],
            Huishouden(leefvorm="GEHUWDEN" if i % 3 else "ALLEENSTAANDE"),
            benadelingsbedrag=Decimal(200 + 137 * i).quantize(Decimal("0.01")),
            eerdere_sancties=(Sanctie("BOETE", date(2022, 1, 1)),) if i % 5 == 0 else (),
        )
        for i in range(500)
    ]
    aantal = 0
    start = time.perf_counter()
    eind = start + seconden
    while time.perf_counter() < eind:
        for inv in invoer:
            bereken_boete(inv, regels)
        aantal += len(invoer)
    duur = time.perf_counter() - start
    return {"berekeningen": aantal, "seconden": round(duur, 2), "perSeconde": round(aantal / duur)}


def _wacht_op(url: str, seconden: float = 30) -> None:
    eind = time.time() + seconden
    while time.time() < eind:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status < 500:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{url} kwam niet op")


#: Het HTTP-protocol waarmee Maatstaf draait, zoals ``make run`` en de Docker-image (app/server.py).
PRODUCTIE_HTTP = "app.server:BegrensdeKop"


def _start(
    app: str, env: dict, poort: int, workers: int, boom: Path = ROOT, http: str | None = None
) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--host",
            "127.0.0.1",
            "--port",
            str(poort),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
            *(["--http", http] if http else []),
        ],
        cwd=boom,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _stop(proces: subprocess.Popen) -> None:
    os.killpg(proces.pid, signal.SIGTERM)
    try:
        proces.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)


def _ms(tekst: str) -> float:
    getal, eenheid = re.match(r"([\d.]+)(us|ms|s)", tekst).groups()
    return float(getal) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[eenheid]


GEHEIM = "bench-geheim-voor-maatstaf-0123456789abcdef"
SLEUTEL = "YmVuY2gtc2xldXRlbC12b29yLW1hYXRzdGFmLTMyYnk="  # base64 van 32 bytes


@contextmanager
def eigen_database(postgres: str, voorvoegsel: str = "maatstaf_bench") -> Iterator[str]:
    """Een nieuwe, lege database op de server van ``postgres`` (nooit de gedeelde ``test``), die daarna weer weg is;
    geeft haar URL."""
    import sqlalchemy as sa

    naam = f"{voorvoegsel}_{uuid.uuid4().hex[:8]}"
    beheer = sa.create_engine(postgres, isolation_level="AUTOCOMMIT")
    with beheer.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{naam}"'))
    try:
        yield sa.engine.make_url(postgres).set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()


def _token() -> str:
    from app.api.http.auth import maak_token

    return maak_token("bench", "0363", ("medewerker",), GEHEIM, 3600)


def wrk(
    url: str, body: dict | None, clients: int, seconden: int, kop: dict | None = None, zonder_token: bool = False
) -> dict:
    """``body`` None: een GET. ``kop``: extra headers; ``zonder_token``: geen Authorization (de peer)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if body is None:
            lua.write('wrk.method = "GET"\n')
        else:
            lua.write(
                'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = {json.dumps(json.dumps(body))}\n"
            )
        if not zonder_token:
            lua.write(f'wrk.headers["Authorization"] = "Bearer {_token()}"\n')
        for naam, waarde in (kop or {}).items():
            lua.write(f"wrk.headers[{json.dumps(naam)}] = {json.dumps(waarde)}\n")
    uit = subprocess.run(
        ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconden}s", "--latency", "-s", lua.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(lua.name)
    fouten = re.search(r"Non-2xx or 3xx responses: (\d+)", uit)
    return {
        "perSeconde": round(float(re.search(r"Requests/sec:\s+([\d.]+)", uit).group(1))),
        "p50ms": _ms(re.search(r"\s50%\s+(\S+)", uit).group(1)),
        "p99ms": _ms(re.search(r"\s99%\s+(\S+)", uit).group(1)),
        "verzoeken": int(re.search(r"(\d+) requests in", uit).group(1)),
        "fouten": int(fouten.group(1)) if fouten else 0,
    }


def _maatstaf(url: str, boom: Path, workers: int, poort: int = 8765) -> subprocess.Popen:
    server = _start(
        "app.main:app",
        {
            "DATABASE_URL": url,
            "MAATSTAF_JWT_SECRET": GEHEIM,
            "MAATSTAF_SLEUTEL": SLEUTEL,
            "MAATSTAF_CHECKPOINT_SLEUTEL": "YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
            "MAATSTAF_TOEGANGSLOG": "0",
        },
        poort,
        workers,
        boom,
        PRODUCTIE_HTTP,
    )
    _wacht_op(f"http://127.0.0.1:{poort}/api/v1/health")
    return server


def _cpu_s(sessie: int) -> float:
    """CPU-tijd (user + sys, seconden) van alle processen in de sessie van de server (uvicorn en zijn workers)."""
    totaal = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            velden = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(velden[3]) == sessie:  # velden[3]: sessie-id; [11] en [12]: utime en stime in ticks
            totaal += int(velden[11]) + int(velden[12])
    return totaal / os.sysconf("SC_CLK_TCK")


def _gemeten(server: subprocess.Popen, url: str, body: dict | None, clients: int, seconden: int) -> dict:
    """wrk tegen de server, met de CPU-tijd die de server per verzoek gebruikte: minder gevoelig voor wat de machine
    verder doet dan verzoeken per seconde."""
    voor = _cpu_s(server.pid)
    meting = wrk(url, body, clients, seconden)
    cpu = _cpu_s(server.pid) - voor
    meting["cpuMsPerVerzoek"] = round(cpu * 1000 / max(meting["verzoeken"], 1), 3)
    return _met_belasting(meting)


def _met_belasting(meting: dict) -> dict:
    """De load average (1 minuut) direct na de meting: hoe druk de machine verder was."""
    return {**meting, "load1": round(os.getloadavg()[0], 2)}


def geauditeerd(url: str, boom: Path, clients: int, seconden: int, workers: int) -> dict:
    """(b) de geauditeerde POST; telt daarna de auditrecords in de database."""
    import sqlalchemy as sa

    server = _maatstaf(url, boom, workers)
    try:
        wrk("http://127.0.0.1:8765/api/v1/boeteberekeningen", VERZOEK, clients, 3)  # opwarmen
        meting = _gemeten(server, "http://127.0.0.1:8765/api/v1/boeteberekeningen", VERZOEK, clients, seconden)
    finally:
        _stop(server)
    engine = sa.create_engine(url)
    with engine.connect() as c:
        meting["auditrecords"] = c.execute(sa.text("select count(*) from auditrecord")).scalar()
    engine.dispose()
    return meting


def uitleg(url: str, boom: Path, clients: int, seconden: int, workers: int) -> dict:
    """(u) de uitleg (professional, HTML) van één vastgelegde boete, steeds opnieuw opgevraagd."""
    server = _maatstaf(url, boom, workers)
    try:
        verzoek = urllib.request.Request(
            "http://127.0.0.1:8765/api/v1/boeteberekeningen",
            data=json.dumps(VERZOEK).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {_token()}"},
        )
        with urllib.request.urlopen(verzoek, timeout=10) as r:
            berekening_id = json.load(r)["berekeningId"]
        pad = f"http://127.0.0.1:8765/api/v1/berekeningen/{berekening_id}/uitleg?doelgroep=professional"
        wrk(pad, None, clients, 3)  # opwarmen
        return _gemeten(server, pad, None, clients, seconden)
    finally:
        _stop(server)


def plafond(clients: int, seconden: int, workers: int) -> dict:
    """(c) het triviale endpoint."""
    server = _start("bench.trivial_app:app", {}, 8766, workers)
    try:
        _wacht_op("http://127.0.0.1:8766/docs")
        wrk("http://127.0.0.1:8766/api/v1/trivial", VERZOEK, clients, 3)
        return _gemeten(server, "http://127.0.0.1:8766/api/v1/trivial", VERZOEK, clients, seconden)
    finally:
        _stop(server)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--duur", type=int, default=15, help="seconden belasting per meting")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--workers", type=int, default=1, help="uvicorn-workers (gelijk voor b, c en u)")
    p.add_argument("--metingen", default="a,b,c,u", help="welke metingen, bijv. b,u (standaard alle: a,b,c,u)")
    p.add_argument("--boom", type=Path, default=ROOT, help="map met de Maatstaf-code voor (b) en (u)")
    p.add_argument("--uit", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    p.add_argument(
        "--postgres",
        default=os.environ.get("MAATSTAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    args = p.parse_args()
    metingen = set(args.metingen.split(","))
    if not shutil.which("wrk"):
        print("wrk ontbreekt: draai `make bench` (installeert het) of `apt-get install wrk`.", file=sys.stderr)
        return 2

    resultaat = {
        "machine": {"cores": os.cpu_count()},
        "boom": str(args.boom.resolve()),
        "clients": args.clients,
        "workers": args.workers,
        "duurSeconden": args.duur,
    }
    if "a" in metingen:
        print("(a) rekenkern …", flush=True)
        resultaat["a_rekenkern"] = rekenkern(5)
        print(resultaat["a_rekenkern"], flush=True)

    for letter, sleutel, meet in (("b", "b_geauditeerd", geauditeerd), ("u", "u_uitleg", uitleg)):
        if letter not in metingen:
            continue
        with eigen_database(args.postgres) as url:
            print(f"({letter}) {meet.__doc__.split(')')[1].strip()} …", flush=True)
            resultaat[sleutel] = meet(url, args.boom, args.clients, args.duur, args.workers)
            print(resultaat[sleutel], flush=True)

    if "c" in metingen:
        print("(c) triviaal endpoint …", flush=True)
        resultaat["c_plafond"] = plafond(args.clients, args.duur, args.workers)
        print(resultaat["c_plafond"], flush=True)
        if "b_geauditeerd" in resultaat:
            resultaat["verhoudingBC"] = round(
                resultaat["b_geauditeerd"]["perSeconde"] / resultaat["c_plafond"]["perSeconde"], 2
            )
    args.uit.parent.mkdir(exist_ok=True, parents=True)
    args.uit.write_text(json.dumps(resultaat, indent=2))
    print(json.dumps(resultaat, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
