"""Het beleid van de gemeente in het domein: de versie op een datum, grenzen uit de regeldata, en dat beleid
binnen de wet een boete nooit strenger maakt dan de wet (eigenschappen met hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.beleid import (
    LANDELIJK,
    VASTGESTELD,
    VOORGESTELD,
    Beleidsbron,
    Beleidslijn,
    Beleidsversie,
    toets,
    vier_ogen,
)
from app.domain.boete import bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.huishouden import Huishouden
from app.regels import standaard
from tests.domain.conftest import boete_invoer, graad

REGELS = standaard()
BRON = Beleidsbron("Beleidsregels", cvdr="CVDR1", artikel="artikel 1")


def versie(vanaf: date, status: str = VASTGESTELD, **waarden) -> Beleidsversie:
    return Beleidsversie(f"v-{vanaf.isoformat()}-{status}", "0363", vanaf, waarden, BRON, status)


def test_de_versie_met_de_laatste_geldig_vanaf_op_of_voor_de_datum():
    a, b = versie(date(2026, 1, 1)), versie(date(2026, 7, 1))
    lijn = Beleidslijn.van("0363", [b, a, versie(date(2026, 3, 1), VOORGESTELD)])
    assert lijn.versie_op(date(2025, 12, 31)) is None
    assert lijn.versie_op(date(2026, 1, 1)) is a
    assert lijn.versie_op(date(2026, 6, 30)) is a  # een voorgestelde versie telt niet
    assert lijn.versie_op(date(2026, 7, 1)) is b
    assert Beleidslijn.precies("0363", a).versie_op(date(2030, 1, 1)) is a  # herberekening: altijd die versie
    assert Beleidslijn.precies("0363", None).laag(REGELS, date(2030, 1, 1)).als_dict()["herkomst"] == LANDELIJK


@settings(max_examples=200, deadline=None)
@given(
    vanaf=st.lists(st.dates(date(2013, 1, 1), date(2035, 12, 31)), min_size=0, max_size=6, unique=True),
    peil=st.dates(date(2012, 1, 1), date(2036, 12, 31)),
)
def test_versie_op_is_de_laatste_ingegane(vanaf, peil):
    lijn = Beleidslijn.van("0363", [versie(d) for d in vanaf])
    verwacht = max((d for d in vanaf if d <= peil), default=None)
    gekozen = lijn.versie_op(peil)
    assert (gekozen.geldig_vanaf if gekozen else None) == verwacht


@pytest.mark.parametrize("g", ["OPZET", "GROVE_SCHULD", "NORMAAL", "VERMINDERD"])
def test_draagkrachttermijn_tot_en_met_die_van_de_rechtspraak(g):
    maximum = int(REGELS.parameters[f"draagkracht.maanden.{g}"].versies[-1].waarde)
    assert toets({"draagkrachtMaanden": {g: maximum}}, date(2026, 1, 1), REGELS)
    with pytest.raises(Invoerfout) as fout:
        toets({"draagkrachtMaanden": {g: maximum + 1}}, date(2026, 1, 1), REGELS)
    assert fout.value.problemen[0].code == "boven_wettelijk_maximum"


def test_grenzen_komen_uit_de_regeldata():
    """Verandert de wet (een andere regelversie), dan verschuift de grens mee: geen getal in de code."""
    from dataclasses import replace

    p = REGELS.parameters["afzien.fraudevordering.jaren"]
    korter = replace(p, versies=(replace(p.versies[0], waarde=Decimal("7")),))
    data = replace(REGELS, parameters={**REGELS.parameters, p.id: korter})
    assert toets({"afzienNaJarenZonderBetalingOverig": 10}, date(2026, 1, 1), REGELS)
    with pytest.raises(Invoerfout) as fout:
        toets({"afzienNaJarenZonderBetalingOverig": 8}, date(2026, 1, 1), data)
    assert "meer dan 7" in fout.value.problemen[0].reden
    with pytest.raises(Invoerfout):
        toets({"looptijdSchuldregelingMaanden": 85}, date(2026, 1, 1), data)  # 7 x 12 = 84


def test_vier_ogen():
    regel = {"vierOgen": {"graden": ["OPZET"], "boeteBoven": "1000.00", "maatwerk": True}}
    assert vier_ogen(regel, "OPZET", "BOETE", Decimal("10.00")) == ["De graad van verwijtbaarheid is OPZET."]
    assert vier_ogen(regel, "NORMAAL", "BOETE", Decimal("1000.00")) == []
    assert vier_ogen(regel, "NORMAAL", "BOETE", Decimal("1000.01")) == [
        "De boete van € 1.000,01 is hoger dan € 1.000,00."
    ]
    assert vier_ogen(regel, "OPZET", "WAARSCHUWING", Decimal("0.00")) == []
    assert vier_ogen(REGELS.beleid, "OPZET", "BOETE", Decimal("99999.00")) == []  # landelijk: alleen maatwerk


bedragen = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2)
graden = st.sampled_from(("VERMINDERD", "NORMAAL", "GROVE_SCHULD", "OPZET"))
huishoudens = st.builds(
    Huishouden,
    leefvorm=st.sampled_from(("ALLEENSTAANDE", "ALLEENSTAANDE_OUDER", "GEHUWDEN")),
    vermogen_boven_grens=st.decimals(min_value=0, max_value=20000, places=2),
)


@settings(max_examples=200, deadline=None)
@given(b=bedragen, g=graden, h=huishoudens, korter=st.integers(1, 24), vermogen=st.booleans())
def test_beleid_binnen_de_wet_maakt_de_boete_nooit_hoger(b, g, h, korter, vermogen):
    """Een kortere draagkrachttermijn en vermogen buiten de draagkracht: de boete is nooit hoger dan zonder beleid,
    en de uitkomst zegt in de draagkrachtstap dat zij op beleid rust."""
    maximum = int(REGELS.parameters[f"draagkracht.maanden.{g}"].versies[-1].waarde)
    maanden = min(korter, maximum)
    inv = boete_invoer(benadelingsbedrag=b, verwijtbaarheid=graad(g), huishouden=h, waarschuwing_indien_mogelijk=False)
    gewoon = bereken_boete(inv, REGELS)
    waarden = toets(
        {"draagkrachtMaanden": {g: maanden}, "vermogenTeltVoorDraagkracht": vermogen}, date(2026, 1, 1), REGELS
    )
    lijn = Beleidslijn.van("0363", [versie(date(2026, 1, 1), **waarden)])
    met = bereken_boete(inv, lijn.toegepast(REGELS, inv.beschikkingsdatum))
    assert met.boete <= gewoon.boete
    assert met.draagkracht.maanden == maanden
    stap = next(s for s in met.stappen if s.regel == "boete.draagkracht")
    keuzes = {k for k, _ in stap.beleid}
    assert ("draagkrachtMaanden" in keuzes) == (maanden < maximum)
    assert ("vermogenTeltVoorDraagkracht" in keuzes) == (h.vermogen_boven_grens > 0)


def test_versie_van_later_geldt_niet_eerder():
    lijn = Beleidslijn.van("0363", [versie(date(2026, 3, 1), draagkrachtMaanden={"NORMAAL": 6})])
    inv = boete_invoer(beschikkingsdatum=date(2026, 2, 28))
    assert bereken_boete(inv, lijn.toegepast(REGELS, inv.beschikkingsdatum)).boete == Decimal("840.84")
    inv = boete_invoer(beschikkingsdatum=date(2026, 3, 1))
    assert bereken_boete(inv, lijn.toegepast(REGELS, inv.beschikkingsdatum)).boete == Decimal("420.42")
