"""Ketens per gemeente, afgeschermd lezen, de integriteitscontrole, regelsets, en de database die niet laat wijzigen.

Draait op SQLite en PostgreSQL (fixture ``database_url``).
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, exc, text

from app.db import AuditStore, BerekeningBestaatAl


def _leg_vast(store: AuditStore, gemeente: str | None = "0363", **anders):
    velden = {
        "berekening_id": str(uuid.uuid4()),
        "soort": "boeteberekening",
        "invoer": '{"a": 1}',
        "resultaat": {"boete": "840.84"},
        "regelversie": "sha256:x",
        "sub": "jan",
        "gemeente": gemeente,
    }
    return store.append(**{**velden, **anders})


@pytest.fixture
def ruw(database_url):
    """Een directe verbinding, buiten de store om, met de triggers van 0002 uitgeschakeld: zo knoeit een
    beheerder met volledige rechten. Op PostgreSQL via session_replication_role, op SQLite door de triggers
    te verwijderen."""
    engine = create_engine(database_url)

    def knoei(sql: str, **params) -> None:
        with engine.begin() as verbinding:
            if verbinding.dialect.name == "postgresql":
                verbinding.execute(text("SET LOCAL session_replication_role = replica"))
            else:
                triggers = verbinding.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'auditrecord'")
                )
                for naam in triggers.scalars().all():
                    verbinding.execute(text(f"DROP TRIGGER {naam}"))
            verbinding.execute(text(sql), params)

    yield knoei
    engine.dispose()


def test_elke_gemeente_heeft_een_eigen_keten(store):
    a1 = _leg_vast(store, "0363")
    b1 = _leg_vast(store, "0599")
    a2 = _leg_vast(store, "0363")
    assert a2.vorige_hash == a1.hash
    assert b1.vorige_hash == "0" * 64 == a1.vorige_hash
    assert store.controleer_keten("0363").aantal == 2
    assert store.controleer_keten("0599").aantal == 1
    assert store.controleer_keten("0344").intact and store.controleer_keten("0344").aantal == 0


def test_een_gemeente_ziet_records_van_een_andere_niet(store):
    a = _leg_vast(store, "0363")
    assert store.get(a.berekening_id, "0363") == a
    assert store.get(a.berekening_id, "0599") is None
    assert [r.berekening_id for r in store.lijst("0363")] == [a.berekening_id]
    assert store.lijst("0599") == []


def test_sub_gemeente_en_verwijzing_zitten_in_de_hash(store):
    a = _leg_vast(store)
    b = _leg_vast(store, verwijzing=a.berekening_id, soort="herberekening")
    assert (b.sub, b.gemeente, b.verwijzing) == ("jan", "0363", a.berekening_id)
    assert [r.berekening_id for r in store.verwijzend(a.berekening_id, "0363")] == [b.berekening_id]
    assert store.verwijzend(a.berekening_id, "0599") == []
    assert store.controleer_keten("0363").intact


def test_lijst_pagineert_nieuwste_eerst(store):
    ids = [_leg_vast(store).berekening_id for _ in range(5)]
    eerste = store.lijst("0363", aantal=2)
    assert [r.berekening_id for r in eerste] == ids[:-3:-1]
    tweede = store.lijst("0363", aantal=2, na=eerste[-1].volgnummer)
    assert [r.berekening_id for r in tweede] == [ids[2], ids[1]]
    assert [r.soort for r in store.lijst("0363", soort="onbekend")] == []


def test_unieke_sleutel_wordt_maar_een_keer_vastgelegd(store):
    _leg_vast(store, uniek="beoordeling:1")
    with pytest.raises(BerekeningBestaatAl):
        _leg_vast(store, uniek="beoordeling:1")
    assert store.controleer_keten("0363").intact


def test_gelijktijdige_appends_in_groepen_over_gemeenten(store):
    n = 60
    start = threading.Barrier(20)

    def een(i: int):
        if i < 20:
            start.wait(timeout=10)
        return _leg_vast(store, "0363" if i % 3 else "0599", resultaat={"i": i})

    with ThreadPoolExecutor(max_workers=20) as pool:
        records = list(pool.map(een, range(n)))
    assert len({r.hash for r in records}) == n
    assert store.controleer_keten("0363").aantal == 40
    assert store.controleer_keten("0599").aantal == 20
    assert store.controleer_keten("0363").intact and store.controleer_keten("0599").intact


def test_een_dubbel_id_in_een_groep_raakt_de_andere_niet(store):
    bestaand = _leg_vast(store)
    toekomsten = [store.vastleggen(**_velden()) for _ in range(5)]
    dubbel = store.vastleggen(**{**_velden(), "berekening_id": bestaand.berekening_id})
    toekomsten += [store.vastleggen(**_velden()) for _ in range(5)]
    with pytest.raises(BerekeningBestaatAl):
        dubbel.result(timeout=10)
    assert all(t.result(timeout=10).hash for t in toekomsten)
    assert store.controleer_keten("0363").aantal == 11 and store.controleer_keten("0363").intact


def _velden() -> dict:
    return {
        "berekening_id": str(uuid.uuid4()),
        "soort": "s",
        "invoer": "{}",
        "resultaat": {},
        "regelversie": "v",
        "gemeente": "0363",
    }


# --- de database weigert wijzigen -----------------------------------------------------


@pytest.mark.parametrize("sql", ["UPDATE auditrecord SET soort = 'x'", "DELETE FROM auditrecord"])
def test_de_database_weigert_update_en_delete(store, database_url, sql):
    _leg_vast(store)
    engine = create_engine(database_url)
    try:
        with pytest.raises(exc.DBAPIError, match="append-only"), engine.begin() as verbinding:
            verbinding.execute(text(sql))
    finally:
        engine.dispose()
    assert store.controleer_keten("0363").intact


_KOPIE = "berekening_id, soort, tijdstip, invoer, resultaat, regelversie, vorige_hash, hash, keten, sub, gemeente"
_VERVANG = {
    # SQLite: REPLACE verwijdert de botsende rij zonder DELETE-trigger (zonder PRAGMA recursive_triggers)
    "insert or replace, zelfde id": f"INSERT OR REPLACE INTO auditrecord ({_KOPIE}) SELECT berekening_id, 'vervangen', "
    "tijdstip, invoer, resultaat, regelversie, vorige_hash, hash, keten, sub, gemeente FROM auditrecord WHERE "
    "berekening_id = :id",
    "replace into, botsende hash": f"REPLACE INTO auditrecord ({_KOPIE}) SELECT 'nieuw-id', soort, tijdstip, invoer, "
    "resultaat, regelversie, 'f' || substr(vorige_hash, 2), hash, keten, sub, gemeente FROM auditrecord WHERE berekening_id = :id",
    "upsert op het id": f"INSERT INTO auditrecord ({_KOPIE}) SELECT berekening_id, soort, tijdstip, invoer, "
    "resultaat, regelversie, vorige_hash, hash, keten, sub, gemeente FROM auditrecord WHERE berekening_id = :id "
    "ON CONFLICT (berekening_id) DO UPDATE SET soort = 'vervangen'",
    "upsert op de hash": f"INSERT INTO auditrecord ({_KOPIE}) SELECT 'nieuw-id', soort, tijdstip, invoer, "
    "resultaat, regelversie, 'f' || substr(vorige_hash, 2), hash, keten, sub, gemeente FROM auditrecord WHERE "
    "berekening_id = :id ON CONFLICT (hash) DO UPDATE SET resultaat = '{}'",
}


@pytest.mark.parametrize("sql", list(_VERVANG.values()), ids=list(_VERVANG))
def test_de_database_weigert_vervangen(store, database_url, sql):
    """Issue #20, 8: INSERT OR REPLACE (SQLite) verving een record, en verwijderde er een met een botsende hash; een
    upsert mag evenmin iets veranderen. Op PostgreSQL bestaat REPLACE niet."""
    if database_url.startswith("postgresql") and "REPLACE" in sql:
        pytest.skip("PostgreSQL kent geen REPLACE")
    records = [_leg_vast(store) for _ in range(3)]
    engine = create_engine(database_url)
    try:
        with pytest.raises(exc.DBAPIError, match="append-only"), engine.begin() as verbinding:
            verbinding.execute(text(sql), {"id": records[1].berekening_id})
        with engine.connect() as verbinding:
            rijen = verbinding.execute(text("SELECT berekening_id, soort, hash FROM auditrecord ORDER BY volgnummer"))
            assert [tuple(r) for r in rijen] == [(r.berekening_id, r.soort, r.hash) for r in records]
    finally:
        engine.dispose()
    assert store.controleer_keten("0363").intact and store.controleer_keten("0363").aantal == 3


def test_postgres_weigert_truncate(postgres_url):
    s = AuditStore(postgres_url)
    s.migrate()
    engine = create_engine(postgres_url)
    try:
        with pytest.raises(exc.DBAPIError, match="append-only"), engine.begin() as verbinding:
            verbinding.execute(text("TRUNCATE auditrecord"))
    finally:
        engine.dispose()
        s.dispose()


# --- integriteitscontrole ------------------------------------------------------------


def test_gewijzigd_resultaat_wordt_gevonden(store, ruw):
    records = [_leg_vast(store) for _ in range(4)]
    _leg_vast(store, "0599")
    ruw(
        "UPDATE auditrecord SET resultaat = :r WHERE berekening_id = :id",
        r='{"boete":"0.00"}',
        id=records[2].berekening_id,
    )
    uitkomst = store.controleer_keten("0363")
    assert not uitkomst.intact
    assert uitkomst.eerste_afwijking == records[2].berekening_id
    assert uitkomst.aantal == 3
    assert "gewijzigd" in uitkomst.reden
    assert store.controleer_keten("0599").intact  # andere gemeente: ongemoeid


def test_gewijzigde_gemeente_of_sub_wordt_gevonden(store, ruw):
    records = [_leg_vast(store) for _ in range(2)]
    ruw("UPDATE auditrecord SET sub = 'piet' WHERE berekening_id = :id", id=records[0].berekening_id)
    assert store.controleer_keten("0363").eerste_afwijking == records[0].berekening_id


def test_verwijderd_record_wordt_gevonden(store, ruw):
    records = [_leg_vast(store) for _ in range(3)]
    ruw("DELETE FROM auditrecord WHERE berekening_id = :id", id=records[1].berekening_id)
    uitkomst = store.controleer_keten("0363")
    assert not uitkomst.intact
    assert uitkomst.eerste_afwijking == records[2].berekening_id
    assert "voorganger" in uitkomst.reden


def test_verwijderd_laatste_record_wordt_gevonden(store, ruw):
    records = [_leg_vast(store) for _ in range(3)]
    ruw("DELETE FROM auditrecord WHERE berekening_id = :id", id=records[2].berekening_id)
    uitkomst = store.controleer_keten("0363")
    assert not uitkomst.intact and uitkomst.eerste_afwijking is None
    assert "laatste record" in uitkomst.reden


# --- regelsets -----------------------------------------------------------------------


def test_regelset_wordt_eenmaal_bewaard(store):
    assert store.regelset("sha256:abc") is None
    store.registreer_regelset("sha256:abc", '{"a":1}')
    store.registreer_regelset("sha256:abc", '{"a":2}')  # idempotent: de eerste blijft
    assert store.regelset("sha256:abc") == '{"a":1}'


def test_de_schrijver_overleeft_een_onverwachte_fout(store, monkeypatch):
    from app.db import OpslagNietBeschikbaar

    echt = store._schrijf_groep
    kapot = {"keer": 1}

    def eenmaal_kapot(groep):
        if kapot["keer"]:
            kapot["keer"] -= 1
            raise RuntimeError("onverwacht")
        return echt(groep)

    monkeypatch.setattr(store, "_schrijf_groep", eenmaal_kapot)
    with pytest.raises(OpslagNietBeschikbaar):
        _leg_vast(store)
    assert _leg_vast(store).hash  # de schrijver draait nog
    assert store.controleer_keten("0363").aantal == 1
