"""Maatwerk: alleen gunstiger, passend bij de grond, en met een motivering van inhoud."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from app.domain.fouten import Invoerfout
from app.domain.maatwerk import GRONDEN, controleer_motivering, toets_afwijking

BOETE = {"uitkomst": "BOETE", "boete": "840.84"}
WAARSCHUWING = {"uitkomst": "WAARSCHUWING", "boete": "0.00"}
BENADELING = {"terugvorderingNetto": "1500.00"}
MOTIVERING = "Betrokkene verzorgt haar ernstig zieke moeder; de overtreding ontstond tijdens diens ziekenhuisopname."


def fouten(*args) -> dict[str, str]:
    with pytest.raises(Invoerfout) as fout:
        toets_afwijking(*args)
    return {p.naam: p.code for p in fout.value.problemen}


def test_lagere_boete_op_grond_van_evenredigheid():
    a = toets_afwijking("boeteberekening", BOETE, "BOETEBESLUIT_2_LID_8", None, D("420.42"), None, MOTIVERING)
    assert (a.uitkomst, a.bedrag, a.oorspronkelijk_bedrag) == ("BOETE", D("420.42"), D("840.84"))
    assert "Boetebesluit 2 lid 8" in a.zin() and "€ 420,42" in a.zin()


def test_afzien_wegens_dringende_redenen_en_waarschuwing_via_5_46():
    a = toets_afwijking("boeteberekening", BOETE, "PW_18A_LID_7", None, None, None, MOTIVERING)
    assert (a.uitkomst, a.bedrag) == ("AFGEZIEN", D("0"))
    b = toets_afwijking("boeteberekening", BOETE, "AWB_5_46", "WAARSCHUWING", None, None, MOTIVERING)
    assert (b.uitkomst, b.bedrag) == ("WAARSCHUWING", D("0"))


@pytest.mark.parametrize(
    ("resultaat", "grond", "uitkomst", "boete", "veld", "code"),
    [
        (BOETE, "AWB_5_46", None, D("840.85"), "boete", "ongunstiger"),  # één cent hoger
        (BOETE, "AWB_5_46", None, D("840.84"), "boete", "geen_afwijking"),
        (WAARSCHUWING, "AWB_5_46", "BOETE", D("10.00"), "uitkomst", "ongunstiger"),  # van waarschuwing naar boete
        (BOETE, "PW_18A_LID_7", "BOETE", D("100.00"), "uitkomst", "past_niet"),
        (BOETE, "BOETEBESLUIT_2_LID_8", None, None, "boete", "verplicht"),
        (BOETE, "AWB_5_46", "WAARSCHUWING", D("5.00"), "boete", "past_niet"),
        (BOETE, "PW_58_LID_8", None, D("1.00"), "grond", "past_niet"),
        (BOETE, "ONBEKEND", None, D("1.00"), "grond", "onbekend"),
    ],
)
def test_ongunstig_of_ongepast_wordt_geweigerd(resultaat, grond, uitkomst, boete, veld, code):
    assert fouten("boeteberekening", resultaat, grond, uitkomst, boete, None, MOTIVERING)[veld] == code


def test_terugvordering():
    a = toets_afwijking("benadelingsbedrag", BENADELING, "PW_58_LID_8", None, None, D("0.00"), MOTIVERING)
    assert a.bedrag == D("0") and "€ 1.500,00 wordt € 0,00" in a.zin()
    assert fouten("benadelingsbedrag", BENADELING, "AWB_4_94A", None, None, D("1500.01"), MOTIVERING) == {
        "terugvordering": "ongunstiger"
    }
    assert fouten("benadelingsbedrag", BENADELING, "PW_58_LID_8", None, None, None, MOTIVERING) == {
        "terugvordering": "verplicht"
    }
    assert fouten("benadelingsbedrag", BENADELING, "AWB_5_46", None, None, D("1.00"), MOTIVERING) == {
        "grond": "past_niet"
    }
    assert fouten("kwijtscheldingsbeoordeling", {}, "AWB_4_94A", None, None, D("1.00"), MOTIVERING) == {
        "grond": "past_niet"
    }


@pytest.mark.parametrize(
    "tekst",
    ["", "   ", "n.v.t.", "zie dossier", "Akkoord.", "dringende redenen", "Te kort om iets te zeggen", "aaaa " * 20],
)
def test_motivering_zonder_inhoud_wordt_geweigerd(tekst):
    with pytest.raises(Invoerfout) as fout:
        controleer_motivering(tekst)
    assert fout.value.problemen[0].naam == "motivering"


def test_motivering_met_inhoud_wordt_opgeschoond():
    assert controleer_motivering(f"  {MOTIVERING}\n ") == MOTIVERING


def test_elke_grond_heeft_een_bron_en_een_soort():
    for grond in GRONDEN.values():
        assert grond.soort in ("boeteberekening", "benadelingsbedrag")
        assert grond.bron.kort()


def test_de_api_kent_precies_deze_gronden():
    from app.api.maatwerk import Grondcode

    assert {g.value for g in Grondcode} == set(GRONDEN)


TE_BEOORDELEN = {
    "uitkomst": "BEOORDELING_VEREIST",
    "boete": "0.00",
    "beoordelingVereist": {"reden": "verlaagd", "bron": [], "lagerDan": "150.00"},
}


def test_beoordeling_vereist_maatwerk_stelt_een_bedrag_onder_de_grens_vast():
    """Boetebesluit art. 2 lid 3 (tekst tot 2017): 'bij verminderde verwijtbaarheid ... verlaagd'. Het college stelt het
    bedrag vast; Maatstaf toetst dat het lager is dan EUR 150 (en hoger dan nul: anders is het geen boete)."""
    a = toets_afwijking("boeteberekening", TE_BEOORDELEN, "AWB_5_46", None, D("75.00"), None, MOTIVERING)
    assert (a.uitkomst, a.bedrag, a.oorspronkelijk_bedrag, a.oorspronkelijke_uitkomst) == (
        "BOETE",
        D("75.00"),
        D("150.00"),
        "BEOORDELING_VEREIST",
    )
    assert fouten("boeteberekening", TE_BEOORDELEN, "AWB_5_46", None, D("150.00"), None, MOTIVERING) == {
        "boete": "buiten_grens"
    }
    w = toets_afwijking("boeteberekening", TE_BEOORDELEN, "AWB_5_46", "WAARSCHUWING", None, None, MOTIVERING)
    assert (w.uitkomst, w.bedrag) == ("WAARSCHUWING", D("0"))
