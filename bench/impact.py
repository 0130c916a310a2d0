"""Meting (geen test): POST /api/v1/impactanalyses over N vastgelegde boetes op PostgreSQL.

1. Laadt N boetes rechtstreeks in een nieuwe PostgreSQL-database (COPY, niet via HTTP): eerst ``--varianten``
   verschillende boetes via de echte schrijver (AuditStore.vastleggen: versleuteling van het bewijs, hashketen),
   dan kopieën daarvan met een eigen berekeningId, tijdstip en hash, netjes in de keten (de integriteitscontrole
   blijft ``intact``). De kopieën liggen over 10 dagen (1 t/m 10 maart 2026), N/10 per dag.
2. Start Maatstaf (uvicorn, één worker) met ``MAATSTAF_REKENPROCESSEN`` = elk van ``--processen`` en een
   kandidaat-regelmap (de norm voor een alleenstaande per 2026 € 100 hoger), en vraagt de analyse over één dag
   (N/10 boetes) en over alle tien dagen (N boetes). Meet de tijd tot de laatste regel, het aantal regels, het
   piek-RSS van server en rekenprocessen (elke 0,2 s) en hun CPU-tijd.

Gebruik: ``.venv/bin/python bench/impact.py [--records 1000000] [--processen 1 2] [--postgres URL] [--houd]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.api import berekeningen  # noqa: E402
from app.api.http.auth import maak_token  # noqa: E402
from app.api.http.vrije_tekst import vrije_paden  # noqa: E402
from app.db import AuditStore  # noqa: E402
from app.db.hashing import record_hash  # noqa: E402
from app.db.models import auditrecord  # noqa: E402
from app.db.versleuteling import lees_hoofdsleutel  # noqa: E402
from app.regels import standaard  # noqa: E402
from bench.batch import Bemonsteraar, cpu_s, kinderen, postgres_cpu_s, vrije_poort  # noqa: E402
from bench.run import _wacht_op  # noqa: E402

GEHEIM = "bench-geheim-voor-maatstaf-0123456789abcdef"
SLEUTEL = "dGVzdHNsZXV0ZWwtdm9vci1tYWF0c3RhZi0zMmJ5dGU="
POORT = 18766  # vervangen door een vrije poort in meet()
GEMEENTE = "0363"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KANDIDAAT = """\
parameters:
  norm.alleenstaande:
    versies:
      - {geldigVanaf: 2026-01-01, waarde: "1501.50", status: geverifieerd, bron: "bench", vervangt: true,
         reden: "bench: impactanalyse"}
