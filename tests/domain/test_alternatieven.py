"""Alternatieven: de boete bij elke graad, met en zonder recidive, naast de echte berekening."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.alternatieven import GRADEN, alternatieven
from app.domain.boete import Matiging, Sanctie, bereken_boete
from app.domain.uitleg import GeenUitleg
from app.regels import standaard
from tests.domain.conftest import boete_invoer, graad
from tests.domain.test_eigenschappen import afrondingen, bedragen, graden, huishoudens, recidives

REGELS = standaard()
OPLOPEND = ("GEEN", "VERMINDERD", "NORMAAL", "GROVE_SCHULD", "OPZET")


def _alle(**kw):
    kw.setdefault("waarschuwing_indien_mogelijk", False)
    invoer = boete_invoer(**kw)
    uitkomst = bereken_boete(invoer, REGELS)
    return uitkomst, {(a.graad, a.recidive): a for a in alternatieven(invoer, REGELS, uitkomst)}


def test_voorbeeld_spec_4_4():
    """8.000 benadeling, alleenstaande op bijstandsniveau: draagkracht 5% van 1.401,50 = 70,07 per maand.

    Met de maanden draagkracht per graad (app/regels/draagkracht.yaml: 24, 18, 12, 6) begrenst de draagkracht elke
    graad: 100%, 75%, 50% en 25% van 8.000 (en met recidive van 12.000) liggen er ruim boven. Recidive verandert hier
    dus niets; dat laten de alternatieven ook zien.
    """
    uitkomst, alt = _alle(benadelingsbedrag=D("8000.00"), verwijtbaarheid=graad("NORMAAL"))
    assert uitkomst.boete == D("840.84")
    assert [(g, r) for g, r in alt] == [(g, r) for g in GRADEN for r in (False, True)]
    assert GRADEN == ("OPZET", "GROVE_SCHULD", "NORMAAL", "VERMINDERD", "GEEN")
    verwacht = {
        "OPZET": D("1681.68"),  # 24 x 70,07 (100% = 8.000 is hoger)
        "GROVE_SCHULD": D("1261.26"),  # 18 x 70,07 (75% = 6.000)
        "NORMAAL": D("840.84"),  # 12 x 70,07 (50% = 4.000)
        "VERMINDERD": D("420.42"),  # 6 x 70,07 (25% = 2.000)
        "GEEN": D("0.00"),
    }
    for (graad_, _recidive), a in alt.items():
        assert a.boete == verwacht[graad_], (graad_, _recidive)
        assert a.uitkomst == ("GEEN_BOETE" if graad_ == "GEEN" else "BOETE")
    assert [k for k, a in alt.items() if a.huidig] == [("NORMAAL", False)]
    assert alt[("NORMAAL", False)].omschrijving == (
        "Bij normale verwijtbaarheid en zonder recidive (deze berekening) is de boete € 840,84 "
        "(50% van de grondslag, begrensd door de draagkracht)."
    )
    assert alt[("GROVE_SCHULD", False)].omschrijving == (
        "Bij grove schuld en zonder recidive (alleen als het college dit stelt en bewijst) zou de boete € 1.261,26 "
        "zijn (75% van de grondslag, begrensd door de draagkracht)."
    )
    assert alt[("VERMINDERD", True)].omschrijving == (
        "Bij verminderde verwijtbaarheid en met recidive zou de boete € 420,42 zijn "
        "(25% van de met recidive verhoogde grondslag, begrensd door de draagkracht)."
    )
    assert "stelt en bewijst" in alt[("OPZET", True)].omschrijving
    assert "Awb 5:41" in alt[("GEEN", True)].omschrijving


def test_opzet_als_wat_als_zonder_bewijs():
    """Zonder bewijs kan de graad niet OPZET zijn (Boetebesluit 2 lid 9), maar het alternatief wordt wel berekend."""
    from app.domain.verwijtbaarheid import VerwijtbaarheidInvoer

    _, alt = _alle(verwijtbaarheid=VerwijtbaarheidInvoer(graad="NORMAAL"))
    assert alt[("OPZET", False)].boete == D("1681.68")
    assert not alt[("OPZET", False)].huidig


def test_recidive_grondslag_lid_7_en_wettelijk_maximum():
    """Ruime draagkracht, benadeling 12.000, derde categorie 10.300 (2024 en later), vijfde categorie ruim hoger.

    Zonder recidive: 100%, 75%, 50%, 25% van 12.000. Met recidive is de grondslag 150%: 18.000. Dan geldt
    - grove schuld: 75% = 13.500, maar ten hoogste de derde categorie: 10.300 (wettelijk maximum);
    - normaal en verminderd: 18.000 > 100/75 x 10.300 = 13.733,33, dus lid 7: 50/75 en 25/75 van 10.300,
      naar beneden op centen: 6.866,66 en 3.433,33.
    """
    from app.domain.huishouden import Huishouden

    ruim = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("9000.00"), beslagvrije_voet=D("1500.00"))
    _, alt = _alle(benadelingsbedrag=D("12000.00"), verwijtbaarheid=graad("NORMAAL"), huishouden=ruim)
    assert {k: a.boete for k, a in alt.items()} == {
        ("OPZET", False): D("12000.00"),
        ("OPZET", True): D("18000.00"),
        ("GROVE_SCHULD", False): D("9000.00"),
        ("GROVE_SCHULD", True): D("10300.00"),
        ("NORMAAL", False): D("6000.00"),
        ("NORMAAL", True): D("6866.66"),
        ("VERMINDERD", False): D("3000.00"),
        ("VERMINDERD", True): D("3433.33"),
        ("GEEN", False): D("0.00"),
        ("GEEN", True): D("0.00"),
    }
    assert "begrensd door het wettelijk maximum" in alt[("GROVE_SCHULD", True)].omschrijving
    assert "begrensd door het vaste bedrag van Boetebesluit art. 2 lid 7" in alt[("NORMAAL", True)].omschrijving
    assert alt[("OPZET", False)].omschrijving.endswith("zou de boete € 12.000,00 zijn (100% van de grondslag).")


def test_recidive_verhoogt_de_grondslag_zonder_draagkrachtgrens():
    """Boven bijstandsniveau met ruime draagkracht: recidive (grondslag 150%) verhoogt de boete."""
    from app.domain.huishouden import Huishouden

    ruim = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("9000.00"), beslagvrije_voet=D("1500.00"))
    _, alt = _alle(benadelingsbedrag=D("2000.00"), verwijtbaarheid=graad("NORMAAL"), huishouden=ruim)
    assert alt[("NORMAAL", False)].boete == D("1000.00")
    assert alt[("NORMAAL", True)].boete == D("1500.00")


def test_afgeleide_recidive_is_het_huidige_geval():
    """Met een eerdere boete binnen vijf jaar is er recidive; het huidige alternatief is dan het geval met recidive."""
    uitkomst, alt = _alle(eerdere_sancties=(Sanctie("BOETE", date(2022, 1, 1)),))
    assert uitkomst.recidive
    assert [k for k, a in alt.items() if a.huidig] == [("NORMAAL", True)]


def test_geen_verwijt_heeft_precies_een_huidig_alternatief():
    uitkomst, alt = _alle(verwijtbaarheid=graad("GEEN"), eerdere_sancties=(Sanctie("BOETE", date(2022, 1, 1)),))
    assert (uitkomst.uitkomst, uitkomst.recidive) == ("GEEN_BOETE", False)
    assert [k for k, a in alt.items() if a.huidig] == [("GEEN", False)]
    assert alt[("NORMAAL", True)].boete == D("840.84")  # de draagkracht begrenst ook met recidive


def test_zonder_benadeling_geen_percentage_in_de_zin():
    _, alt = _alle(benadelingsbedrag=D("0.00"), verwijtbaarheid=graad("NORMAAL"))
    assert alt[("OPZET", True)].boete == D("150.00")
    assert "Boetebesluit art. 2 lid 11" in alt[("OPZET", True)].omschrijving
    assert "%" not in alt[("OPZET", True)].omschrijving


def test_afronding_staat_in_de_zin():
    _, alt = _alle(afronding="NAAR_BOVEN_OP_TIENTALLEN")
    # naar boven (1.690) zou boven de draagkracht van 1.681,68 komen: naar beneden
    assert alt[("OPZET", False)].boete == D("1680.00")
    assert "afgerond op tientallen" in alt[("OPZET", False)].omschrijving


def test_waarschuwing_en_dringende_redenen_blijven_gelden():
    _, alt = _alle(benadelingsbedrag=D("100.00"), verwijtbaarheid=graad("NORMAAL"), waarschuwing_indien_mogelijk=True)
    assert {a.uitkomst for g, a in alt.items() if g[0] != "GEEN"} == {"WAARSCHUWING"}
    assert alt[("OPZET", True)].omschrijving.endswith("zonder waarschuwing zou de boete € 150,00 zijn.")
    assert alt[("NORMAAL", False)].omschrijving.endswith("zonder waarschuwing is de boete € 50,00.")
    _, alt = _alle(
        benadelingsbedrag=D("8000.00"),
        verwijtbaarheid=graad("OPZET"),
        dringende_redenen="Acute schuldensituatie gezin.",
    )
    assert {a.uitkomst for g, a in alt.items() if g[0] != "GEEN"} == {"AFGEZIEN"}


def test_verval_geldt_ook_voor_de_alternatieven():
    """Beschikking ruim vijf jaar na de overtreding: de bevoegdheid is vervallen, bij elke graad."""
    _, alt = _alle(beschikkingsdatum=date(2031, 1, 15), huishouden=_boven_bijstandsniveau())
    assert {a.uitkomst for a in alt.values()} == {"GEEN_BOETE"}
    assert "vervallen" in alt[("OPZET", True)].omschrijving


def _boven_bijstandsniveau():
    from app.domain.huishouden import Huishouden

    return Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("2000.00"), beslagvrije_voet=D("1500.00"))


@settings(max_examples=200, deadline=None)
@given(
    b=st.one_of(st.just(D("0.00")), bedragen),
    g=st.sampled_from(OPLOPEND),
    h=huishoudens,
    r=recidives,
    a=afrondingen,
    waarschuwen=st.sampled_from((None, True, False)),
)
def test_huidig_is_de_echte_uitkomst_en_monotoon_in_graad_en_recidive(b, g, h, r, a, waarschuwen):
    uitkomst, alt = _alle(
        benadelingsbedrag=b,
        verwijtbaarheid=graad(g),
        huishouden=h,
        eerdere_sancties=r,
        afronding=a,
        waarschuwing_indien_mogelijk=waarschuwen,
    )
    assert len(alt) == 10
    [huidig] = [x for x in alt.values() if x.huidig]
    assert (huidig.graad, huidig.recidive, huidig.uitkomst, huidig.boete) == (
        uitkomst.graad,
        uitkomst.recidive,
        uitkomst.uitkomst,
        uitkomst.boete,
    )
    for recidive in (False, True):
        reeks = [alt[(graad_, recidive)].boete for graad_ in OPLOPEND]
        assert reeks == sorted(reeks), (recidive, reeks)
    for graad_ in OPLOPEND:
        assert alt[(graad_, True)].boete >= alt[(graad_, False)].boete, graad_
    for x in alt.values():
        assert x.omschrijving.endswith(".") and not re.search(r"[.;:] [A-Z]", x.omschrijving), x.omschrijving  # één zin
        if x.graad in ("OPZET", "GROVE_SCHULD") and not x.huidig:
            assert "stelt en bewijst" in x.omschrijving


MATIGINGEN = st.lists(
    st.builds(
        Matiging,
        grond=st.sampled_from(("EVENREDIGHEID", "REDELIJKE_TERMIJN", "OVERIG")),
        motivering=st.just("Zwaar getroffen door een faillissement van de werkgever."),
        percentage=st.decimals(min_value=1, max_value=100, places=0),
    ),
    max_size=2,
)


@settings(max_examples=200, deadline=None)
@given(
    b=st.one_of(st.just(D("0.00")), bedragen),
    g=graden,
    h=huishoudens,
    r=recidives,
    a=afrondingen,
    m=MATIGINGEN,
    waarschuwen=st.sampled_from((None, True, False)),
    dringend=st.sampled_from((None, "Acute schuldensituatie van het gezin.")),
    tijdvak=st.sampled_from(
        (
            (date(2025, 3, 1), date(2025, 10, 31), date(2026, 2, 2)),
            (date(2025, 3, 1), date(2025, 10, 31), date(2031, 1, 15)),  # vervallen
            (date(2025, 3, 1), date(2025, 10, 31), date(2029, 6, 1)),
            (date(2013, 3, 1), date(2013, 10, 31), date(2014, 6, 1)),  # Fraudewet
            (date(2016, 5, 1), date(2016, 9, 30), date(2017, 3, 1)),  # lex mitior over de overgang van 2017
            (date(2019, 1, 1), date(2019, 6, 30), date(2020, 10, 1)),  # 5% draagkracht, 90% beslagvrije voet
        )
    ),
)
def test_zonder_uitleg_precies_dezelfde_getallen(b, g, h, r, a, m, waarschuwen, dringend, tijdvak):
    """Met de nulrecorder (alternatieven) geeft bereken_boete dezelfde getallen als met de volledige uitleg."""
    begin, eind, beschikking = tijdvak
    # na 2026-12-31 kent de regeldata geen norm: dan geeft de gemeente die op (ook voor de fictieve draagkracht)
    h = replace(h, toepasselijke_norm=D("1401.50"))
    # recidive: een eerdere boete twee jaar vóór de begindatum
    r = tuple(replace(sanctie, datum=date(begin.year - 2, begin.month, 1)) for sanctie in r)
    invoer = boete_invoer(
        begindatum=begin,
        einddatum=eind,
        benadelingsbedrag=b,
        verwijtbaarheid=graad(g),
        huishouden=h,
        eerdere_sancties=r,
        afronding=a,
        matigingen=tuple(m),
        waarschuwing_indien_mogelijk=waarschuwen,
        dringende_redenen=dringend,
        beschikkingsdatum=beschikking,
    )
    echt = bereken_boete(invoer, REGELS)
    for graad_ in GRADEN:
        for recidive in (False, True):
            volledig = bereken_boete(invoer, REGELS, graad=graad_, recidive=recidive)
            # zoals alternatieven() het doet: het benadelingsbedrag van de echte uitkomst, zonder uitleg
            snel = bereken_boete(
                invoer, REGELS, GeenUitleg(), graad=graad_, recidive=recidive, benadeling=echt.benadelingsbedrag
            )
            assert snel.stappen == [] and snel.signalen == [] and volledig.stappen
            assert (snel.uitkomst, snel.boete, snel.boetepercentage) == (
                volledig.uitkomst,
                volledig.boete,
                volledig.boetepercentage,
            ), (graad_, recidive)
            assert snel.verrekening == volledig.verrekening
            assert snel.waarschuwing_mogelijk == volledig.waarschuwing_mogelijk
            if volledig.uitkomst in ("BOETE", "WAARSCHUWING"):
                assert snel.bepalende_begrenzing == volledig.bepalende_begrenzing
                assert snel.boete_zonder_waarschuwing == volledig.boete_zonder_waarschuwing
                assert snel.draagkracht == volledig.draagkracht
