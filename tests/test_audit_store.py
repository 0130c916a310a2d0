"""De auditopslag op SQLite en PostgreSQL: hashketen, exacte opslag, gelijktijdigheid en storingen."""

from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from multiprocessing import get_context

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text

from app.db import (
    BEGIN_HASH,
    AuditRecord,
    AuditStore,
    BerekeningBestaatAl,
    OpslagNietBeschikbaar,
    canonical_json,
    hashing,
    record_hash,
)
from app.db.models import auditketen, auditrecord

ONBEREIKBAAR = "postgresql+psycopg://postgres@127.0.0.1:1/x"

INVOER = '{\n  "naam": "Zoë",  "bedrag" : "€ 1.234,50",\t"lijst": [1,2 ,3]\n}\n'
RESULTAAT = {
    "berekeningId": "x",
    "boete": "1234.50",
    "uitleg": [{"stap": "Matiging — €", "bedrag": "10.00"}, {"stap": "ë", "bedrag": None}],
    "verval": False,
    "aantal": 3,
}


def _append(store: AuditStore, **anders) -> AuditRecord:
    velden = {
        "berekening_id": str(uuid.uuid4()),
        "soort": "boeteberekening",
        "invoer": INVOER,
        "resultaat": RESULTAAT,
        "regelversie": "2026.1",
    }
    return store.append(**{**velden, **anders})


def _herbereken(record: AuditRecord) -> str:
    return record_hash(
        berekening_id=record.berekening_id,
        soort=record.soort,
        tijdstip=record.tijdstip,
        invoer=record.invoer,
        resultaat=record.resultaat,
        regelversie=record.regelversie,
        vorige_hash=record.vorige_hash,
    )


def _loop_keten(store: AuditStore) -> list:
    """Loopt de keten op volgnummer af vanuit de ruwe kolommen en controleert elke schakel en elke hash."""
    with store.engine.connect() as verbinding:
        rijen = verbinding.execute(select(auditrecord).order_by(auditrecord.c.volgnummer)).all()
        kop = verbinding.execute(select(auditketen)).one()
    vorige = BEGIN_HASH
    for rij in rijen:
        assert rij.vorige_hash == vorige, f"schakel {rij.volgnummer} wijst niet naar zijn voorganger"
        resultaat = json.loads(rij.resultaat)
        assert rij.resultaat == canonical_json(resultaat)
        herberekend = record_hash(
            berekening_id=rij.berekening_id,
            soort=rij.soort,
            tijdstip=rij.tijdstip,
            invoer=rij.invoer,
            resultaat=resultaat,
            regelversie=rij.regelversie,
            vorige_hash=rij.vorige_hash,
        )
        assert rij.hash == herberekend, f"hash van record {rij.volgnummer} klopt niet"
        vorige = rij.hash
    assert kop.keten == "globaal"
    assert kop.laatste_hash == vorige
    assert kop.laatste_volgnummer == (rijen[-1].volgnummer if rijen else None)
    return rijen


# --- hash (zonder database) --------------------------------------------------


def test_record_hash_volgt_de_gepubliceerde_definitie():
    tijdstip = datetime(2026, 2, 2, 13, 4, 5, 60, tzinfo=timezone(timedelta(hours=1)))
    verwacht_json = (
        '{"berekeningId":"6f1c","invoer":"{\\"a\\": \\"€\\"}\\n","regelversie":"2026.1",'
        '"resultaat":{"b":[1,true,null],"é":"10.00"},"soort":"boeteberekening",'
        '"tijdstip":"2026-02-02T12:04:05.000060+00:00","vorigeHash":"' + "0" * 64 + '"}'
    )
    berekend = record_hash(
        berekening_id="6f1c",
        soort="boeteberekening",
        tijdstip=tijdstip,
        invoer='{"a": "€"}\n',
        resultaat={"é": "10.00", "b": [1, True, None]},
        regelversie="2026.1",
        vorige_hash="0" * 64,
    )
    assert berekend == hashlib.sha256(verwacht_json.encode("utf-8")).hexdigest()


