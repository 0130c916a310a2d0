"""De spiegel op schaal (issue #10 §3): 1.000.000 boeteberekeningen van één gemeente in PostgreSQL.

Gebruik::

    .venv/bin/python bench/spiegel.py [--n 1000000] [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]
                                      [--herhalingen 50] [--behouden]

Maakt een eigen database (``maatstaf_bench_spiegel``), migreert die, en laadt met COPY (niet via HTTP) ``n``
synthetische boeterecords van gemeente 0363, verspreid over 36 maanden, 10 teams en 100 medewerkers, met een
geldige hashketen. De tellingen (spiegeltelling en vergelijkingstelling) worden met dezelfde afleiding als de
schrijver (``AuditStore._tel_sleutels``) berekend en ook met COPY geladen; plus 1.000 records van een tweede
gemeente. De records zijn synthetisch: verzoek en resultaat hebben de velden die de spiegel leest, niet de volledige
uitleg van een echte berekening (die kost per record een milliseconde en verandert niets aan de tellingen).

Daarna meet het, elk ``--herhalingen`` keer (mediaan en p95):
- de opzoeking van vergelijkbare zaken (``AuditStore.vergelijkbaar``), met willekeurige kenmerken;
- het teamoverzicht over twaalf maanden in de store (beide vragen) en via HTTP (JSON, CSV en HTML);
- een geauditeerde boete via HTTP (met vergelijkbare zaken en het bijwerken van de tellingen);
en drukt het queryplan (EXPLAIN (ANALYZE, BUFFERS)) van beide vragen af. Zonder ``--behouden`` wordt de database
na afloop verwijderd.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson  # noqa: E402
import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.db import AuditStore  # noqa: E402
from app.db.hashing import BEGIN_HASH, canonical_json, record_hash  # noqa: E402
from app.db.store import AMSTERDAM  # noqa: E402
from app.domain import spiegel  # noqa: E402

DATABASE = "maatstaf_bench_spiegel"
SLEUTEL = b"bench-hoofdsleutel-spiegel-32byt"
GEMEENTE = "0363"
GRADEN = ["NORMAAL"] * 80 + ["GROVE_SCHULD"] * 8 + ["OPZET"] * 4 + ["VERMINDERD"] * 6 + ["GEEN"] * 2
DUREN = [("2025-03-01", "2025-04-30"), ("2025-03-01", "2025-10-31"), ("2023-03-01", "2025-10-31"),
         ("2021-01-01", "2025-10-31")]  # fmt: skip


def _ms(waarden: list[float]) -> str:
    waarden = sorted(waarden)
    p95 = waarden[min(len(waarden) - 1, int(len(waarden) * 0.95))]
    return f"mediaan {statistics.median(waarden) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"


def _record(i: int, gemeente: str, tijdstip: datetime, rnd: random.Random) -> tuple[dict, dict, str, str]:
    team = f"TEAM-{rnd.randrange(10)}"
    sub = f"{team}-mw{rnd.randrange(10)}"
    begin, eind = rnd.choice(DUREN)
    graad = rnd.choice(GRADEN)
    recidive = rnd.random() < 0.15
    uitkomst = "WAARSCHUWING" if rnd.random() < 0.08 else ("GEEN_BOETE" if graad == "GEEN" else "BOETE")
    invoer = {
        "overtreding": {
            "begindatum": begin,
            "einddatum": eind,
            "soortOvertreding": rnd.choice(spiegel.SOORTEN_OVERTREDING),
        },
        "benadelingsbedrag": f"{rnd.randrange(100, 20000)}.00",
        "verwijtbaarheid": {"graad": graad},
        "huishouden": {"leefvorm": "ALLEENSTAANDE"},
    }
    resultaat = {
        "berekeningId": None,
        "uitkomst": uitkomst,
        "verwijtbaarheid": graad,
        "recidive": recidive,
        "bepalendeBegrenzing": "DRAAGKRACHT" if rnd.random() < 0.6 else "PERCENTAGE",
        "verrekening": {
            "perMaand": "70.07",
            "maandenBoete": rnd.choice([6, 12, 24, 48]),
            "maandenTerugvordering": rnd.randrange(1, 120),
        },  # fmt: skip
    }
    return invoer, resultaat, team, sub


def laad(url: str, n: int, store: AuditStore) -> None:
    rnd = random.Random(10)
    nu = datetime.now(UTC)
    begin_tijd = nu - timedelta(days=36 * 30)
    stap = (nu - begin_tijd) / n
    items = []
    psycopg_url = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(psycopg_url) as verbinding:
        for gemeente, aantal in ((GEMEENTE, n), ("0599", 1000)):
            vorige = BEGIN_HASH
            with verbinding.cursor().copy(
                "COPY auditrecord (berekening_id, soort, tijdstip, invoer, resultaat, regelversie, vorige_hash, hash, "
                "keten, sub, gemeente, team) FROM STDIN"
            ) as copy:
                for i in range(aantal):
                    tijdstip = begin_tijd + stap * i * (n / aantal)
                    invoer, resultaat, team, sub = _record(i, gemeente, tijdstip, rnd)
                    berekening_id = str(uuid.UUID(int=rnd.getrandbits(128)))
                    resultaat["berekeningId"] = berekening_id
                    invoer_tekst = orjson.dumps(invoer).decode()
                    resultaat_tekst = canonical_json(resultaat)
                    velden = {
                        "berekening_id": berekening_id,
                        "soort": "boeteberekening",
                        "tijdstip": tijdstip,
                        "invoer": invoer_tekst,
                        "regelversie": "sha256:bench",
                        "vorige_hash": vorige,
                        "sub": sub,
                        "gemeente": gemeente,
                        "team": team,
                    }
                    vorige = record_hash(**velden, resultaat=resultaat, resultaat_tekst=resultaat_tekst)
                    copy.write_row(
                        (
                            berekening_id,
                            "boeteberekening",
                            tijdstip,
                            invoer_tekst,
                            resultaat_tekst,
                            "sha256:bench",
                            velden["vorige_hash"],
                            vorige,
                            gemeente,
                            sub,
                            gemeente,
                            team,
                        )  # fmt: skip
                    )
                    items.append(
                        (spiegel.tellingen_van("boeteberekening", invoer, resultaat, team, sub), gemeente, tijdstip)
                    )
            laatste = verbinding.execute(
                "SELECT max(volgnummer) FROM auditrecord WHERE keten = %s", (gemeente,)
            ).fetchone()[0]
            verbinding.execute(
                "INSERT INTO auditketen (keten, laatste_hash, laatste_volgnummer) VALUES (%s, %s, %s)",
                (gemeente, vorige, laatste),
            )
        spiegelrijen, vergelijking = store._tel_sleutels(items)
        for tabel, kolommen, rijen in (
            ("spiegeltelling", "gemeente, maand, team, medewerker, kenmerk, waarde", spiegelrijen),
            (
                "vergelijkingstelling",
                "gemeente, soort_overtreding, duurklasse, herhaling, maand, kenmerk, waarde",
                vergelijking,
            ),
        ):
            with verbinding.cursor().copy(f"COPY {tabel} ({kolommen}, aantal) FROM STDIN") as copy:
                for sleutel, aantal in rijen.items():
                    copy.write_row((*sleutel, aantal))
            print(f"  {tabel}: {len(rijen)} rijen", flush=True)
        verbinding.execute("ANALYZE")
        verbinding.commit()


def plan(url: str, vraag: str, parameters: tuple) -> str:
    psycopg_url = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(psycopg_url) as verbinding:
        rijen = verbinding.execute(f"EXPLAIN (ANALYZE, BUFFERS) {vraag}", parameters).fetchall()
    return "\n".join(r[0] for r in rijen)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=1_000_000)
    p.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    p.add_argument("--herhalingen", type=int, default=50)
    p.add_argument("--behouden", action="store_true")
    args = p.parse_args()
    beheer = make_url(args.url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        verbinding.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        verbinding.execute(f"CREATE DATABASE {DATABASE}")
    url = make_url(args.url).set(database=DATABASE).render_as_string(hide_password=False)
    store = AuditStore(url, hoofdsleutel=SLEUTEL)
    try:
        store.migrate()
        begin = time.perf_counter()
        laad(url, args.n, store)
        print(f"Geladen: {args.n} records van {GEMEENTE} (+1000 van 0599) in {time.perf_counter() - begin:.0f} s")
        meet(store, url, args.herhalingen)
    finally:
        store.dispose()
        if not args.behouden:
            with psycopg.connect(beheer, autocommit=True) as verbinding:
                verbinding.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return 0


def meet(store: AuditStore, url: str, herhalingen: int) -> None:
    rnd = random.Random(5)
    vandaag = datetime.now(AMSTERDAM).date()
    van24, tot = spiegel.venster(vandaag)
    van12 = spiegel.maand_plus(tot, -11)
    klassen = [k for _, k in spiegel.DUURKLASSEN] + [spiegel.LANGSTE_DUURKLASSE]

    tijden = []
    for _ in range(herhalingen):
        kenmerken = spiegel.Zaakkenmerken(
            rnd.choice(spiegel.SOORTEN_OVERTREDING), rnd.choice(klassen), rnd.choice([spiegel.EERSTE, spiegel.HERHAALD])
        )
        begin = time.perf_counter()
        tellingen = store.vergelijkbaar(GEMEENTE, kenmerken, van24, tot)
        tijden.append(time.perf_counter() - begin)
    print(f"Vergelijkbare zaken (store.vergelijkbaar, 24 maanden): {_ms(tijden)}; laatste groep "
          f"{tellingen.get(('zaken', 'BOETEBEREKENING'))} zaken")  # fmt: skip

    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        rijen = store.spiegeltellingen(GEMEENTE, van12, tot)
        per_maand = store.spiegel_per_maand(GEMEENTE, van12, tot)
        overzicht = spiegel.teamoverzicht(rijen, per_maand, van12, tot)
        tijden.append(time.perf_counter() - begin)
    print(f"Teamoverzicht in de store (12 maanden, {len(rijen)} groepsrijen, "
          f"{overzicht['totaal']['boeteberekeningen']} zaken): {_ms(tijden)}")  # fmt: skip

    from fastapi.testclient import TestClient

    from app.api.http.auth import ROLLEN, maak_token
    from app.config import Instellingen
    from app.main import maak_app

    geheim = "bench-geheim-voor-maatstaf-0123456789abcdef"
    instellingen = Instellingen(
        database_url=url,
        jwt_secret=geheim,
        sleutel="YmVuY2gtaG9vZmRzbGV1dGVsLXNwaWVnZWwtMzJieXQ=",
        checkpoint_sleutel="YmVuY2gtY2hlY2twb2ludHNsZXV0ZWwtMzJieXRlcyE=",
    )
    token = maak_token("bench", GEMEENTE, ROLLEN, geheim, 3600, team="TEAM-1")
    with TestClient(maak_app(instellingen), headers={"Authorization": f"Bearer {token}"}) as client:
        for soort, accept in (("JSON", "application/json"), ("CSV", "text/csv"), ("HTML", "text/html")):
            tijden = []
            for _ in range(herhalingen):
                begin = time.perf_counter()
                r = client.get("/api/v1/teamoverzichten", headers={"Accept": accept})
                tijden.append(time.perf_counter() - begin)
                assert r.status_code == 200, r.text
            print(f"GET /teamoverzichten ({soort}, 12 maanden, {len(r.content)} bytes): {_ms(tijden)}")
        verzoek = {
            "overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31", "soortOvertreding": "INKOMEN"},
            "beschikkingsdatum": "2026-02-02",
            "benadelingsbedrag": "8000.00",
            "verwijtbaarheid": {"graad": "OPZET", "bewijs": ["rapport"]},
            "huishouden": {"leefvorm": "ALLEENSTAANDE"},
        }
        tijden = []
        for _ in range(herhalingen):
            begin = time.perf_counter()
            r = client.post("/api/v1/boeteberekeningen", json=verzoek)
            tijden.append(time.perf_counter() - begin)
            assert r.status_code == 201, r.text
        blok = r.json()["vergelijkbareZaken"]
        print(f"POST /boeteberekeningen (geauditeerd, met vergelijkbare zaken en tellingen): {_ms(tijden)}; "
              f"{blok['aantal']} vergelijkbare zaken, signalen: {blok['signalen']}")  # fmt: skip

    print("\nQueryplan vergelijkbare zaken:")
    print(
        plan(
            url,
            "SELECT kenmerk, waarde, sum(aantal) FROM vergelijkingstelling WHERE gemeente = %s AND "
            "soort_overtreding = %s AND duurklasse = %s AND herhaling = %s AND maand BETWEEN %s AND %s "
            "GROUP BY kenmerk, waarde",
            (GEMEENTE, "INKOMEN", "TOT_12_MAANDEN", "EERSTE", van24, tot),
        )
    )
    print("\nQueryplan teamoverzicht:")
    print(
        plan(
            url,
            "SELECT team, medewerker, kenmerk, waarde, sum(aantal) FROM spiegeltelling WHERE gemeente = %s AND "
            "maand BETWEEN %s AND %s GROUP BY team, medewerker, kenmerk, waarde",
            (GEMEENTE, van12, tot),
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
