"""Alternatieven: de boete bij elke graad, met en zonder recidive, naast de echte berekening."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.alternatieven import GRADEN, alternatieven
from app.domain.boete import Matiging, bereken_boete, kern_zonder_uitleg
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
    """8.000 benadeling, alleenstaande op bijstandsniveau: draagkracht 5% van 1.401,50 = 70,07 per maand."""
    uitkomst, alt = _alle(benadelingsbedrag=D("8000.00"), verwijtbaarheid=graad("NORMAAL"))
    assert uitkomst.boete == D("840.84")
    assert [(g, r) for g, r in alt] == [(g, r) for g in GRADEN for r in (False, True)]
    bedragen_ = {k: a.boete for k, a in alt.items()}
    assert bedragen_[("OPZET", False)] == D("1681.68")  # 24 x 70,07 (100% = 8.000 is hoger)
    assert bedragen_[("GROVE_SCHULD", False)] == D("1261.26")  # 18 x 70,07
    assert bedragen_[("NORMAAL", False)] == D("840.84")  # 12 x 70,07
    assert bedragen_[("VERMINDERD", False)] == D("420.42")  # 6 x 70,07
    assert bedragen_[("GEEN", False)] == bedragen_[("GEEN", True)] == D("0")
    assert [k for k, a in alt.items() if a.huidig] == [("NORMAAL", False)]
    assert "stelt en bewijst" in alt[("OPZET", True)].omschrijving
    assert "€ 1.261,26" in alt[("GROVE_SCHULD", False)].omschrijving
    assert "begrensd door de draagkracht" in alt[("NORMAAL", True)].omschrijving


def test_recidive_verhoogt_de_grondslag_zonder_draagkrachtgrens():
    """Boven bijstandsniveau met ruime draagkracht: recidive (grondslag 150%) verhoogt de boete."""
    from app.domain.huishouden import Huishouden

    ruim = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("9000.00"), beslagvrije_voet=D("1500.00"))
    _, alt = _alle(benadelingsbedrag=D("2000.00"), verwijtbaarheid=graad("NORMAAL"), huishouden=ruim)
    assert alt[("NORMAAL", False)].boete == D("1000.00")
    assert alt[("NORMAAL", True)].boete == D("1500.00")


def test_waarschuwing_en_dringende_redenen_blijven_gelden():
    _, alt = _alle(benadelingsbedrag=D("100.00"), verwijtbaarheid=graad("NORMAAL"), waarschuwing_indien_mogelijk=True)
    assert {a.uitkomst for g, a in alt.items() if g[0] != "GEEN"} == {"WAARSCHUWING"}
    _, alt = _alle(
        benadelingsbedrag=D("8000.00"),
        verwijtbaarheid=graad("OPZET"),
        dringende_redenen="Acute schuldensituatie gezin.",
    )
    assert {a.uitkomst for g, a in alt.items() if g[0] != "GEEN"} == {"AFGEZIEN"}


@settings(max_examples=150, deadline=None)
@given(b=bedragen, g=graden, h=huishoudens, r=recidives, a=afrondingen)
def test_huidig_is_de_echte_uitkomst_en_zwaardere_graad_nooit_lager(b, g, h, r, a):
    uitkomst, alt = _alle(benadelingsbedrag=b, verwijtbaarheid=graad(g), huishouden=h, eerdere_sancties=r, afronding=a)
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
    beschikking=st.sampled_from((date(2026, 2, 2), date(2031, 1, 15), date(2029, 6, 1))),
)
def test_snelle_weg_geeft_precies_wat_bereken_boete_geeft(b, g, h, r, a, m, waarschuwen, dringend, beschikking):
    """kern_zonder_uitleg (voor de alternatieven) wijkt nergens af van de volledige berekening met uitleg."""
    if h.op_bijstandsniveau:  # na 2026-06-30 kent de regeldata geen norm: dan geeft de gemeente die op
        h = replace(h, toepasselijke_norm=D("1401.50"))
    invoer = boete_invoer(
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
            volledig = bereken_boete(replace(invoer, aangenomen_graad=graad_, aangenomen_recidive=recidive), REGELS)
            snel = kern_zonder_uitleg(invoer, REGELS, graad_, recidive, echt.benadelingsbedrag)
            assert (snel.uitkomst, snel.boete, snel.boetepercentage) == (
                volledig.uitkomst,
                volledig.boete,
                volledig.boetepercentage,
            ), (graad_, recidive)
            if volledig.uitkomst in ("BOETE", "WAARSCHUWING"):
                assert snel.bepalende_begrenzing == volledig.bepalende_begrenzing
                assert snel.boete_zonder_waarschuwing == volledig.boete_zonder_waarschuwing