@given(st.binary(max_size=20_000))
def test_hash_in_stukken_is_dezelfde_sha256(data):
    """De schrijver hasht in stukken onder 2048 bytes (dan houdt hashlib het GIL vast); het is dezelfde sha256."""
    assert hashing._sha256_met_gil(data) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("lengte", [0, hashing._STUK - 1, hashing._STUK, hashing._STUK + 1, 2 * hashing._STUK])
def test_hash_in_stukken_op_de_grenzen_van_een_stuk(lengte):
    assert hashing._sha256_met_gil(b"x" * lengte) == hashlib.sha256(b"x" * lengte).hexdigest()


@pytest.mark.parametrize(
    "veld, waarde",
    [
        ("berekening_id", "ander"),
        ("soort", "benadelingsbedrag"),
        ("tijdstip", datetime(2026, 1, 1, 0, 0, 0, 1, tzinfo=UTC)),
        ("invoer", '{"a":1} '),
        ("resultaat", {"a": "1"}),
        ("regelversie", "2026.2"),
        ("vorige_hash", "1" * 64),
    ],
)
def test_elk_veld_zit_in_de_hash(veld, waarde):
    basis = {
        "berekening_id": "id",
        "soort": "boeteberekening",
        "tijdstip": datetime(2026, 1, 1, tzinfo=UTC),
        "invoer": '{"a":1}',
        "resultaat": {"a": 1},
        "regelversie": "2026.1",
        "vorige_hash": "0" * 64,
    }
    assert record_hash(**basis) != record_hash(**{**basis, veld: waarde})


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | st.text(),
    lambda kind: st.lists(kind, max_size=4) | st.dictionaries(st.text(max_size=8), kind, max_size=4),
    max_leaves=12,
)


@given(
    resultaat=st.dictionaries(st.text(max_size=8), _JSON, max_size=5),
    invoer=st.text(),
    sub=st.none() | st.text(max_size=10),
    gemeente=st.none() | st.from_regex(r"\A\d{4}\Z"),
    verwijzing=st.none() | st.uuids().map(str),
)
def test_snelle_hash_met_resultaattekst_is_dezelfde(resultaat, invoer, sub, gemeente, verwijzing):
    velden = {
        "berekening_id": "id",
        "soort": "boeteberekening",
        "tijdstip": datetime(2026, 1, 1, tzinfo=UTC),
        "invoer": invoer,
        "resultaat": resultaat,
        "regelversie": "v",
        "vorige_hash": BEGIN_HASH,
        "sub": sub,
        "gemeente": gemeente,
        "verwijzing": verwijzing,
    }
    assert record_hash(**velden) == record_hash(**velden, resultaat_tekst=canonical_json(resultaat))


@given(st.dictionaries(st.text(), _JSON, max_size=6))
def test_canonieke_json_is_de_gepubliceerde_definitie(waarde):
    """orjson levert precies wat de standaardbibliotheek met deze opties levert (ook stuurtekens en niet-ASCII)."""
    verwacht = json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(waarde) == verwacht


@pytest.mark.parametrize("waarde", [{"a": "\ud800"}, {"a": Decimal("1.00")}, {"a": object()}])
def test_canonieke_json_weigert_wat_niet_in_een_record_hoort(waarde):
    with pytest.raises(ValueError):
        canonical_json(waarde)


def test_naief_tijdstip_wordt_geweigerd():
    with pytest.raises(ValueError):
        record_hash(
            berekening_id="id",
            soort="s",
            tijdstip=datetime(2026, 1, 1),
            invoer="",
            resultaat={},
            regelversie="1",
            vorige_hash=BEGIN_HASH,
        )


# --- append en get -------------------------------------------------------------


