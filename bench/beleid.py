"""Wat de beleidslaag (issue #10 §1) per berekening kost (geen test: meet, beoordeelt niet).

(1) het lezen van de vastgestelde beleidsversies van een gemeente (één geïndexeerde SELECT; een proces onthoudt het
    resultaat BELEID_ONTHOUDEN_S = 5 s, zie app/api/berekeningen/gebruikt_beleid.py) op
    PostgreSQL, met drie versies van deze gemeente en 201 van andere gemeenten in de tabel;
(2) de boeteberekening van het SPEC-voorbeeld met het antwoord (stappen naar JSON), zonder en met een
    vastgestelde beleidsversie (de keuzes overschreven, beleid per stap in de uitleg).

Gebruik: ``.venv/bin/python bench/beleid.py [--postgres URL] [--n 2000]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument(
        "--postgres",
        default=os.environ.get("MAATSTAF_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    p.add_argument("--n", type=int, default=2000)
    args = p.parse_args()

    import sqlalchemy as sa

    from app.api.berekeningen import rekenen, versie_uit
    from app.api.berekeningen import verzoeken as s
    from app.api.http import lezen
    from app.db import AuditStore
    from app.db.models import beleidsversie
    from app.domain.beleid import VASTGESTELD, Beleidslijn
    from app.regels import standaard

    naam = f"maatstaf_bench_{uuid.uuid4().hex[:8]}"
    beheer = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with beheer.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{naam}"'))
    url = sa.engine.make_url(args.postgres).set(database=naam).render_as_string(hide_password=False)
    store = AuditStore(url)
    try:
        store.migrate()
        rijen = [
            {
                "beleidsversie_id": str(uuid.uuid4()),
                "gemeente": gemeente,
                "geldig_vanaf": date(2024 + i, 1, 1),
                "waarden": '{"draagkrachtMaanden":{"NORMAAL":10}}',
                "bron": '{"titel":"Beleidsregels","cvdr":"CVDR1","artikel":"1","artikelen":{}}',
                "status": VASTGESTELD,
                "voorgesteld_door": "a",
                "voorgesteld_op": datetime.now(UTC),
            }
            for gemeente in ["0363"] + [f"{g:04d}" for g in range(1, 68)]
            for i in range(3)
        ]
        with store.engine.begin() as c:
            c.execute(sa.insert(beleidsversie), rijen)
        store.beleidsversies("0363", VASTGESTELD)  # opwarmen
        begin = time.perf_counter()
        for _ in range(args.n):
            gevonden = store.beleidsversies("0363", VASTGESTELD)
        lezen = (time.perf_counter() - begin) / args.n
        begin = time.perf_counter()
        for _ in range(args.n):
            store.controleer_verbinding()  # SELECT 1: de kale rondgang naar de database, ter vergelijking
        rondgang = (time.perf_counter() - begin) / args.n
        lijn = Beleidslijn.van("0363", [versie_uit(r) for r in gevonden])

        data = standaard()
        verzoek = lezen.lees(__import__("json").dumps(s.VOORBEELD_BOETE), s.Boeteverzoek)
        vandaag = date(2026, 2, 2)
        uit = {}
        for naam_, met in (("landelijk", Beleidslijn(None)), ("gemeente", lijn), ("landelijk2", Beleidslijn(None))):
            rekenen.boete(verzoek, data, vandaag, met)
            begin = time.perf_counter()
            for _ in range(args.n // 4):
                rekenen.boete(verzoek, data, vandaag, met)
            uit[naam_] = (time.perf_counter() - begin) / (args.n // 4)
        print(
            f"(1) beleidsversies lezen (PostgreSQL, {len(rijen)} rijen): {lezen * 1e6:.0f} µs per berekening; "
            f"SELECT 1 via dezelfde store: {rondgang * 1e6:.0f} µs"
        )
        print(
            f"(2) boete met antwoord: landelijk {uit['landelijk'] * 1e6:.0f} / {uit['landelijk2'] * 1e6:.0f} µs, "
            f"met beleidsversie {uit['gemeente'] * 1e6:.0f} µs"
        )
    finally:
        store.dispose()
        with beheer.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
