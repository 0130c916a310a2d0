"""Het slanke verzoekpad (issue #9 §2): het resultaat één keer geserialiseerd, dezelfde bytes als antwoord, in de
hash en in de database; de keten blijft controleerbaar."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.api.http.routering import q_waarden
from app.db import canonical_json, record_hash
from app.db.models import auditrecord
from tests.api.conftest import VOORBEELD

BOETE = "/api/v1/boeteberekeningen"


def test_antwoord_is_byte_voor_byte_het_vastgelegde_resultaat(client):
    r = client.post(BOETE, json=VOORBEELD)
    assert r.status_code == 201, r.text
    berekening_id = r.json()["berekeningId"]
    with client.app.state.store.engine.connect() as verbinding:
        rij = verbinding.execute(select(auditrecord).where(auditrecord.c.berekening_id == berekening_id)).one()
    assert r.content == rij.resultaat.encode("utf-8")
    assert r.text == canonical_json(json.loads(r.text))  # canoniek: gesorteerde sleutels, geen spaties
    assert rij.hash == record_hash(
        berekening_id=rij.berekening_id,
        soort=rij.soort,
        tijdstip=rij.tijdstip,
        invoer=rij.invoer,
        resultaat=json.loads(rij.resultaat),
        regelversie=rij.regelversie,
        vorige_hash=rij.vorige_hash,
        sub=rij.sub,
        gemeente=rij.gemeente,
    )
    assert r.json()["boete"] == "840.84" and r.json()["stappen"]  # het contract: stappen met hun zinnen
    assert client.get(f"/api/v1/berekeningen/{berekening_id}").json()["resultaat"] == r.json()
    assert client.get("/api/v1/audit/integriteit").json()["intact"]


def test_herhaling_met_idempotency_key_geeft_dezelfde_bytes(client):
    eerste = client.post(BOETE, json=VOORBEELD, headers={"Idempotency-Key": "k-1"})
    tweede = client.post(BOETE, json=VOORBEELD, headers={"Idempotency-Key": "k-1"})
    assert eerste.status_code == tweede.status_code == 201
    assert tweede.headers["Idempotent-Replayed"] == "true"
    assert tweede.content == eerste.content


@pytest.mark.parametrize(
    ("accept", "verwacht"),
    [
        ("text/html", {"text/html": 1.0}),
        ("Text/CSV;q=0.3, application/json;q=0.9", {"text/csv": 0.3, "application/json": 0.9}),
        ("text/html;q=0.2, text/html;q=0.8", {"text/html": 0.8}),  # herhaald: de hoogste
        ("text/plain;q=abc", {"text/plain": 0.0}),  # onleesbaar: niet gewenst
        ("*/*; charset=utf-8", {"*/*": 1.0}),
    ],
)
def test_q_waarden_uit_accept(accept, verwacht):
    assert q_waarden(accept) == verwacht