def test_append_geeft_een_record_met_kloppende_hash(store):
    voor = datetime.now(UTC)
    record = _append(store)
    na = datetime.now(UTC)
    assert record.hash == _herbereken(record)
    assert len(record.hash) == 64 and int(record.hash, 16) >= 0
    assert record.tijdstip.utcoffset() == timedelta(0)
    assert voor <= record.tijdstip <= na
    assert record.resultaat == RESULTAAT


def test_records_vormen_een_keten(store):
    eerste = _append(store)
    tweede = _append(store)
    derde = _append(store)
    assert eerste.vorige_hash == BEGIN_HASH
    assert tweede.vorige_hash == eerste.hash
    assert derde.vorige_hash == tweede.hash
    assert len(_loop_keten(store)) == 3


def test_get_geeft_hetzelfde_record_terug(store):
    record = _append(store, invoer=INVOER)
    gelezen = store.get(record.berekening_id)
    assert gelezen == record
    assert gelezen.tijdstip == record.tijdstip
    assert gelezen.tijdstip.isoformat() == record.tijdstip.isoformat()
    assert gelezen.invoer.encode("utf-8") == INVOER.encode("utf-8")
    assert gelezen.resultaat == RESULTAAT
    assert _herbereken(gelezen) == record.hash


def test_get_vanuit_een_nieuwe_store(database_url, store):
    """Niets komt uit een cache: een tweede store op dezelfde database leest hetzelfde record."""
    record = _append(store)
    ander = AuditStore(database_url)
    try:
        assert ander.get(record.berekening_id) == record
    finally:
        ander.dispose()


def test_latere_wijziging_van_het_resultaat_raakt_het_record_niet(store):
    resultaat = {"bedrag": "1.00", "lijst": ["a"]}
    record = _append(store, resultaat=resultaat)
    resultaat["bedrag"] = "999.00"
    resultaat["lijst"].append("b")
    assert record.resultaat == {"bedrag": "1.00", "lijst": ["a"]}
    assert store.get(record.berekening_id).resultaat == {"bedrag": "1.00", "lijst": ["a"]}


def test_get_van_onbekend_id_is_none(store):
    _append(store)
    assert store.get(str(uuid.uuid4())) is None


def test_dubbel_berekening_id_wordt_geweigerd_en_breekt_de_keten_niet(store):
    eerste = _append(store)
    with pytest.raises(BerekeningBestaatAl):
        _append(store, berekening_id=eerste.berekening_id, resultaat={"ander": "resultaat"})
    assert store.get(eerste.berekening_id) == eerste
    volgende = _append(store)
    assert volgende.vorige_hash == eerste.hash
    assert len(_loop_keten(store)) == 2


def test_store_kan_niet_wijzigen_of_verwijderen():
    publiek = {naam for naam in dir(AuditStore) if not naam.startswith("_") and callable(getattr(AuditStore, naam))}
    # vernietig_sleutel wijzigt geen record: het vernietigt de sleutel van versleutelde tekst (crypto-shredding)
    assert publiek == {
        "vernietig_sleutel",
        "sleutel_gewist_op",
        "append",
        "vastleggen",
        "get",
        "verwijzend",
        "uitlegstand",  # leest alleen: maatwerk bij een record en vernietigde sleutels
        "stand_uit_rijen",  # idem, uit de rijen van een eigen verbinding (app/db/standlezer.py)
        "lijst",
        "aantal",
        "controleer_keten",
        "registreer_regelset",
        "regelset",
        "regelversies_in_gebruik",
        "records_van_regelversies",
        "migrate",
        "dispose",
        "idempotentie",
        "idempotenties",
        "blokken",  # lezen voor een impactanalyse
        "records_in_blok",
        "ruim_sleutels_op",  # alleen Idempotency-Keys (eigen tabel), nooit auditrecords
        "start",
        "schrijver_leeft",
        "controleer_verbinding",
        "beleidsversies",  # lezen; de stand van een beleidsversie wordt alleen samen met een auditrecord geschreven
        "beleidsversie",
        # de spiegel (issue #10): alleen lezen; de tellingen worden bijgewerkt door de schrijver zelf
        "vergelijkbaar",
        "spiegeltellingen",
        "spiegel_per_maand",
        "tellingen_in_tabellen",
        "hertel",
        "lijst_alle",
        # beheer (maatstaf spiegel hertel): vervangt alleen de afgeleide tellingen, nooit een auditrecord
        "herbouw_tellingen",
        "volgnummer_van",  # lezen: de cursor van de lijst (issue #20)
        # checkpoints (issue #20): lezen, en een nieuw checkpoint toevoegen (append-only); nooit een auditrecord
        "ketens",
        "checkpoints",
        "maak_checkpoint",
    }
    for naam in ("update", "delete", "remove", "wijzig", "verwijder"):
        assert not hasattr(AuditStore, naam)


