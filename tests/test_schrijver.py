"""De schrijver van de auditopslag: een opdracht is óf geclaimd (en krijgt haar uitkomst), óf ingetrokken (en
wordt nooit vastgelegd). Nooit vastgelegd terwijl de aanvrager het opgaf (issue #8 §1)."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
import uuid
from concurrent.futures import Future
from datetime import timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import exc, text
from sqlalchemy.exc import OperationalError

import app.db.pg as pg_module
import app.db.schrijver as schrijver_module
from app.api.http.routering import wacht_op_vastleggen
from app.db import AuditStore, Idempotentie, OpslagNietBeschikbaar
from app.db.records import _zet_fout, _zet_resultaat
from tests.conftest import gemigreerd


@pytest.fixture
def store(sqlite_url):
    with gemigreerd(sqlite_url) as s:
        yield s


def _opdracht(store: AuditStore) -> Future:
    return store.vastleggen(
        berekening_id=str(uuid.uuid4()),
        soort="boeteberekening",
        invoer="{}",
        resultaat={"boete": "1.00"},
        regelversie="1",
        gemeente="0363",
    )


def _wacht_tot(voorwaarde, seconden: float = 10) -> None:
    einde = time.monotonic() + seconden
    while not voorwaarde():
        assert time.monotonic() < einde, "voorwaarde niet bereikt"
        time.sleep(0.01)


def test_ingetrokken_opdracht_wordt_nooit_vastgelegd_en_geclaimde_wel(store):
    slot = store._schrijfslot
    assert slot is not None
    slot.acquire()  # de schrijver claimt de eerste opdracht en blijft dan op het schrijfslot wachten
    try:
        geclaimd = _opdracht(store)
        _wacht_tot(geclaimd.running)
        ingetrokken, daarna = _opdracht(store), _opdracht(store)
        assert not geclaimd.cancel()  # al in behandeling: intrekken kan niet meer
        assert ingetrokken.cancel()  # nog niet geclaimd: intrekken lukt
    finally:
        slot.release()
    record = geclaimd.result(timeout=10)
    assert daarna.result(timeout=10).vorige_hash == record.hash  # de ingetrokken opdracht zit er niet tussen
    assert ingetrokken.cancelled()
    assert store.aantal() == 2
    assert store.controleer_keten("0363").intact


def test_uitkomst_doorgeven_aan_een_afgehandelde_future_stopt_niets():
    geannuleerd = Future()
    geannuleerd.cancel()
    al_klaar = Future()
    al_klaar.set_result(None)
    for future in (geannuleerd, al_klaar):
        _zet_fout(future, RuntimeError("x"))  # geen InvalidStateError
    record = type("R", (), {"berekening_id": "x"})()
    _zet_resultaat(geannuleerd, record)
    _zet_resultaat(al_klaar, record)
    assert al_klaar.result() is None


def test_verlopen_sleutels_worden_opgeruimd_en_de_records_blijven(store):
    def met_sleutel(sleutel: str):
        return store.vastleggen(
            berekening_id=str(uuid.uuid4()),
            soort="boeteberekening",
            invoer="{}",
            resultaat={"boete": "1.00"},
            regelversie="1",
            gemeente="0363",
            idempotentie=Idempotentie("0363", sleutel, "f" * 64, "/x"),
        ).result(timeout=10)

    oud, nieuw = met_sleutel("oud"), met_sleutel("nieuw")
    with store.engine.begin() as verbinding:
        verbinding.execute(
            text("UPDATE idempotentiesleutel SET aangemaakt = :t WHERE sleutel = 'oud'"),
            {"t": oud.tijdstip - timedelta(days=4)},
        )
    with pytest.raises(ValueError):
        store.ruim_sleutels_op(timedelta(hours=23))  # korter dan 24 uur bewaren mag niet
    assert store.ruim_sleutels_op() == 1
    assert store.idempotentie("0363", "oud") is None
    assert store.idempotentie("0363", "nieuw").berekening_id == nieuw.berekening_id
    assert store.get(oud.berekening_id) is not None and store.aantal() == 2


def test_afgebroken_verzoek_trekt_zijn_opdracht_in(store):
    """Een verzoek dat wordt afgebroken (task geannuleerd) terwijl het wacht, laat geen record achter als de
    schrijver er nog niet aan begon; een time-out van het verzoek evenmin (503)."""
    verzoek = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(vastleggen_wachttijd_s=0.2)))
    slot = store._schrijfslot
    slot.acquire()
    try:
        geclaimd = _opdracht(store)
        _wacht_tot(geclaimd.running)
        afgebroken, verlopen = _opdracht(store), _opdracht(store)

        async def scenario():
            taak = asyncio.create_task(wacht_op_vastleggen(verzoek, afgebroken))
            await asyncio.sleep(0.05)
            taak.cancel()
            with pytest.raises(asyncio.CancelledError):
                await taak
            with pytest.raises(OpslagNietBeschikbaar, match="niets vastgelegd"):
                await wacht_op_vastleggen(verzoek, verlopen)

        asyncio.run(scenario())
        assert afgebroken.cancelled() and verlopen.cancelled()
    finally:
        slot.release()
    geclaimd.result(timeout=10)
    assert store.aantal() == 1


def test_wachten_op_een_geclaimde_opdracht_duurt_zo_lang_als_nodig(store):
    """Na de wachttijd trekt het verzoek niet in als de schrijver al bezig is: het wacht op de echte uitkomst."""
    verzoek = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(vastleggen_wachttijd_s=0.1)))
    slot = store._schrijfslot
    slot.acquire()
    geclaimd = _opdracht(store)
    _wacht_tot(geclaimd.running)
    threading.Timer(0.5, slot.release).start()  # pas na vijf keer de wachttijd
    record = asyncio.run(wacht_op_vastleggen(verzoek, geclaimd))
    assert store.get(record.berekening_id) == record


@pytest.mark.parametrize("gecommit", [True, False], ids=["wel-gecommit", "niet-gecommit"])
def test_afgebroken_commit_wordt_nagegaan(database_url, monkeypatch, gecommit):
    """Breekt de verbinding tijdens COMMIT, dan gaat de schrijver na wat er staat: 201 als het er is, anders 503."""
    store = AuditStore(database_url)
    store.migrate()
    try:

        def afgebroken(transactie):
            if gecommit:
                transactie.commit()
            raise OperationalError("COMMIT", {}, ConnectionResetError("verbinding verbroken"))

        monkeypatch.setattr(store, "_commit", afgebroken)
        futures = [_opdracht(store) for _ in range(3)]
        for future in futures:
            if gecommit:
                record = future.result(timeout=30)
                assert store.get(record.berekening_id) == record
            else:
                with pytest.raises(OpslagNietBeschikbaar):
                    future.result(timeout=30)
        assert store.aantal() == (3 if gecommit else 0)
        monkeypatch.undo()
        _opdracht(store).result(timeout=30)  # de schrijver draait door, de keten is heel
        assert store.controleer_keten("0363").intact
    finally:
        store.dispose()


def test_afsluiten_legt_de_wachtrij_nog_vast(sqlite_url):
    """dispose() (bij SIGTERM, na de lopende verzoeken) laat de schrijver alles wat al is aangeboden vastleggen;
    daarna neemt de store niets meer aan en is de schrijver niet meer gereed."""
    store = AuditStore(sqlite_url)
    store.migrate()
    store.start()
    slot = store._schrijfslot
    slot.acquire()
    try:
        eerste = _opdracht(store)
        _wacht_tot(eerste.running)
        wachtend = [_opdracht(store) for _ in range(5)]
        afsluiter = threading.Thread(target=store.dispose)
        afsluiter.start()
        _wacht_tot(lambda: not store.schrijver_leeft())  # gesloten: niet meer gereed
        with pytest.raises(OpslagNietBeschikbaar, match="gesloten"):
            _opdracht(store)
    finally:
        slot.release()
    afsluiter.join(30)
    assert not afsluiter.is_alive()
    ids = {f.result(timeout=1).berekening_id for f in [eerste, *wachtend]}
    nieuw = AuditStore(sqlite_url)
    try:
        assert nieuw.aantal() == 6
        assert all(nieuw.get(i) is not None for i in ids)
        assert nieuw.controleer_keten("0363").intact
    finally:
        nieuw.dispose()


def test_een_gestopte_schrijver_is_niet_gereed_en_wordt_vervangen(store):
    store.start()
    assert store.schrijver_leeft()
    dood = threading.Thread(target=lambda: None)
    dood.start()
    dood.join()
    store._thread = dood  # alsof de schrijver onverwacht stopte
    assert not store.schrijver_leeft()
    assert _opdracht(store).result(timeout=10).hash  # het volgende record start een nieuwe schrijver
    assert store.schrijver_leeft()


# --- PostgreSQL: één rondgang per groep (issue #9) ---------------------------------------


@pytest.fixture
def pg_store(postgres_url):
    with gemigreerd(postgres_url) as s:
        yield s


def test_een_schrijver_die_zijn_kop_kent_vergrendelt_niet_vooraf(pg_store, monkeypatch):
    """De eerste groep van een keten leest en vergrendelt de kop; daarna rekent de schrijver op de kop die hij zelf
    vastlegde: slot, rijen en COMMIT in één rondgang, zonder de vraag vooraf."""
    vooraf = []
    echt = schrijver_module._vergrendel_koppen
    monkeypatch.setattr(schrijver_module, "_vergrendel_koppen", lambda v, k: vooraf.append(k) or echt(v, k))
    eerste = _opdracht(pg_store).result(timeout=30)
    tweede = _opdracht(pg_store).result(timeout=30)
    assert vooraf == [["0363"]]
    assert tweede.vorige_hash == eerste.hash
    assert tweede.volgnummer == eerste.volgnummer + 1
    assert pg_store.get(tweede.berekening_id) == tweede
    assert pg_store.controleer_keten("0363").intact


@pytest.mark.parametrize("kleine_groep", [1000, 0], ids=["als-tekst", "pijplijn"])
def test_twee_schrijvers_op_een_keten_vertakken_nooit(postgres_url, caplog, monkeypatch, kleine_groep):
    """Twee processen (hier: twee stores) schrijven om beurten in dezelfde keten. Elk rekent na zijn eerste groep op
    zijn eigen laatste kop, die dan niet meer de laatste is: de database weigert de tweede opvolger, er wordt niets
    vastgelegd en de groep gaat opnieuw met het slot. De keten blijft één lijn, elk record staat er precies één keer.
    Dat is een verwachte gang van zaken: alleen de eigen INFO-regel, geen waarschuwing van psycopg (die meldde bij
    de pijplijn de afgebroken rest als "error ignored terminating ...: pipeline aborted")."""
    monkeypatch.setattr(pg_module, "KLEINE_GROEP", kleine_groep)
    caplog.set_level(logging.INFO)
    a, b = AuditStore(postgres_url), AuditStore(postgres_url)
    a.migrate()
    try:
        records = []
        for _ in range(4):
            for store in (a, b):  # veertig tegelijk: ook groepen van veel records, in een pijplijn
                records += [f.result(timeout=30) for f in [_opdracht(store) for _ in range(40)]]
        for vorige, record in zip(records, records[1:], strict=False):
            assert record.vorige_hash == vorige.hash
        assert a.controleer_keten("0363").intact
        assert a.aantal() == len(records)
        assert "Keten intussen door een ander proces verlengd" in caplog.text
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    finally:
        a.dispose()
        b.dispose()


@pytest.mark.parametrize("gecommit", [True, False], ids=["wel-gecommit", "niet-gecommit"])
def test_verbroken_verbinding_in_de_rondgang_met_commit_wordt_nagegaan(pg_store, monkeypatch, gecommit):
    """Breekt de verbinding in de rondgang die ook de COMMIT bevat, dan is onzeker of de groep er staat: de schrijver
    gaat het na en antwoordt naar waarheid (201 met het volgnummer als het er staat, anders 503)."""
    eerste = _opdracht(pg_store).result(timeout=30)  # nu kent de schrijver zijn kop
    echt = schrijver_module._schrijf_rijen

    def afgebroken(verbinding, *args):
        if gecommit:
            echt(verbinding, *args)
        verbinding.invalidate()
        raise exc.OperationalError("COMMIT", {}, ConnectionResetError("verbroken"), connection_invalidated=True)

    monkeypatch.setattr(schrijver_module, "_schrijf_rijen", afgebroken)
    future = _opdracht(pg_store)
    if gecommit:
        record = future.result(timeout=30)
        assert record.vorige_hash == eerste.hash
        assert pg_store.get(record.berekening_id) == record  # ook het volgnummer
    else:
        with pytest.raises(OpslagNietBeschikbaar):
            future.result(timeout=30)
    assert pg_store.aantal() == (2 if gecommit else 1)
    monkeypatch.undo()
    _opdracht(pg_store).result(timeout=30)  # de schrijver draait door op een nieuwe verbinding, de keten is heel
    assert pg_store.controleer_keten("0363").intact


def test_nagaan_van_een_onzekere_commit_houdt_de_schrijver_niet_op(store, monkeypatch):
    """Zolang de schrijver nagaat of een afgebroken commit er staat (bij een storing tot een minuut), krijgen de
    volgende groepen gewoon hun uitkomst: het nagaan loopt op een eigen thread."""
    echt_commit, echt_lees = store._commit, store._lees
    los = threading.Event()
    eerste = [True]

    def afgebroken(transactie):
        if eerste[0]:
            eerste[0] = False
            raise OperationalError("COMMIT", {}, ConnectionResetError("verbroken"))
        echt_commit(transactie)

    def traag_lezen(*args, **kwargs):
        los.wait(timeout=30)  # de database "is weg" tot de tweede groep klaar is
        return echt_lees(*args, **kwargs)

    monkeypatch.setattr(store, "_commit", afgebroken)
    monkeypatch.setattr(store, "_lees", traag_lezen)
    onzeker = _opdracht(store)
    _wacht_tot(onzeker.running)
    volgende = _opdracht(store).result(timeout=10)  # terwijl het nagaan nog wacht
    assert not onzeker.done()
    los.set()
    with pytest.raises(OpslagNietBeschikbaar):  # nagegaan: niet vastgelegd
        onzeker.result(timeout=30)
    monkeypatch.undo()
    assert store.get(volgende.berekening_id) == volgende
    assert store.aantal() == 1


@pytest.mark.parametrize("tegelijk", [1, 2, 40], ids=["als-tekst-1", "als-tekst-2", "pijplijn-40"])
def test_elke_groepsgrootte_legt_precies_vast_wat_werd_aangeboden(pg_store, tegelijk):
    """Kleine groepen gaan als één tekst (psycopg vult de waarden in, ClientCursor), grotere per rij in een pijplijn
    (KLEINE_GROEP). Beide geven elk record terug zoals aangeboden, met tekens
    die in SQL iets betekenen, en in de volgorde van de keten."""
    lastig = "'; DROP TABLE auditrecord; -- \\ \" $$ %s %(x)s {waarden} é \u202e \U0001f600"
    for _ in range(2):  # de tweede ronde kent de kop al: slot, rijen en COMMIT in één rondgang
        futures = [
            pg_store.vastleggen(
                berekening_id=str(uuid.uuid4()),
                soort="boeteberekening",
                invoer=json.dumps({"toelichting": lastig}),
                resultaat={"boete": "1.00", "zin": lastig},
                regelversie="1",
                gemeente="0363",
            )
            for _ in range(tegelijk)
        ]
        records = [f.result(timeout=30) for f in futures]
        for record in records:
            assert pg_store.get(record.berekening_id) == record
            assert record.resultaat["zin"] == lastig
    assert pg_store.controleer_keten("0363").intact
    assert pg_store.aantal() == 2 * tegelijk


@pytest.fixture
def psycopg_verbinding(postgres_url):
    """Een psycopg-verbinding (autocommit), zoals die van de schrijver, op een gemigreerde database."""
    import psycopg

    with gemigreerd(postgres_url):
        pass
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as verbinding:
        yield verbinding


def _rij(keten: str, vorige: str, hash_: str, tekst: str, **anders) -> tuple:
    from datetime import UTC, datetime

    velden = {
        "berekening_id": str(uuid.uuid4()),
        "soort": "boeteberekening",
        "tijdstip": datetime(2026, 12, 7, 4, 5, 6, 789012, tzinfo=UTC),
        "invoer": json.dumps({"t": tekst}),
        "resultaat": json.dumps({"t": tekst}),
        "regelversie": "1",
        "vorige_hash": vorige,
        "hash": hash_,
        "keten": keten,
        "sub": None,
        "gemeente": None,
        "verwijzing": None,
        "uniek": None,
        "team": None,
        **anders,
    }
    return tuple(velden[k] for k in pg_module.KOLOMMEN)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))),
        min_size=1,
        max_size=5,
    )
)
def test_schrijf_groep_legt_elke_tekst_ongewijzigd_en_in_volgorde_vast(psycopg_verbinding, teksten):
    """app/db/pg.py zonder de store, als tekst (tot KLEINE_GROEP rijen) en in een pijplijn (meer): elke tekst die de invoer toelaat (geen NUL, geen losse surrogaat) komt er precies
    zo uit, ook met aanhalingstekens, backslashes, $$, %s en {waarden}; de volgnummers volgen de volgorde van de rijen;
    een kolom met alleen NULL (sub, gemeente, team) is geen probleem."""
    import hashlib

    from app.db.hashing import BEGIN_HASH

    verbinding = psycopg_verbinding
    keten = f"t{uuid.uuid4().hex[:8]}"
    verbinding.execute("INSERT INTO auditketen (keten, laatste_hash) VALUES (%s, %s)", (keten, BEGIN_HASH))
    rijen, vorige = [], BEGIN_HASH
    for tekst in teksten:
        nieuw = hashlib.sha256((keten + vorige + tekst).encode()).hexdigest()
        rijen.append(_rij(keten, vorige, nieuw, tekst))
        vorige = nieuw
    volgnummers = pg_module.schrijf_groep(
        verbinding,
        kolommen=pg_module.KOLOMMEN,
        sleutels=[],
        rijen=rijen,
        telrijen=[],
        koppen={keten: vorige},
        met_commit=True,
    )
    ids = [rij[0] for rij in rijen]
    assert sorted(volgnummers, key=volgnummers.get) == ids  # volgnummers in de volgorde van de keten
    opgeslagen = verbinding.execute(
        "SELECT berekening_id, invoer, resultaat, tijdstip, sub, team FROM auditrecord WHERE keten = %s "
        "ORDER BY volgnummer",
        (keten,),
    ).fetchall()
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in opgeslagen] == [
        (rij[0], rij[3], rij[4], rij[2], None, None) for rij in rijen
    ]
    kop = verbinding.execute("SELECT laatste_hash, laatste_volgnummer FROM auditketen WHERE keten = %s", (keten,))
    assert kop.fetchone() == (vorige, volgnummers[ids[-1]])


@pytest.mark.parametrize("kleine_groep", [1000, 0], ids=["als-tekst", "pijplijn"])
def test_schrijf_groep_telt_op_en_een_fout_legt_niets_vast(psycopg_verbinding, monkeypatch, kleine_groep):
    """De tellingen worden opgeteld bij wat er staat; faalt één opdracht in de pijplijn (een dubbel berekening_id),
    dan slaat de server de rest over, ook de COMMIT: niets van de groep staat er, en de verbinding blijft bruikbaar."""
    import psycopg

    from app.db.hashing import BEGIN_HASH

    monkeypatch.setattr(pg_module, "KLEINE_GROEP", kleine_groep)
    verbinding = psycopg_verbinding
    keten = "0363"
    verbinding.execute("INSERT INTO auditketen (keten, laatste_hash) VALUES (%s, %s)", (keten, BEGIN_HASH))
    sleutel = ("0363", 202612, "", "", "uitkomst", "boete")
    eerste = _rij(keten, BEGIN_HASH, "a" * 64, "x", gemeente="0363", team="t1", sub="jan")
    pg_module.schrijf_groep(
        verbinding,
        kolommen=pg_module.KOLOMMEN,
        sleutels=[("0363", "sleutel-1", "f" * 64, eerste[0], "/x", eerste[2])],
        rijen=[eerste],
        telrijen=[("spiegeltelling", [(*sleutel, 2)])],
        koppen={keten: "a" * 64},
        met_commit=True,
    )
    pg_module.schrijf_groep(
        verbinding,
        kolommen=pg_module.KOLOMMEN,
        sleutels=[],
        rijen=[],
        telrijen=[("spiegeltelling", [(*sleutel, 3)])],
        koppen={},
        met_commit=True,
    )
    tel = "SELECT aantal FROM spiegeltelling WHERE gemeente = '0363' AND maand = 202612"
    assert verbinding.execute(tel).fetchone() == (5,)
    dubbel = _rij(keten, "a" * 64, "b" * 64, "y", berekening_id=eerste[0], gemeente="0363")
    with pytest.raises(psycopg.errors.UniqueViolation):
        pg_module.schrijf_groep(
            verbinding,
            kolommen=pg_module.KOLOMMEN,
            sleutels=[],
            rijen=[dubbel],
            telrijen=[("spiegeltelling", [(*sleutel, 1)])],
            koppen={keten: "b" * 64},
            met_commit=True,
        )
    verbinding.rollback()  # de afgebroken transactie (BEGIN kwam wel binnen)
    assert verbinding.execute(tel).fetchone() == (5,)
    assert verbinding.execute("SELECT count(*) FROM auditrecord").fetchone() == (1,)
    assert verbinding.execute("SELECT laatste_hash FROM auditketen WHERE keten = '0363'").fetchone() == ("a" * 64,)


def test_een_verbinding_die_de_server_afbrak_wordt_zonder_rondgang_herkend(pg_store):
    """De schrijver kijkt vóór een groep in één rondgang (met COMMIT) of de server op de stilliggende verbinding iets
    stuurde (app/db/pg.py, bericht_ontvangen): een beëindigde sessie wel, een gewone niet."""
    from sqlalchemy import create_engine

    _opdracht(pg_store).result(timeout=30)
    with pg_store._schrijver_engine.connect() as verbinding:
        assert not pg_module.bericht_ontvangen(verbinding)
        pid = verbinding.connection.driver_connection.info.backend_pid
        beheer = create_engine(pg_store.engine.url, isolation_level="AUTOCOMMIT")
        try:
            with beheer.connect() as b:
                assert b.execute(text("SELECT pg_terminate_backend(:p, 10000)"), {"p": pid}).scalar()
        finally:
            beheer.dispose()
        _wacht_tot(lambda: pg_module.bericht_ontvangen(verbinding))
        verbinding.invalidate()
    assert _opdracht(pg_store).result(timeout=30).hash  # de volgende groep op een nieuwe verbinding
