"""De pure functies van de spiegel (issue #10): duurklasse, maanden, signaal en het blok vergelijkbareZaken."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import spiegel


@pytest.mark.parametrize(
    ("begin", "eind", "klasse"),
    [
        ("2025-01-31", "2025-01-31", "TOT_3_MAANDEN"),
        ("2025-01-31", "2025-03-01", "TOT_3_MAANDEN"),  # januari, februari, maart: 3 kalendermaanden
        ("2025-01-01", "2025-04-01", "TOT_12_MAANDEN"),
        ("2025-01-01", "2025-12-31", "TOT_12_MAANDEN"),
        ("2025-01-01", "2026-01-01", "TOT_36_MAANDEN"),
        ("2023-01-01", "2025-12-31", "TOT_36_MAANDEN"),
        ("2023-01-01", "2026-01-01", "LANGER_DAN_36_MAANDEN"),
    ],
)
def test_duurklasse(begin, eind, klasse):
    assert spiegel.duurklasse(date.fromisoformat(begin), date.fromisoformat(eind)) == klasse


def test_maanden():
    assert spiegel.maand_plus(202601, -1) == 202512
    assert spiegel.maand_plus(202512, 1) == 202601
    assert spiegel.maand_plus(202611, -23) == 202412
    assert spiegel.venster(date(2026, 11, 29)) == (202412, 202611)
    assert spiegel.aantal_maanden(202412, 202611) == 24
    assert spiegel.maand_tekst(202601) == "2026-01"


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(-600, 600))
def test_maand_plus_en_aantal_maanden_zijn_elkaars_inverse(jaar, maand, n):
    start = jaar * 100 + maand
    eind = spiegel.maand_plus(start, n)
    assert 1 <= eind % 100 <= 12
    assert spiegel.aantal_maanden(start, eind) == n + 1


def _tellingen(**graden) -> dict:
    uit = {(spiegel.ZAKEN, spiegel.BOETEBEREKENING): sum(graden.values())}
    for graad, aantal in graden.items():
        uit[(spiegel.GRAAD, graad)] = aantal
    uit[(spiegel.UITKOMST, "BOETE")] = sum(graden.values())
    return uit


KENMERKEN = spiegel.Zaakkenmerken("INKOMEN", "TOT_12_MAANDEN", "EERSTE")


def test_signaal_alleen_bij_hoogstens_tien_procent():
    resultaat = {"verwijtbaarheid": "GROVE_SCHULD", "uitkomst": "BOETE"}
    # 2 van 20 = 10%: ongebruikelijk
    blok = spiegel.vergelijkbare_zaken(KENMERKEN, _tellingen(NORMAAL=18, GROVE_SCHULD=2), resultaat, 202412, 202611)
    assert blok["signalen"] == [
        "In 20 vergelijkbare zaken koos uw gemeente 18 keer normale verwijtbaarheid; grove schuld is hier "
        "ongebruikelijk. Motiveer waarom deze zaak anders is."
    ]
    # 3 van 20 = 15%: niet
    blok = spiegel.vergelijkbare_zaken(KENMERKEN, _tellingen(NORMAAL=17, GROVE_SCHULD=3), resultaat, 202412, 202611)
    assert blok["signalen"] == []


def test_kenmerken_uit_verzoek_en_resultaat():
    invoer = {"overtreding": {"begindatum": "2025-03-01", "einddatum": "2025-10-31", "soortOvertreding": "WERK"}}
    assert spiegel.zaakkenmerken(invoer, {"recidive": True}) == spiegel.Zaakkenmerken(
        "WERK", "TOT_12_MAANDEN", "HERHAALD"
    )
    assert spiegel.zaakkenmerken({"overtreding": {"begindatum": "2025-03-01"}}, {}) is None
    assert spiegel.zaakkenmerken({}, {}) is None


@given(
    graad=st.sampled_from(spiegel.GRADEN),
    uitkomst=st.sampled_from(spiegel.UITKOMSTEN),
    aantallen=st.lists(st.integers(0, 500), min_size=5, max_size=5),
)
def test_eigenschap_het_blok_verandert_het_resultaat_niet(graad, uitkomst, aantallen):
    resultaat = {"verwijtbaarheid": graad, "uitkomst": uitkomst, "boete": "840.84", "recidive": False}
    voor = copy.deepcopy(resultaat)
    tellingen = _tellingen(**dict(zip(spiegel.GRADEN, aantallen, strict=True)))
    blok = spiegel.vergelijkbare_zaken(KENMERKEN, tellingen, resultaat, 202412, 202611)
    assert resultaat == voor
    assert blok["getoond"] is (sum(aantallen) >= spiegel.MINIMUM_GROEP)
    if not blok["getoond"]:
        assert blok["aantal"] is None and blok["verwijtbaarheid"] is None and blok["signalen"] == []
