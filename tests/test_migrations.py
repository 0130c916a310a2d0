"""Migraties op een lege database (SQLite en PostgreSQL): heen, terug en weer heen, via de Alembic-API en de CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, date, datetime
from multiprocessing import get_context
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from app.db import BEGIN_HASH, AuditStore, Idempotentie, alembic_config
from app.db.models import metadata
from app.db.store import AMSTERDAM, periode_van
from app.domain import spiegel


def periode_datum(tijdstip):
    return tijdstip.astimezone(AMSTERDAM).date()


REPO = Path(__file__).resolve().parent.parent

KOLOMMEN = {
    "auditrecord": {
        "volgnummer",
        "berekening_id",
        "soort",
        "tijdstip",
        "invoer",
        "resultaat",
        "regelversie",
        "vorige_hash",
        "hash",
        "keten",
        "sub",
        "gemeente",
        "verwijzing",
        "uniek",
        "team",
    },
    "auditketen": {"keten", "laatste_hash", "laatste_volgnummer"},
    "regelset": {"versie", "inhoud", "vastgelegd"},
    "idempotentiesleutel": {"gemeente", "sleutel", "vingerafdruk", "berekening_id", "locatie", "aangemaakt"},
    "gegevenssleutel": {"sleutel_id", "gemeente", "periode", "ingepakt", "aangemaakt", "gewist_op"},
    "beleidsversie": {
        "beleidsversie_id",
        "gemeente",
        "geldig_vanaf",
        "waarden",
        "bron",
        "status",
        "voorgesteld_door",
        "voorgesteld_op",
        "beoordeeld_door",
        "beoordeeld_op",
    },
    "vergelijkingstelling": {
        "gemeente",
        "soort_overtreding",
        "duurklasse",
        "herhaling",
        "maand",
        "kenmerk",
        "waarde",
        "aantal",
    },
    "spiegeltelling": {"gemeente", "maand", "team", "medewerker", "kenmerk", "waarde", "aantal"},
    "auditcheckpoint": {"keten", "aantal", "kop", "volgnummer", "tijdstip", "sleutel_id", "handtekening"},
}


def _hashes(url: str) -> dict[str, str]:
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            return dict(verbinding.execute(text("SELECT berekening_id, hash FROM auditrecord")).all())
    finally:
        engine.dispose()


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _schema(url: str) -> tuple[dict[str, set[str]], list[str], list[tuple]]:
    """(tabellen met kolommen, versies in alembic_version, rijen van auditketen)."""
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            inspector = inspect(verbinding)
            tabellen = {t: {k["name"] for k in inspector.get_columns(t)} for t in inspector.get_table_names()}
            versies = (
                list(verbinding.execute(text("SELECT version_num FROM alembic_version")).scalars())
                if "alembic_version" in tabellen
                else []
            )
            ketens = (
                [tuple(r) for r in verbinding.execute(text("SELECT keten, laatste_hash FROM auditketen"))]
                if "auditketen" in tabellen
                else []
            )
        return tabellen, versies, ketens
    finally:
        engine.dispose()


def _is_op_head(url: str) -> None:
    tabellen, versies, ketens = _schema(url)
    for tabel, kolommen in KOLOMMEN.items():
        assert tabellen.get(tabel) == kolommen, tabel
    assert versies == [_head()]
    assert ketens == [("globaal", BEGIN_HASH)]


def test_er_is_een_head_0009():
    assert _head() == "0009"


def test_0006_heen_en_terug_met_records_en_tellingen(database_url):
    """0004 -> 0006 laat records en hun hashes staan; de tellingen en het team komen erbij. Terug naar 0004 haalt
    de tellingen weg, maar weigert als een record een team heeft (de hash dekt het team)."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "0004")
    store = AuditStore(database_url, hoofdsleutel=b"k" * 32)
    try:
        oud = store.append(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer="{}",
            resultaat={"a": "1"},
            regelversie="1",
            gemeente="0363",
        )
        command.upgrade(cfg, "0006")
        teller = ((spiegel.ZAKEN, spiegel.BOETEBEREKENING), (spiegel.GRAAD, "NORMAAL"))
        kenmerken = spiegel.Zaakkenmerken("INKOMEN", "TOT_12_MAANDEN", spiegel.EERSTE)
        zonder_team = store.append(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer="{}",
            resultaat={"a": "2"},
            regelversie="1",
            gemeente="0363",
            sub="jan",
            tellingen=spiegel.Tellingen(teller, teller, kenmerken, None, "jan"),
        )
        assert store.get(oud.berekening_id) == oud
        assert store.controleer_keten("0363").intact
        maand = spiegel.maand_van(periode_datum(zonder_team.tijdstip))
        assert store.vergelijkbaar("0363", kenmerken, maand, maand) == {
            ("zaken", "BOETEBEREKENING"): 1,
            ("graad", "NORMAAL"): 1,
        }

        command.downgrade(cfg, "0004")  # geen record met team: mag
        tabellen, versies, _ = _schema(database_url)
        assert "spiegeltelling" not in tabellen and "team" not in tabellen["auditrecord"] and versies == ["0004"]
        command.upgrade(cfg, "0006")
        assert store.tellingen_in_tabellen("0363") == ({}, {})  # tellingen weg: hertel kan ze terugvinden
        store.append(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer="{}",
            resultaat={"a": "3"},
            regelversie="1",
            gemeente="0363",
            team="NOORD",
        )
        assert store.controleer_keten("0363").intact
        with pytest.raises(RuntimeError, match="team"):
            command.downgrade(cfg, "0004")
    finally:
        store.dispose()