# --- gelijktijdigheid ----------------------------------------------------------------


def test_twintig_gelijktijdige_appends_geven_een_ketting_zonder_gaten(store):
    n = 20
    start = threading.Barrier(n)

    def een(i: int) -> AuditRecord:
        start.wait(timeout=10)
        return _append(store, resultaat={"draad": i})

    with ThreadPoolExecutor(max_workers=n) as pool:
        records = list(pool.map(een, range(n)))

    rijen = _loop_keten(store)
    assert len(rijen) == n
    assert {r.berekening_id for r in rijen} == {r.berekening_id for r in records}
    assert [r.volgnummer for r in rijen] == list(range(rijen[0].volgnummer, rijen[0].volgnummer + n))
    tijdstippen = [r.tijdstip for r in rijen]
    assert tijdstippen == sorted(tijdstippen)
    for record in records:
        assert store.get(record.berekening_id) == record


def _append_in_proces(database_url: str, aantal: int, starttijd: float) -> list[str]:
    time.sleep(max(0.0, starttijd - time.time()))  # alle processen tegelijk, na hun (trage) import
    store = AuditStore(database_url)
    try:
        return [_append(store, resultaat={"proces": i}).hash for i in range(aantal)]
    finally:
        store.dispose()


def test_gelijktijdige_processen_houden_de_keten_heel(store, database_url):
    """Meerdere workers (processen) op één database: SQLite via BEGIN IMMEDIATE, PostgreSQL via FOR UPDATE."""
    processen, per_proces = 3, 8
    with ProcessPoolExecutor(max_workers=processen, mp_context=get_context("spawn")) as pool:
        starttijd = [time.time() + 2] * processen
        delen = pool.map(_append_in_proces, [database_url] * processen, [per_proces] * processen, starttijd)
        hashes = [h for deel in delen for h in deel]
    rijen = _loop_keten(store)
    assert len(rijen) == processen * per_proces
    assert sorted(r.hash for r in rijen) == sorted(hashes)


# --- storingen -----------------------------------------------------------------------


def test_onbereikbare_database_geeft_opslag_niet_beschikbaar():
    store = AuditStore(ONBEREIKBAAR)
    try:
        start = time.monotonic()
        with pytest.raises(OpslagNietBeschikbaar):
            _append(store)
        with pytest.raises(OpslagNietBeschikbaar):
            store.get(str(uuid.uuid4()))
        with pytest.raises(OpslagNietBeschikbaar):
            store.migrate()
        assert time.monotonic() - start < 5
    finally:
        store.dispose()


def test_onopenbaar_sqlite_bestand_geeft_opslag_niet_beschikbaar():
    store = AuditStore("sqlite:////proc/bestaat-niet/audit.db")
    try:
        with pytest.raises(OpslagNietBeschikbaar):
            _append(store)
        with pytest.raises(OpslagNietBeschikbaar):
            store.get(str(uuid.uuid4()))
    finally:
        store.dispose()


