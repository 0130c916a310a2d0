"""Nieuwe regelversies zonder release: de regelmap (MAATSTAF_REGELS_DIR) en ``maatstaf regels controleer``."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from app.cli import main as cli
from app.main import maak_app
from app.regels import Regeldatafout, lees, standaard
from tests.api.conftest import VOORBEELD, instellingen, kop

NORMEN_2027 = """\
parameters:
  norm.alleenstaande:
    versies:
      - {geldigVanaf: 2027-01-01, geldigTot: 2027-06-30, waarde: "1440.00", status: geverifieerd,
         bron: "Stcrt. 2026, 99999 (testwaarde)", verificatie: "gelezen door de functioneel beheerder"}
  norm.gehuwden:
    versies:
      - {geldigVanaf: 2027-01-01, geldigTot: 2027-06-30, waarde: "2057.14", status: geverifieerd,
         bron: "Stcrt. 2026, 99999 (testwaarde)", verificatie: "gelezen door de functioneel beheerder"}
"""


def _map(tmp_path, inhoud: str, naam: str = "normen-2027.yaml"):
    map_ = tmp_path / "regelmap"
    map_.mkdir(exist_ok=True)
    (map_ / naam).write_text(textwrap.dedent(inhoud), encoding="utf-8")
    return map_


def test_regelmap_voegt_de_normen_van_een_nieuw_halfjaar_toe(tmp_path):
    data = lees(regelmap=_map(tmp_path, NORMEN_2027))
    assert data.versie != standaard().versie
    versie = data.op(date(2027, 3, 1)).versie("norm.alleenstaande")
    assert (versie.waarde, versie.herkomst, versie.bron) == (
        Decimal("1440.00"),
        "regelmap/normen-2027.yaml",
        "Stcrt. 2026, 99999 (testwaarde)",
    )
    # de ingebouwde versies blijven, met hun herkomst
    assert data.op(date(2026, 7, 1)).versie("norm.alleenstaande").herkomst == "ingebouwd"
    # dezelfde inhoud geeft dezelfde regelversie
    assert lees(regelmap=_map(tmp_path, NORMEN_2027)).versie == data.versie


@pytest.mark.parametrize(
    ("inhoud", "fout"),
    [
        (NORMEN_2027.replace('bron: "Stcrt. 2026, 99999 (testwaarde)", ', "", 1), "bron ontbreekt"),
        (NORMEN_2027.replace("norm.gehuwden", "norm.gehuwde"), "onbekende parameter 'norm.gehuwde'"),
        (NORMEN_2027.replace("2027-01-01, geldigTot: 2027-06-30", "2026-07-01", 1), "er is al een versie"),
        (NORMEN_2027.replace('"1440.00"', "1440.0", 1), "niet als float"),
        (NORMEN_2027.replace('"1440.00"', '"NaN"', 1), "geen eindig getal"),
        (NORMEN_2027.replace("status: geverifieerd", "status: zeker", 1), "status moet"),
        (NORMEN_2027.replace("geldigTot: 2027-06-30", "geldigTot: 2026-12-31", 1), "geldigTot ligt vóór"),
        ("beleid: {}\n", "alleen 'parameters'"),
        ("parameters:\n  norm.alleenstaande: {omschrijving: x}\n", "geef alleen 'versies'"),
    ],
)
def test_regelmap_wordt_streng_gecontroleerd(tmp_path, inhoud, fout):
    with pytest.raises(Regeldatafout, match=fout):
        lees(regelmap=_map(tmp_path, inhoud))


def test_overlappende_perioden_worden_geweigerd(tmp_path):
    _map(tmp_path, NORMEN_2027)  # 2027-01-01 t/m 2027-06-30
    tweede = """\
    parameters:
      norm.alleenstaande:
        versies:
          - {geldigVanaf: 2027-03-01, waarde: "1450.00", status: onzeker, bron: "test"}
    """
    with pytest.raises(Regeldatafout, match="overlapt"):
        lees(regelmap=_map(tmp_path, tweede, "tweede.yaml"))


def test_correctie_alleen_met_vervangt_en_reden(tmp_path):
    correctie = """\
    parameters:
      wvsr.categorie.3:
        versies:
          - {geldigVanaf: 2026-01-01, waarde: "10500.00", status: geverifieerd, bron: "Stb. 2025, 999 (test)",
             vervangt: true, reden: "indexering 2026 geverifieerd"}
    """
    data = lees(regelmap=_map(tmp_path, correctie))
    versie = data.op(date(2026, 2, 2)).versie("wvsr.categorie.3")
    assert versie.waarde == Decimal("10500.00") and "correctie: indexering 2026 geverifieerd" in versie.verificatie
    with pytest.raises(Regeldatafout, match="reden"):
        lees(regelmap=_map(tmp_path, correctie.replace('reden: "indexering 2026 geverifieerd"', 'reden: " "')))


def test_herberekening_blijft_identiek_na_een_nieuwe_regelversie_uit_de_regelmap(tmp_path, database_url):
    """Een record van vóór de regelmap rekent identiek na; nieuwe berekeningen in 2027 gebruiken de nieuwe norm."""
    with TestClient(maak_app(instellingen(database_url)), headers=kop()) as oud:
        record = oud.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()
    map_ = _map(tmp_path, NORMEN_2027)
    with TestClient(maak_app(instellingen(database_url, regels_dir=str(map_))), headers=kop()) as c:
        uit = c.post(f"/api/v1/berekeningen/{record['berekeningId']}/herberekeningen").json()
        assert uit["identiek"] is True and uit["regelversie"] == record["regelversie"]
        assert uit["metHuidigeRegels"]["verschillen"] == [
            {
                "pad": "regelversie",
                "opgeslagen": record["regelversie"],
                "herberekend": uit["metHuidigeRegels"]["regelversie"],
            }
        ]
        body = {**VOORBEELD, "overtreding": {"begindatum": "2026-03-01", "einddatum": "2026-10-31"}}
        nieuw = c.post("/api/v1/boeteberekeningen", json={**body, "beschikkingsdatum": "2027-02-01"})
        assert nieuw.status_code == 201, nieuw.text
        assert nieuw.json()["draagkracht"]["perMaand"] == "72.00"  # 5% van 1.440,00 uit de regelmap
        regels = c.get("/api/v1/regels", params={"peildatum": "2027-02-01"}).json()
        norm = next(p for p in regels["parameters"] if p["id"] == "norm.alleenstaande")["inWerking"]
        assert (norm["waarde"], norm["herkomst"], norm["bron"]) == (
            "1440.00",
            "regelmap/normen-2027.yaml",
            "Stcrt. 2026, 99999 (testwaarde)",
        )
        # de nieuwe regelversie is bewaard: ook het nieuwe record rekent later identiek na
        her = c.post(f"/api/v1/berekeningen/{nieuw.json()['berekeningId']}/herberekeningen").json()
        assert her["identiek"] is True


def test_regelmap_die_een_gebruikte_periode_wijzigt_laat_de_service_niet_starten(tmp_path, database_url):
    with TestClient(maak_app(instellingen(database_url)), headers=kop()) as oud:
        assert oud.post("/api/v1/boeteberekeningen", json=VOORBEELD).status_code == 201  # gebruikt cat. 3 van 2026
    correctie = """\
    parameters:
      wvsr.categorie.3:
        versies:
          - {geldigVanaf: 2026-01-01, waarde: "10500.00", status: geverifieerd, bron: "Stb. 2025, 999", vervangt: true,
             reden: "test"}
    """
    map_ = _map(tmp_path, correctie)
    with (
        pytest.raises(Regeldatafout, match="wvsr.categorie.3"),
        TestClient(maak_app(instellingen(database_url, regels_dir=str(map_)))),
    ):
        pass
    # dezelfde controle vooraf, met de opdracht voor de beheerder
    assert cli(["regels", "controleer", str(map_), "--database", database_url]) == 1
    # een correctie van een periode die geen record gebruikte, mag wel (2012: vóór elk record)
    (map_ / "normen-2027.yaml").unlink()
    ongebruikt = correctie.replace("2026-01-01", "2012-01-01").replace('"10500.00"', '"7900.00"')
    _map(tmp_path, ongebruikt, "normen-2027.yaml")
    assert cli(["regels", "controleer", str(map_), "--database", database_url]) == 0
    with TestClient(maak_app(instellingen(database_url, regels_dir=str(map_))), headers=kop()) as c:
        assert c.get("/api/v1/regels").status_code == 200


def test_cli_regels_controleer(tmp_path, capsys):
    assert cli(["regels", "controleer", str(_map(tmp_path, NORMEN_2027))]) == 0
    uit = capsys.readouterr().out
    assert "norm.alleenstaande: 1440.00 vanaf 2027-01-01 t/m 2027-06-30" in uit and "GOEDGEKEURD" in uit
    assert cli(["regels", "controleer", str(tmp_path / "bestaat-niet")]) == 1
    assert "AFGEKEURD" in capsys.readouterr().err
