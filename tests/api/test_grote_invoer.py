"""Eén verzoek mag de event loop niet stilzetten of het geheugen opblazen (issue #20, defect 2).

Een body van 1 MiB met onbekende sleutels gaf een 400 van 5-8 MB die elke sleutel noemde, en kostte een seconde CPU
op de event loop; dertig tegelijk hielden /health/live 26 s op. In een batch kostte zo'n regel ~60 MB. Nu noemt een
400 de eerste 50 problemen met het totaal, worden onbekende sleutels goedkoop herkend (zonder Pydantic), wordt een
grote body buiten de event loop gelezen en blijft het geheugen van een batch vlak.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import tracemalloc
from datetime import date

import pytest

from app.api.berekeningen import batch
from app.api.berekeningen import verzoeken as s
from app.api.http import lezen
from app.api.http.problemen import MAX_PROBLEMEN, MAX_TEKST
from app.domain.beleid import Beleidslijn
from app.main import maak_app
from app.regels import laad
from tests.api.conftest import VOORBEELD, instellingen, token
from tests.live import draaiende_server

BOETE = "/api/v1/boeteberekeningen"
NDJSON = {"Content-Type": "application/x-ndjson"}


def _sleutels(aantal: int, lengte: int = 7) -> dict:
    return {f"k{i:0{lengte}d}": 1 for i in range(aantal)}


def test_een_body_vol_onbekende_sleutels_geeft_een_kleine_400(client, monkeypatch):
    omgezet = []
    origineel = lezen.problemen_uit_pydantic

    def geteld(fouten, *argumenten):
        omgezet.append(len(fouten))
        return origineel(fouten, *argumenten)

    monkeypatch.setattr(lezen, "problemen_uit_pydantic", geteld)
    body = json.dumps(_sleutels(65_000)).encode()
    assert len(body) < 1024 * 1024
    r = client.post(BOETE, content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert len(r.content) < 16 * 1024, len(r.content)  # vroeger 4,6 MB
    probleem = r.json()
    assert len(probleem["invalidParams"]) == MAX_PROBLEMEN
    assert probleem["aantalInvalidParams"] == 65_000
    assert f"De eerste {MAX_PROBLEMEN} van 65000 problemen" in probleem["detail"]
    assert probleem["invalidParams"][0] == {"name": "k0000000", "code": "extra_forbidden", "reason": "Onbekend veld."}
    assert omgezet == []  # de 65.000 fouten van Pydantic zijn niet elk omgezet


def test_onbekende_sleutels_diep_in_de_invoer_en_in_elementen_van_lijsten(client):
    body = {
        **VOORBEELD,
        "overtreding": {**VOORBEELD["overtreding"], **_sleutels(30)},
        "eerdereSancties": [{"soort": "BOETE", **_sleutels(5, 2)}] * 20,
    }
    r = client.post(BOETE, json=body)
    assert r.status_code == 400
    probleem = r.json()
    assert probleem["aantalInvalidParams"] == 30 + 20 * 5
    namen = [p["name"] for p in probleem["invalidParams"]]
    assert namen[:2] == ["overtreding.k0000000", "overtreding.k0000001"]
    assert "eerdereSancties.0.k00" in namen


def test_een_paar_onbekende_sleutels_geven_de_gewone_400_met_alle_problemen(client):
    """Onder de grens verandert niets: Pydantic noemt de onbekende sleutel én wat verder ontbreekt."""
    r = client.post(BOETE, json={"onbekend": 1})
    assert r.status_code == 400
    namen = {p["name"]: p["code"] for p in r.json()["invalidParams"]}
    assert namen["onbekend"] == "extra_forbidden" and namen["overtreding"] == "missing"
    assert "aantalInvalidParams" not in r.json()


def test_een_te_lange_lijst_blijft_een_fout_niet_een_per_element(client):
    r = client.post(BOETE, json={**VOORBEELD, "eerdereSancties": [{"x": 1}] * 50_000})
    assert r.status_code == 400
    assert [p["code"] for p in r.json()["invalidParams"]] == ["too_long"]


def test_een_sleutel_zo_lang_als_de_body_wordt_ingekort(client):
    r = client.post(BOETE, json={**VOORBEELD, "x" * 500_000: 1})
    assert r.status_code == 400
    assert len(r.content) < 4 * 1024
    namen = [p["name"] for p in r.json()["invalidParams"]]
    assert len(namen[0]) == MAX_TEKST and namen[0].endswith("…")


def test_een_regel_vol_onbekende_sleutels_houdt_geen_megabytes_vast():
    """Wat een regel van een batch oplevert, blijft bewaard tot haar blok is beantwoord (tot 6 blokken van 256
    regels): vroeger ~60 MB per regel van 1 MiB (60 regels: 3,8 GB RSS), nu een begrensd probleem."""
    regel = json.dumps({"soort": "boeteberekeningen", "kenmerk": "Z-1", "invoer": _sleutels(60_000)}).encode()
    data = laad(None)
    tracemalloc.start()
    try:
        voor = tracemalloc.get_traced_memory()[0]
        uitkomst = batch.reken_regel(regel, data, date(2026, 2, 2), None, Beleidslijn(None), (None, "tester"))
        bewaard = tracemalloc.get_traced_memory()[0] - voor
    finally:
        tracemalloc.stop()
    status, kenmerk, probleem = uitkomst
    assert (status, kenmerk) == (400, "Z-1")
    assert probleem["aantalInvalidParams"] == 60_000 and len(probleem["invalidParams"]) == MAX_PROBLEMEN
    assert probleem["invalidParams"][0]["name"] == "invoer.k0000000"
    assert len(json.dumps(probleem)) < 16 * 1024
    assert bewaard < 1024 * 1024, bewaard


def test_een_blok_van_de_batch_is_ook_in_bytes_begrensd(client, monkeypatch):
    """256 regels van 1 MiB waren 256 MiB per blok, en zes blokken tegelijk onderweg: nu is een blok ook vol bij
    BLOK_BYTES (hier 32 KiB)."""
    monkeypatch.setattr(batch, "BLOK_BYTES", 32 * 1024)
    blokken: list[list[int]] = []
    origineel = batch.reken_blok

    def geteld(versie, inhoud, regels, *rest):
        blokken.append([len(r or b"") for r in regels])
        return origineel(versie, inhoud, regels, *rest)

    monkeypatch.setattr(batch, "reken_blok", geteld)
    regels = [json.dumps({"soort": "boeteberekeningen", "kenmerk": f"Z-{i}", "x": "a" * 10_000}) for i in range(20)]
    r = client.post("/api/v1/batchberekeningen", content="\n".join(regels).encode(), headers=NDJSON)
    assert r.status_code == 200 and len(r.text.splitlines()) == 20
    assert sum(len(b) for b in blokken) == 20 and len(blokken) >= 5
    assert all(sum(b) - b[-1] < 32 * 1024 for b in blokken)  # vol zodra de grens is bereikt


def test_een_batch_van_regels_vol_onbekende_sleutels_geeft_kleine_antwoordregels(client):
    regel = json.dumps({"soort": "boeteberekeningen", "kenmerk": "Z-1", "invoer": _sleutels(60_000)})
    r = client.post("/api/v1/batchberekeningen", content=f"{regel}\n{regel}\n{regel}\n".encode(), headers=NDJSON)
    assert r.status_code == 200
    assert len(r.content) < 3 * 16 * 1024, len(r.content)  # vroeger 4,7 MB per regel
    for antwoord in map(json.loads, r.text.splitlines()):
        assert antwoord["status"] == 400 and antwoord["probleem"]["aantalInvalidParams"] == 60_000


@pytest.mark.parametrize(
    "pad",
    [
        "/api/v1/berekeningen/9b2f0c4e-3c1d-4d0e-8a7e-2f1b6a1c9d00/maatwerkbesluiten",
        "/api/v1/beleidsversies",
        "/api/v1/impactanalyses",
        "/api/v1/verwijtbaarheidsbeoordelingen",
    ],
)
def test_ook_andere_endpoints_begrenzen_hun_400(client, pad):
    r = client.post(pad, content=json.dumps(_sleutels(60_000)).encode(), headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text[:300]
    assert r.json()["aantalInvalidParams"] == 60_000
    assert len(r.content) < 16 * 1024, len(r.content)


def test_live_blijft_antwoorden_onder_dertig_bodies_van_1_mib(tmp_path):
    """Dertig tegelijk ingestuurde bodies van 1 MiB met onbekende sleutels hielden /health/live 21-26 s op (het
    lezen en valideren liep op de event loop); nu wordt een grote body in een thread gelezen."""
    body = json.dumps(_sleutels(65_000)).encode()
    kop = (
        f"POST {BOETE} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token()}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    antwoorden: list[bytes] = []

    def post(poort: int) -> None:
        with socket.create_connection(("127.0.0.1", poort), timeout=120) as verbinding:
            verbinding.sendall(kop + body)
            antwoord = b""
            while chunk := verbinding.recv(65536):
                antwoord += chunk
            antwoorden.append(antwoord)

    duren = []
    with draaiende_server(maak_app(instellingen(f"sqlite:///{tmp_path}/m.db"))) as poort:
        draden = [threading.Thread(target=post, args=(poort,)) for _ in range(30)]
        for draad in draden:
            draad.start()
        while any(d.is_alive() for d in draden):
            begin = time.monotonic()
            with socket.create_connection(("127.0.0.1", poort), timeout=120) as verbinding:
                verbinding.sendall(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                assert verbinding.recv(100).startswith(b"HTTP/1.1 200")
                while verbinding.recv(65536):
                    pass
            duren.append(time.monotonic() - begin)
            time.sleep(0.05)
        for draad in draden:
            draad.join()
    assert len(antwoorden) == 30 and all(a.startswith(b"HTTP/1.1 400") for a in antwoorden)
    assert max(duren) < 2.0, duren


def test_kleine_body_op_de_event_loop_grote_in_een_thread(monkeypatch):
    """Het slanke verzoekpad (issue #9) blijft: een gewone body wordt niet naar een thread gestuurd."""
    import asyncio

    naar_thread = []

    async def geteld(functie, *argumenten):
        naar_thread.append(functie)
        return functie(*argumenten)

    monkeypatch.setattr(lezen, "run_in_threadpool", geteld)
    klein = json.dumps(VOORBEELD).encode()
    groot = json.dumps({**VOORBEELD, "x": "a" * lezen.GROTE_BODY}).encode()
    assert asyncio.run(lezen.gelezen(klein, s.Boeteverzoek)).benadelingsbedrag
    assert naar_thread == []
    with pytest.raises(lezen.Probleem):
        asyncio.run(lezen.gelezen(groot, s.Boeteverzoek))
    assert naar_thread == [lezen.lees]