"""
KOLOMMEN = ("berekening_id", "soort", "tijdstip", "invoer", "resultaat", "regelversie", "vorige_hash", "hash")
KOLOMMEN += ("keten", "sub", "gemeente")


def variant(rnd: random.Random) -> dict:
    graad = rnd.choices(["NORMAAL", "VERMINDERD", "GROVE_SCHULD", "OPZET"], [4, 2, 2, 2])[0]
    verwijtbaarheid = {"graad": graad}
    if graad in ("GROVE_SCHULD", "OPZET"):
        verwijtbaarheid["bewijs"] = [f"Rapport Z-2026-{rnd.randrange(100000):05d}: inkomsten niet gemeld."]
    jaar = rnd.choice([2022, 2023, 2024, 2025])
    return {
        "overtreding": {"begindatum": f"{jaar}-{rnd.randint(1, 6):02d}-01", "einddatum": f"{jaar}-06-30"},
        "beschikkingsdatum": rnd.choice(["2025-09-01", "2026-02-02", "2026-03-02"]),
        "benadelingsbedrag": f"{rnd.randint(100, 25000)}.{rnd.randrange(100):02d}",
        "verwijtbaarheid": verwijtbaarheid,
        "huishouden": {"leefvorm": rnd.choice(["ALLEENSTAANDE", "GEHUWDEN"])},
    }


def laad(url: str, n: int, varianten: int) -> None:
    """N boetes in de database: ``varianten`` via de schrijver, de rest als kopie via COPY."""
    begin = time.perf_counter()
    data = standaard()
    store = AuditStore(url, hoofdsleutel=lees_hoofdsleutel(SLEUTEL))
    store.migrate()
    store.registreer_regelset(data.versie, data.inhoud)
    rnd = random.Random(9)
    paden = vrije_paden(berekeningen.SOORTEN["boeteberekening"].model)
    toekomsten = []
    for _ in range(varianten):
        invoer = json.dumps(variant(rnd))
        resultaat = berekeningen.reken("boeteberekening", invoer, data, date(2026, 3, 1))
        bid = str(uuid.uuid4())
        toekomsten.append(
            store.vastleggen(
                berekening_id=bid,
                soort="boeteberekening",
                invoer=invoer,
                resultaat={"berekeningId": bid, **resultaat},
                regelversie=data.versie,
                sub="bench",
                gemeente=GEMEENTE,
                vrije_paden=paden,
            )
        )
    ids = [t.result().berekening_id for t in toekomsten]
    store.dispose()
    sa = create_engine(url, poolclass=NullPool)
    with sa.connect() as c:  # de opgeslagen (versleutelde) vorm van elke variant
        rijen = {r.berekening_id: r for r in c.execute(select(auditrecord).where(auditrecord.c.berekening_id.in_(ids)))}
        kop = c.execute(text("SELECT laatste_hash FROM auditketen WHERE keten = :k"), {"k": GEMEENTE}).scalar()
    sa.dispose()
    bronnen = [rijen[i] for i in ids]
    print(f"{varianten} varianten vastgelegd in {time.perf_counter() - begin:.1f} s", flush=True)
    vorige = kop
    per_dag = n // 10
    with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)) as pg:
        with pg.cursor() as cur, cur.copy(f"COPY auditrecord ({', '.join(KOLOMMEN)}) FROM STDIN") as copy:
            for i in range(n):
                bron = bronnen[i % len(bronnen)]
                bid = str(uuid.uuid4())
                tijdstip = datetime(2026, 3, 1 + i // per_dag, 0, 0, 1, tzinfo=AMSTERDAM) + timedelta(
                    seconds=0.8 * (i % per_dag)
                )
                resultaat = bron.resultaat.replace(bron.berekening_id, bid, 1)
                velden = {
                    "berekening_id": bid,
                    "soort": bron.soort,
                    "tijdstip": tijdstip,
                    "invoer": bron.invoer,
                    "regelversie": bron.regelversie,
                    "vorige_hash": vorige,
                    "sub": "bench",
                    "gemeente": GEMEENTE,
                }
                vorige = record_hash(**velden, resultaat=None, resultaat_tekst=resultaat)
                copy.write_row(
                    (bid, bron.soort, tijdstip, bron.invoer, resultaat, bron.regelversie, velden["vorige_hash"])
                    + (vorige, GEMEENTE, "bench", GEMEENTE)
                )
                if i and i % 200000 == 0:
                    print(f"  {i} kopieën ({time.perf_counter() - begin:.0f} s)", flush=True)
        with pg.cursor() as cur:
            cur.execute(
                "UPDATE auditketen SET laatste_hash = %s, "
                "laatste_volgnummer = (SELECT max(volgnummer) FROM auditrecord WHERE keten = %s) WHERE keten = %s",
                (vorige, GEMEENTE, GEMEENTE),
            )
        pg.commit()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE auditrecord")
    print(f"{n} boetes geladen in {time.perf_counter() - begin:.1f} s", flush=True)


def analyse(token: str, selectie: dict) -> dict:
    body = json.dumps({"kandidaat": {"regelmap": "normcorrectie"}, "selectie": selectie}).encode()
    verzoek = urllib.request.Request(
        f"http://127.0.0.1:{POORT}/api/v1/impactanalyses",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    begin = time.perf_counter()
    with urllib.request.urlopen(verzoek, timeout=3600) as r:
        status = r.status
        eerste = json.loads(r.readline())
        eerste_na = time.perf_counter() - begin
        regels = sum(1 for _ in r)
    duur = time.perf_counter() - begin
    return {
        "status": status,
        "duur": round(duur, 1),
        "eersteRegelNa": round(eerste_na, 1),
        "regels": regels,
        "samenvatting": {k: eerste[k] for k in ("aantal", "aantalGewijzigd", "aantalFout", "verschil")},
    }


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=1_000_000)
    p.add_argument("--varianten", type=int, default=2000)
    p.add_argument("--processen", type=int, nargs="+", default=[1, 2])
    p.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    p.add_argument("--database", help="een eerder geladen database hergebruiken (naam)")
    p.add_argument("--houd", action="store_true", help="de database na afloop niet verwijderen")
    p.add_argument("--alles-processen", type=int, nargs="*", help="alle N alleen met deze aantallen processen")
    args = p.parse_args()
    server_url = make_url(args.postgres)
    beheer = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    naam = args.database or f"maatstaf_bench_impact_{uuid.uuid4().hex[:8]}"
    url = server_url.set(database=naam).render_as_string(hide_password=False)
    if not args.database:
        with beheer.connect() as c:
            c.execute(text(f'CREATE DATABASE "{naam}"'))
    print(f"database {naam}", flush=True)
    try:
        if not args.database:
            laad(url, args.records, args.varianten)
        meet(args, url)
    finally:
        if not args.houd:
            with beheer.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
    return 0


def meet(args, url: str) -> None:
    global POORT
    POORT = vrije_poort()
    kandidaten = Path(tempfile.mkdtemp()) / "kandidaten"
    (kandidaten / "normcorrectie").mkdir(parents=True)
    (kandidaten / "normcorrectie" / "normen.yaml").write_text(KANDIDAAT)
    token = maak_token("bench", GEMEENTE, ("beoordelaar",), GEHEIM)
    for processen in args.processen:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "MAATSTAF_JWT_SECRET": GEHEIM,
            "MAATSTAF_SLEUTEL": SLEUTEL,
            "MAATSTAF_CHECKPOINT_SLEUTEL": "YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
            "MAATSTAF_TOEGANGSLOG": "0",
            "MAATSTAF_REKENPROCESSEN": str(processen),
            "MAATSTAF_KANDIDAATREGELS_DIR": str(kandidaten),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(POORT), "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            _wacht_op(f"http://127.0.0.1:{POORT}/api/v1/health/live", 60)
            dag = {"soort": "boeteberekeningen", "van": "2026-03-01", "tot": "2026-03-01"}
            alles = {"soort": "boeteberekeningen", "van": "2026-03-01", "tot": "2026-03-10"}
            for wat, selectie in (("een dag", dag), ("alles", alles)):
                if wat == "alles" and args.alles_processen and processen not in args.alles_processen:
                    continue
                monster = Bemonsteraar(server.pid)
                monster.start()
                laad_voor = os.getloadavg()
                cpu_voor = (cpu_s(server.pid), sum(cpu_s(k) for k in kinderen(server.pid)), postgres_cpu_s())
                meting = analyse(token, selectie)
                cpu_na = (cpu_s(server.pid), sum(cpu_s(k) for k in kinderen(server.pid)), postgres_cpu_s())
                monster.stop = True
                monster.join()
                uitkomst = {
                    "processen": processen,
                    "selectie": wat,
                    **meting,
                    "perSeconde": round(meting["samenvatting"]["aantal"] / meting["duur"]),
                    "rssServerMiB": round(monster.server / 1024),
                    "rssRekenprocessenMiB": round(monster.rekenaars / 1024),
                    "cpuServer": round(cpu_na[0] - cpu_voor[0], 1),
                    "cpuRekenprocessen": round(cpu_na[1] - cpu_voor[1], 1),
                    "cpuPostgres": round(cpu_na[2] - cpu_voor[2], 1),
                    "load": [round(x, 2) for x in laad_voor],
                }
                print(json.dumps(uitkomst), flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)


if __name__ == "__main__":
    raise SystemExit(main())
