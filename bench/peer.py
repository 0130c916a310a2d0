"""De vergelijking met een peer (issue #9): de OpenFisca-web-API met zijn country template, in dezelfde run.

OpenFisca is de bekendste rules-as-code-service. Zijn web-API (``openfisca serve``, gunicorn met één sync-worker)
rekent met ``POST /calculate`` voor één persoon en één maand belasting, premie, basisinkomen en besteedbaar inkomen
uit, en legt niets vast. Maatstaf doet ``POST /api/v1/boeteberekeningen`` met token, validatie, uitleg, tien
alternatieven en een auditrecord in PostgreSQL vóór het antwoord. Beide met één worker, op dezelfde machine,
afwisselend (ronde na ronde, bij 4 en bij 50 clients), met de load average na elke meting. Daarna de geauditeerde
POST met twee workers bij 50 clients (p99).

OpenFisca is alleen een benchmark-afhankelijkheid: dit script installeert het in een eigen venv (``bench/.peer-venv``,
niet in requirements*.lock), met vaste versies. Gebruik: ``make bench`` of
``.venv/bin/python bench/peer.py [--rondes 3] [--duur 10] [--clients 4,50]``. Uitvoer: ``bench/results/peer.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import uuid
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402 - na sys.path
    GEHEIM,
    PRODUCTIE_HTTP,
    SLEUTEL,
    VERZOEK,
    _cpu_s,
    _met_belasting,
    _start,
    _stop,
    _wacht_op,
    wrk,
)

PEER_VENV = ROOT / "bench" / ".peer-venv"
PEER_PAKKETTEN = ("openfisca-core[web-api]==46.0.1", "openfisca-country-template==8.2.0")
PEER_POORT = 8767
MAATSTAF_POORT = 8765

#: Eén persoon, één maand (januari 2025): wat de country template voor een persoon en zijn huishouden uitrekent.
PEER_VERZOEK = {
    "persons": {
        "Ari": {
            "birth": {"ETERNITY": "1980-01-01"},
            "salary": {"2025-01": 3000},
            "income_tax": {"2025-01": None},
            "social_security_contribution": {"2025-01": None},
            "basic_income": {"2025-01": None},
        }
    },
    "households": {"h": {"adults": ["Ari"], "disposable_income": {"2025-01": None}}},
}


def peer_venv() -> Path:
    """De venv met OpenFisca; bij de eerste keer aangemaakt (pip, PyPI)."""
    openfisca = PEER_VENV / "bin" / "openfisca"
    if not openfisca.exists():
        print(f"OpenFisca installeren in {PEER_VENV} …", flush=True)
        venv.create(PEER_VENV, with_pip=True)
        subprocess.run([PEER_VENV / "bin" / "pip", "install", "-q", *PEER_PAKKETTEN], check=True)
    return openfisca


def start_peer(openfisca: Path) -> subprocess.Popen:
    proces = subprocess.Popen(
        [
            openfisca,
            "serve",
            "--country-package",
            "openfisca_country_template",
            "--bind",
            f"127.0.0.1:{PEER_POORT}",
            "--workers",
            "1",
        ],
        cwd=PEER_VENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _wacht_op(f"http://127.0.0.1:{PEER_POORT}/spec", 120)
    return proces


def meet(proces: subprocess.Popen, url: str, body: dict, clients: int, seconden: int, token: bool) -> dict:
    wrk(url, body, clients, 2, zonder_token=not token)  # opwarmen
    voor = _cpu_s(proces.pid)
    meting = wrk(url, body, clients, seconden, zonder_token=not token)
    meting["cpuMsPerVerzoek"] = round((_cpu_s(proces.pid) - voor) * 1000 / max(meting["verzoeken"], 1), 3)
    return _met_belasting(meting)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--rondes", type=int, default=3)
    p.add_argument("--duur", type=int, default=10, help="seconden per meting")
    p.add_argument("--clients", default="4,50")
    p.add_argument("--boom", type=Path, default=ROOT, help="map met de Maatstaf-code")
    p.add_argument("--geen-twee-workers", action="store_true", help="sla de meting met twee workers over")
    p.add_argument(
        "--postgres",
        default=os.environ.get("MAATSTAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    p.add_argument("--uit", type=Path, default=ROOT / "bench" / "results" / "peer.json")
    args = p.parse_args()
    if not shutil.which("wrk"):
        print("wrk ontbreekt: draai `make bench` (installeert het) of `apt-get install wrk`.", file=sys.stderr)
        return 2
    clients = [int(c) for c in args.clients.split(",")]
    openfisca = peer_venv()

    import sqlalchemy as sa

    naam = f"maatstaf_peer_{uuid.uuid4().hex[:8]}"
    beheer = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with beheer.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{naam}"'))
    url = sa.engine.make_url(args.postgres).set(database=naam).render_as_string(hide_password=False)
    omgeving = {
        "DATABASE_URL": url,
        "MAATSTAF_JWT_SECRET": GEHEIM,
        "MAATSTAF_SLEUTEL": SLEUTEL,
        "MAATSTAF_CHECKPOINT_SLEUTEL": "YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
        "MAATSTAF_TOEGANGSLOG": "0",
    }
    metingen: dict[str, list[dict]] = {}
    try:
        maatstaf = _start("app.main:app", omgeving, MAATSTAF_POORT, 1, args.boom, PRODUCTIE_HTTP)
        peer = start_peer(openfisca)
        try:
            _wacht_op(f"http://127.0.0.1:{MAATSTAF_POORT}/api/v1/health")
            for ronde in range(1, args.rondes + 1):
                for n in clients:
                    for systeem, proces, doel, body, token in (
                        (
                            "maatstaf",
                            maatstaf,
                            f"http://127.0.0.1:{MAATSTAF_POORT}/api/v1/boeteberekeningen",
                            VERZOEK,
                            True,
                        ),
                        ("openfisca", peer, f"http://127.0.0.1:{PEER_POORT}/calculate", PEER_VERZOEK, False),
                    ):
                        meting = meet(proces, doel, body, n, args.duur, token)
                        meting["ronde"] = ronde
                        metingen.setdefault(f"{systeem}_{n}", []).append(meting)
                        print(systeem, n, "clients:", meting, flush=True)
        finally:
            _stop(maatstaf)
            _stop(peer)
        if not args.geen_twee_workers:
            maatstaf = _start("app.main:app", omgeving, MAATSTAF_POORT, 2, args.boom, PRODUCTIE_HTTP)
            try:
                _wacht_op(f"http://127.0.0.1:{MAATSTAF_POORT}/api/v1/health")
                for ronde in range(1, args.rondes + 1):
                    doel = f"http://127.0.0.1:{MAATSTAF_POORT}/api/v1/boeteberekeningen"
                    meting = meet(maatstaf, doel, VERZOEK, 50, args.duur, True)
                    meting["ronde"] = ronde
                    metingen.setdefault("maatstaf_2workers_50", []).append(meting)
                    print("maatstaf, 2 workers, 50 clients:", meting, flush=True)
            finally:
                _stop(maatstaf)
        engine = sa.create_engine(url)
        with engine.connect() as c:
            vastgelegd = c.execute(sa.text("select count(*) from auditrecord")).scalar()
        engine.dispose()
    finally:
        with beheer.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()

    samenvatting = {
        sleutel: {
            "perSecondeMediaan": statistics.median(m["perSeconde"] for m in reeks),
            "p99msMediaan": statistics.median(m["p99ms"] for m in reeks),
            "cpuMsPerVerzoekMediaan": statistics.median(m["cpuMsPerVerzoek"] for m in reeks),
            "load1": [m["load1"] for m in reeks],
        }
        for sleutel, reeks in metingen.items()
    }
    verhouding = {
        f"{n}_clients": round(
            samenvatting[f"maatstaf_{n}"]["perSecondeMediaan"] / samenvatting[f"openfisca_{n}"]["perSecondeMediaan"], 2
        )
        for n in clients
    }
    resultaat = {
        "machine": {"cores": os.cpu_count()},
        "rondes": args.rondes,
        "duurSeconden": args.duur,
        "peer": {"pakketten": PEER_PAKKETTEN, "server": "openfisca serve, gunicorn, 1 sync-worker"},
        "auditrecords": vastgelegd,
        "samenvatting": samenvatting,
        "verhoudingMaatstafTotOpenfisca": verhouding,
        "metingen": metingen,
    }
    args.uit.parent.mkdir(exist_ok=True, parents=True)
    args.uit.write_text(json.dumps(resultaat, indent=2))
    print(json.dumps({k: resultaat[k] for k in ("samenvatting", "verhoudingMaatstafTotOpenfisca")}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
