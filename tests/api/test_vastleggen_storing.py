"""Een 503 betekent: niet vastgelegd. Ook als een commit lang op het slot van de keten wacht (issue #8 §1).

Een tweede sessie houdt de rij van de keten in auditketen vast (SELECT ... FOR UPDATE), langer dan de (hier
verkorte) wachttijd van een verzoek. Elk antwoord is dan 201 of 503, en er zijn precies zoveel records vastgelegd
als er 201-antwoorden waren: geen record zonder 201, geen 201 zonder record.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from app.config import Configuratiefout, Instellingen
from app.main import maak_app
from tests.api.conftest import GEMEENTE, VOORBEELD, instellingen, kop

WACHTTIJD_S = 1.0
SLOT_S = 4.0


def _tel(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            return set(verbinding.execute(text("SELECT berekening_id FROM auditrecord")).scalars())
    finally:
        engine.dispose()


def test_vastgehouden_keten_geeft_201_of_503_en_nooit_vastgelegd_zonder_201(postgres_url):
    app = maak_app(instellingen(postgres_url, vastleggen_wachttijd_s=WACHTTIJD_S))
    with TestClient(app, raise_server_exceptions=False, headers=kop()) as client:
        eerste = client.post("/api/v1/boeteberekeningen", json=VOORBEELD)  # maakt de keten van 0363 aan
        assert eerste.status_code == 201
        voor = _tel(postgres_url)

        vastgehouden = threading.Event()

        def houd_slot_vast() -> None:
            engine = create_engine(postgres_url)
            try:
                with engine.begin() as verbinding:
                    verbinding.execute(
                        text("SELECT * FROM auditketen WHERE keten = :k FOR UPDATE"), {"k": GEMEENTE}
                    ).all()
                    vastgehouden.set()
                    time.sleep(SLOT_S)
            finally:
                engine.dispose()

        def post(_: int):
            return client.post("/api/v1/boeteberekeningen", json=VOORBEELD)

        houder = threading.Thread(target=houd_slot_vast)
        houder.start()
        assert vastgehouden.wait(10)
        with ThreadPoolExecutor(max_workers=24) as pool:
            eerste_golf = [pool.submit(post, i) for i in range(4)]  # de schrijver claimt en wacht op het slot
            time.sleep(0.3)
            tweede_golf = [pool.submit(post, i) for i in range(16)]  # staan in de wachtrij achter de groep
            antwoorden = [f.result(timeout=60) for f in eerste_golf + tweede_golf]
        houder.join()

        statussen = [a.status_code for a in antwoorden]
        assert set(statussen) <= {201, 503}, statussen
        assert 201 in statussen and 503 in statussen, statussen  # beide takken zijn echt doorlopen
        bevestigd = {a.json()["berekeningId"] for a in antwoorden if a.status_code == 201}
        nieuw = _tel(postgres_url) - voor
        assert nieuw == bevestigd  # vastgelegd precies wanneer bevestigd
        for a in antwoorden:
            if a.status_code == 503:
                assert a.headers["content-type"].startswith("application/problem+json")
                assert "niets vastgelegd" in a.json()["detail"] or "niet bereikbaar" in a.json()["detail"]

        # daarna werkt alles weer, en de keten is heel
        assert client.post("/api/v1/boeteberekeningen", json=VOORBEELD).status_code == 201
        integriteit = client.get("/api/v1/audit/integriteit").json()
        assert integriteit["intact"] and integriteit["aantal"] == len(voor) + len(bevestigd) + 1


def test_wachttijd_uit_de_omgeving(monkeypatch):
    monkeypatch.setenv("MAATSTAF_VASTLEGGEN_WACHTTIJD_S", "2.5")
    assert Instellingen.uit_omgeving().vastleggen_wachttijd_s == 2.5
    monkeypatch.delenv("MAATSTAF_VASTLEGGEN_WACHTTIJD_S")
    assert Instellingen.uit_omgeving().vastleggen_wachttijd_s == 30
    for fout in ("x", "0", "-1", "nan", "1e9"):
        monkeypatch.setenv("MAATSTAF_VASTLEGGEN_WACHTTIJD_S", fout)
        with pytest.raises(Configuratiefout, match="MAATSTAF_VASTLEGGEN_WACHTTIJD_S"):
            Instellingen.uit_omgeving()