def test_niet_gemigreerde_database_geeft_opslag_niet_beschikbaar(database_url):
    store = AuditStore(database_url)
    try:
        with pytest.raises(OpslagNietBeschikbaar):
            _append(store)
        with pytest.raises(OpslagNietBeschikbaar):
            store.get(str(uuid.uuid4()))
    finally:
        store.dispose()


def test_sqlite_maakt_de_map_aan(tmp_path):
    pad = tmp_path / "diep" / "genest" / "audit.db"
    store = AuditStore(f"sqlite:///{pad}")
    try:
        store.migrate()
        record = _append(store)
        assert pad.is_file()
        assert store.get(record.berekening_id) == record
        with store.engine.connect() as verbinding:
            assert verbinding.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        store.dispose()


def test_verbroken_postgres_verbindingen_worden_hersteld(postgres_url):
    """Elke verbinding van de store wordt door de server beëindigd; het volgende record komt er toch.

    ``pg_terminate_backend`` stuurt alleen een signaal: zonder te wachten kon de schrijver zijn volgende groep nog in
    één rondgang (met COMMIT) versturen vóórdat het proces aan de andere kant weg was. Die groep faalt dan terecht met
    503 (niets vastgelegd; de test faalde af en toe met AdminShutdown). Met een time-out wacht de functie tot elk
    proces echt is beëindigd (PostgreSQL 14+): dan heeft de verbinding van de schrijver het bericht van de server al
    ontvangen en vergrendelt hij eerst, merkt de verbroken verbinding en gaat over op een nieuwe."""
    store = AuditStore(postgres_url)
    store.migrate()
    try:
        eerste = _append(store)
        beheer = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        try:
            with beheer.connect() as verbinding:
                gestopt = verbinding.execute(
                    text(
                        "SELECT array_agg(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).scalar()
        finally:
            beheer.dispose()
        assert gestopt and all(gestopt), gestopt  # elk proces is beëindigd, niet alleen gesignaleerd
        assert _append(store).vorige_hash == eerste.hash
        assert store.get(eerste.berekening_id) == eerste
    finally:
        store.dispose()


def test_postgres_url_zonder_driver_gebruikt_psycopg(postgres_url):
    kaal = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    store = AuditStore(kaal)
    try:
        store.migrate()
        record = _append(store)
        assert store.get(record.berekening_id) == record
        assert store.engine.dialect.driver == "psycopg"
    finally:
        store.dispose()


def test_vastleggen_met_canonieke_bytes_geeft_hetzelfde_record(store):
    """De aanroeper die het resultaat al serialiseerde (het antwoord), geeft die bytes: ze gaan ongewijzigd in de
    kolom en de hash, en het record is hetzelfde als met het resultaat als dict."""
    canoniek = canonical_json(RESULTAAT).encode("utf-8")
    record = store.vastleggen(
        berekening_id="b-bytes", soort="boeteberekening", invoer=INVOER, resultaat_canoniek=canoniek, regelversie="1"
    ).result()
    assert record.resultaat == RESULTAAT and record.hash == _herbereken(record)
    assert store.get("b-bytes") == replace(record, volgnummer=record.volgnummer)
    with store.engine.connect() as verbinding:
        rij = verbinding.execute(select(auditrecord).where(auditrecord.c.berekening_id == "b-bytes")).one()
    assert rij.resultaat.encode("utf-8") == canoniek and rij.hash == record.hash
    _loop_keten(store)


@pytest.mark.parametrize("resultaat", [{"resultaat": RESULTAAT, "resultaat_canoniek": b"{}"}, {}])
def test_vastleggen_vraagt_precies_een_vorm_van_het_resultaat(store, resultaat):
    with pytest.raises(ValueError):
        store.vastleggen(berekening_id="x", soort="s", invoer="{}", regelversie="1", **resultaat)
