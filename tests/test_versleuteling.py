"""Crypto-shredding in de store: vrije tekst versleuteld opgeslagen, de hash over de versleutelde tekst, en na het
vernietigen van de sleutel een intacte keten (SQLite en PostgreSQL)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.db import AuditStore, OpslagNietBeschikbaar
from app.db.hashing import canonical_json
from app.db.store import periode_van
from app.db.versleuteling import (
    lees_hoofdsleutel,
    lees_json,
    schrijf_json,
    versleutel_record,
    vrije_waarden,
)
from tests.conftest import gemigreerd

HOOFDSLEUTEL = b"h" * 32
MOTIVERING = "Mantelzorg voor een zieke ouder in de hele periode (zaak Z-2025-77)"
INVOER = '{"bedrag": 8000.50, "matigingen": [{"motivering": "' + MOTIVERING + '", "percentage": 1e1}]}'
PADEN = frozenset({("matigingen", "*", "motivering")})


@pytest.fixture
def store(database_url):
    with gemigreerd(database_url, hoofdsleutel=HOOFDSLEUTEL) as s:
        yield s


def _append(store: AuditStore, gemeente: str = "0363"):
    return store.append(
        berekening_id=str(uuid.uuid4()),
        soort="boeteberekening",
        invoer=INVOER,
        resultaat={"boete": "840.84", "stappen": [{"omschrijving": f"Gematigd: {MOTIVERING}"}], "graad": "NORMAAL"},
        regelversie="v1",
        sub="jan",
        gemeente=gemeente,
        vrije_paden=PADEN,
    )


def _rij(store: AuditStore, berekening_id: str):
    with store.engine.connect() as verbinding:
        return verbinding.execute(
            text("SELECT invoer, resultaat, hash FROM auditrecord WHERE berekening_id = :id"), {"id": berekening_id}
        ).one()


def test_versleuteld_opgeslagen_en_transparant_gelezen(store):
    record = _append(store)
    assert record.invoer == INVOER  # de aanroeper krijgt zijn eigen tekst
    rij = _rij(store, record.berekening_id)
    assert MOTIVERING not in rij.invoer and MOTIVERING not in rij.resultaat and "Z-2025-77" not in rij.resultaat
    assert "8000.50" in rij.invoer and "840.84" in rij.resultaat and "NORMAAL" in rij.resultaat
    gelezen = store.get(record.berekening_id)
    assert lees_json(gelezen.invoer) == lees_json(INVOER)
    assert gelezen.resultaat == record.resultaat and gelezen.hash == record.hash == rij.hash
    assert store.controleer_keten("0363").intact


def test_na_vernietigen_gewist_en_de_keten_intact(store):
    record = _append(store)
    ander = _append(store, gemeente="0599")
    store.vernietig_sleutel("0363", periode_van(record.tijdstip))
    gelezen = store.get(record.berekening_id)
    assert MOTIVERING not in gelezen.invoer and "[gewist op " in gelezen.invoer
    assert gelezen.resultaat["stappen"][0]["omschrijving"].startswith("[gewist op ")
    assert gelezen.resultaat["boete"] == "840.84"
    assert gelezen.gewist == ("invoer.matigingen.0.motivering", "resultaat.stappen.0.omschrijving")
    assert gelezen.als_dict()["gewist"]["velden"] == list(gelezen.gewist)
    assert store.controleer_keten("0363").intact
    assert store.get(ander.berekening_id).invoer == schrijf_json(lees_json(INVOER))  # andere gemeente: leesbaar
    assert store.sleutel_gewist_op("0363", periode_van(record.tijdstip)) is not None
    assert store.sleutel_gewist_op("0599", periode_van(record.tijdstip)) is None
    # een nieuwe store (ander proces, lege cache) ziet hetzelfde
    tweede = AuditStore(store.engine.url.render_as_string(hide_password=False), hoofdsleutel=HOOFDSLEUTEL)
    try:
        assert tweede.get(record.berekening_id).gewist == gelezen.gewist
    finally:
        tweede.dispose()


def test_een_andere_hoofdsleutel_is_een_fout_geen_wissen(store):
    record = _append(store)
    fout = AuditStore(store.engine.url.render_as_string(hide_password=False), hoofdsleutel=b"x" * 32)
    try:
        with pytest.raises(OpslagNietBeschikbaar, match="MAATSTAF_SLEUTEL"):
            fout.get(record.berekening_id)
    finally:
        fout.dispose()
    zonder = AuditStore(store.engine.url.render_as_string(hide_password=False))
    try:
        gelezen = zonder.get(record.berekening_id)
        assert "geen hoofdsleutel" in gelezen.invoer and not gelezen.gewist
    finally:
        zonder.dispose()


def test_json_met_exacte_getallen():
    tekst = '{"a": 8000.50, "b": [1, 1e2, -0.10, true, null, "x\\u00e9"], "c": {"d": 12345678901234567890.01}}'
    assert lees_json(schrijf_json(lees_json(tekst))) == lees_json(tekst)
    assert "8000.50" in schrijf_json(lees_json(tekst)) and "12345678901234567890.01" in schrijf_json(lees_json(tekst))
    assert lees_json(tekst)["a"] == Decimal("8000.50")


def test_resultaat_codes_en_bedragen_blijven_leesbaar():
    invoer, resultaat, _ = versleutel_record(
        '{"vorderingen": [{"id": "2026", "bedrag": "2026.00"}]}',
        {"vorderingen": [{"id": "2026", "bedrag": "2026.00"}], "datum": "2026-03-02", "zin": "Vordering 2026: ok"},
        {("vorderingen", "*", "id")},
        (),
        lambda t: "X",
    )
    assert resultaat["vorderingen"][0] == {"id": "X", "bedrag": "2026.00"}
    assert resultaat["datum"] == "2026-03-02" and resultaat["zin"] == "X"
    assert vrije_waarden('{"vorderingen": [{"id": " A-1 "}]}', {("vorderingen", "*", "id")}) == ("A-1",)


def test_hoofdsleutel_uit_base64():
    assert len(lees_hoofdsleutel("dGVzdHNsZXV0ZWwtdm9vci1tYWF0c3RhZi0zMmJ5dGU=")) == 32
    for fout in ("a2Vy", "geen base64!"):
        with pytest.raises(ValueError, match="MAATSTAF_SLEUTEL"):
            lees_hoofdsleutel(fout)


_TEKST = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    vrij=st.lists(_TEKST, min_size=1, max_size=3),
    resultaat=st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), _TEKST),
        lambda kind: st.one_of(st.lists(kind, max_size=4), st.dictionaries(_TEKST, kind, max_size=4)),
        max_leaves=25,
    ),
    zinnen=st.lists(st.tuples(_TEKST, st.integers(0, 2), _TEKST), max_size=4),
)
def test_versleutelen_op_de_canonieke_tekst_is_gelijk_aan_op_het_resultaat(vrij, resultaat, zinnen):
    """De snelle weg (resultaat als canonieke tekst, app/db/versleuteling.py) geeft precies dezelfde tekst als het
    resultaat inlezen, vervangen en opnieuw canoniek schrijven: ook met aanhalingstekens, backslashes, escapes,
    niet-ASCII, een vrije tekst als sleutel, of midden in een langere tekst."""
    invoer = schrijf_json({"teksten": vrij})
    geheel = {"r": resultaat, "zinnen": [voor + vrij[i % len(vrij)] + na for voor, i, na in zinnen]}
    geheel[vrij[0] or "leeg"] = vrij[-1]  # een vrije tekst als sleutel blijft leesbaar, als waarde niet
    paden = {("teksten", "*")}

    def versleutel(t: str) -> str:
        return "X:" + t[::-1]

    via_tekst = versleutel_record(invoer, canonical_json(geheel), paden, (), versleutel)
    via_dict = versleutel_record(invoer, geheel, paden, (), versleutel)
    assert via_tekst[0] == via_dict[0]
    assert via_tekst[1] == canonical_json(via_dict[1])