def test_0003_heen_en_terug_met_records_en_sleutels(database_url):
    """0002 -> 0003 laat bestaande records staan; 0003 -> 0002 haalt alleen de sleutels weg."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "0002")
    store = AuditStore(database_url)
    try:
        oud = store.append(
            berekening_id=str(uuid.uuid4()), soort="s", invoer="{}", resultaat={"a": "1"}, regelversie="1"
        )
        command.upgrade(cfg, "0003")
        sleutel = Idempotentie("0363", "sleutel-1", "a" * 64, "/api/v1/berekeningen/x")
        nieuw = store.vastleggen(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer="{}",
            resultaat={"a": "2"},
            regelversie="1",
            gemeente="0363",
            idempotentie=sleutel,
        ).result(timeout=30)
        assert store.idempotentie("0363", "sleutel-1").berekening_id == nieuw.berekening_id
        # de store leest met het schema van head (kolom team sinds 0006): hier rechtstreeks in de tabel kijken
        assert _hashes(database_url) == {oud.berekening_id: oud.hash, nieuw.berekening_id: nieuw.hash}

        command.downgrade(cfg, "0002")
        tabellen, versies, _ = _schema(database_url)
        assert "idempotentiesleutel" not in tabellen and versies == ["0002"]
        assert nieuw.berekening_id in _hashes(database_url)  # het record blijft; alleen de sleutel is weg
        command.upgrade(cfg, "head")
        assert store.get(nieuw.berekening_id) == nieuw and store.get(oud.berekening_id) == oud
        assert store.idempotentie("0363", "sleutel-1") is None
    finally:
        store.dispose()


def test_heen_terug_en_weer_heen(database_url):
    cfg = alembic_config(database_url)
    assert set(_schema(database_url)[0]) == set()

    command.upgrade(cfg, "head")
    _is_op_head(database_url)

    command.downgrade(cfg, "base")
    tabellen, versies, _ = _schema(database_url)
    assert not set(KOLOMMEN) & set(tabellen)
    assert versies == []

    command.upgrade(cfg, "head")
    _is_op_head(database_url)


def test_schema_komt_overeen_met_de_modellen(database_url):
    """Migraties en app/db/models.py lopen niet uiteen (anders ziet autogenerate een verschil)."""
    command.upgrade(alembic_config(database_url), "head")
    engine = create_engine(database_url)
    try:
        with engine.connect() as verbinding:
            verschil = compare_metadata(MigrationContext.configure(verbinding, opts={"compare_type": True}), metadata)
    finally:
        engine.dispose()
    assert verschil == []


def test_migrate_is_idempotent_en_bewaart_records(database_url):
    store = AuditStore(database_url)
    try:
        store.migrate()
        _is_op_head(database_url)
        record = store.append(
            berekening_id=str(uuid.uuid4()), soort="s", invoer="{}", resultaat={"a": "1"}, regelversie="1"
        )
        store.migrate()
        tabellen, versies, ketens = _schema(database_url)
        assert versies == [_head()]
        assert ketens == [("globaal", record.hash)]
        assert store.get(record.berekening_id) == record
    finally:
        store.dispose()


def test_gelijktijdig_startende_diensten_migreren_zonder_botsing(database_url):
    n = 4
    stores = [AuditStore(database_url) for _ in range(n)]
    start = threading.Barrier(n)

    def migreer(store: AuditStore) -> None:
        start.wait(timeout=10)
        store.migrate()

    try:
        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(migreer, stores))  # een fout in een draad komt hier naar boven
        _is_op_head(database_url)
    finally:
        for store in stores:
            store.dispose()


def _migreer_in_proces(database_url: str, starttijd: float) -> None:
    time.sleep(max(0.0, starttijd - time.time()))  # alle processen tegelijk, na hun (trage) import
    store = AuditStore(database_url)
    try:
        store.migrate()
    finally:
        store.dispose()


def test_gelijktijdig_startende_processen_migreren_zonder_botsing(database_url):
    """Meerdere workers die tegelijk starten: advisory lock (PostgreSQL) of BEGIN IMMEDIATE (SQLite)."""
    n = 4
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
        list(pool.map(_migreer_in_proces, [database_url] * n, [time.time() + 2] * n))
    _is_op_head(database_url)


def _alembic_cli(*argumenten: str, database_url: str) -> subprocess.CompletedProcess:
    omgeving = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "alembic", *argumenten],
        cwd=REPO,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_in_de_root_gebruikt_database_url(database_url):
    heen = _alembic_cli("upgrade", "head", database_url=database_url)
    assert heen.returncode == 0, heen.stderr
    _is_op_head(database_url)

    huidig = _alembic_cli("current", database_url=database_url)
    assert huidig.returncode == 0, huidig.stderr
    assert f"{_head()} (head)" in huidig.stdout

    terug = _alembic_cli("downgrade", "base", database_url=database_url)
    assert terug.returncode == 0, terug.stderr
    assert not set(KOLOMMEN) & set(_schema(database_url)[0])


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_offline_sql(dialect, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db" if dialect == "sqlite" else "postgresql+psycopg://u@h/db"
    uit = _alembic_cli("upgrade", "head", "--sql", database_url=url)
    assert uit.returncode == 0, uit.stderr
    assert "CREATE TABLE auditrecord" in uit.stdout
    assert "INSERT INTO auditketen" in uit.stdout


def test_0004_downgrade_weigert_als_er_sleutels_zijn(database_url):
    """Een downgrade mag de gegevenssleutels niet weggooien: dat zou alle versleutelde tekst wissen."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "head")
    store = AuditStore(database_url, hoofdsleutel=b"k" * 32)
    try:
        record = store.append(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer='{"motivering": "Zorg voor een zieke ouder, zaak Z-1"}',
            resultaat={"a": "1"},
            regelversie="1",
            gemeente="0363",
            vrije_paden=frozenset({("motivering",)}),
        )
        with pytest.raises(RuntimeError, match="gegevenssleutels"):
            command.downgrade(cfg, "0003")
        assert _schema(database_url)[1] == [_head()]
        assert "Z-1" in store.get(record.berekening_id).invoer
        store.vernietig_sleutel("0363", periode_van(record.tijdstip))
        command.downgrade(cfg, "0003")  # alleen gewiste sleutels: mag
        assert "gegevenssleutel" not in _schema(database_url)[0]
    finally:
        store.dispose()


def _beleidsversie(verbinding, status: str, geldig_vanaf: str = "2027-01-01", gemeente: str = "0363") -> str:
    versie_id = str(uuid.uuid4())
    verbinding.execute(
        text(
            "INSERT INTO beleidsversie (beleidsversie_id, gemeente, geldig_vanaf, waarden, bron, status, "
            "voorgesteld_door, voorgesteld_op) VALUES (:id, :g, :d, '{}', '{}', :s, 'a', :t)"
        ),
        {"id": versie_id, "g": gemeente, "d": date.fromisoformat(geldig_vanaf), "s": status, "t": datetime.now(UTC)},
    )
    return versie_id


def test_0005_beleidsversies_heen_en_terug_en_een_vastgestelde_versie_per_datum(database_url):
    """0005: de tabel beleidsversie met een partiële unieke index (één vastgestelde versie per gemeente en datum,
    op SQLite en PostgreSQL); terug naar 0004 alleen zonder vastgestelde versies."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "0005")
    assert "beleidsversie" in _schema(database_url)[0]
    engine = create_engine(database_url)
    try:
        with engine.begin() as verbinding:
            _beleidsversie(verbinding, "VOORGESTELD")
            _beleidsversie(verbinding, "VOORGESTELD")  # twee voorstellen voor dezelfde datum mogen
            _beleidsversie(verbinding, "AFGEWEZEN")
        command.downgrade(cfg, "0004")  # geen vastgestelde versies: mag
        assert "beleidsversie" not in _schema(database_url)[0]
        command.upgrade(cfg, "0005")
        with engine.begin() as verbinding:
            _beleidsversie(verbinding, "VASTGESTELD")
            _beleidsversie(verbinding, "VASTGESTELD", gemeente="0014")  # een andere gemeente: mag
            _beleidsversie(verbinding, "VASTGESTELD", geldig_vanaf="2028-01-01")
        with pytest.raises(IntegrityError), engine.begin() as verbinding:
            _beleidsversie(verbinding, "VASTGESTELD")  # tweede vastgestelde versie op dezelfde datum
        with pytest.raises(RuntimeError, match="vastgestelde beleidsversies"):
            command.downgrade(cfg, "0004")
        assert _schema(database_url)[1] == ["0005"]
        command.upgrade(cfg, "head")  # en verder: 0006 (spiegel) bouwt op 0005
        assert "beleidsversie" in _schema(database_url)[0] and _schema(database_url)[1] == [_head()]
    finally:
        engine.dispose()


def test_mutatie_en_record_in_een_transactie(database_url):
    """Botst de stand van een beleidsversie (unieke index), dan is ook het auditrecord niet vastgelegd."""
    from sqlalchemy import insert as sql_insert

    from app.db import BerekeningBestaatAl
    from app.db.models import beleidsversie

    store = AuditStore(database_url)
    try:
        store.migrate()

        def rij(versie_id: str) -> dict:
            return {
                "beleidsversie_id": versie_id,
                "gemeente": "0363",
                "geldig_vanaf": date(2027, 1, 1),
                "waarden": "{}",
                "bron": "{}",
                "status": "VASTGESTELD",
                "voorgesteld_door": "a",
                "voorgesteld_op": datetime.now(UTC),
            }

        eerste = str(uuid.uuid4())
        store.vastleggen(
            berekening_id=eerste,
            soort="beleidsvoorstel",
            invoer="{}",
            resultaat={},
            regelversie="1",
            gemeente="0363",
            mutaties=(sql_insert(beleidsversie).values(**rij(eerste)),),
        ).result()
        tweede = str(uuid.uuid4())
        with pytest.raises(BerekeningBestaatAl):
            store.vastleggen(
                berekening_id=tweede,
                soort="beleidsvoorstel",
                invoer="{}",
                resultaat={},
                regelversie="1",
                gemeente="0363",
                mutaties=(sql_insert(beleidsversie).values(**rij(tweede)),),
            ).result()
        assert store.get(tweede) is None
        assert [r["beleidsversie_id"] for r in store.beleidsversies("0363")] == [eerste]
        assert store.controleer_keten("0363").intact
    finally:
        store.dispose()
