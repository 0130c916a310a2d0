"""Invarianten van de beslagvrije voet (Rv 475da-475dc), met hypothesis over willekeurige invoer 2021-2026.

- De voet komt niet boven het maximum van 475da lid 1 (zonder de verhogingen op verzoek van lid 5, die er wettelijk
  bovenop komen, en zonder inrichting: 475e lid 2 kent geen maximum).
- De voet komt niet boven 95% van het maandelijkse inkomen (475dc lid 1), op centen naar boven zoals Maatstaf afrondt;
  niet bij 475dc lid 2 (bijstand), een inrichting of een woonlandfactor.
- Een hoger jaarinkomen C geeft nooit een lagere voet (lid 2: elk deel stijgt met C of blijft gelijk).
- De delen tellen op tot de voet, en zonder uitleg komen dezelfde getallen uit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_CEILING, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.beslagvrije_voet import (
    GEHUWDEN_MET_KINDEREN,
    GEHUWDEN_ZONDER_KINDEREN,
    LEEFSITUATIES,
    BeslagvrijeVoetInvoer,
    bereken_beslagvrije_voet,
)
from app.domain.uitleg import GeenUitleg, Uitleg
from app.regels import standaard

REGELS = standaard()
CENT = Decimal("0.01")

datums = st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 12, 31))
leefsituaties = st.sampled_from(LEEFSITUATIES)
jaarinkomens = st.decimals(min_value=0, max_value=150000, places=2)
maandbedragen = st.decimals(min_value=0, max_value=8000, places=2)
kleine_bedragen = st.decimals(min_value=0, max_value=1500, places=2)


@st.composite
def invoer(draw, met_woonkosten: bool = True) -> BeslagvrijeVoetInvoer:
    leefsituatie = draw(leefsituaties)
    gehuwd = leefsituatie in (GEHUWDEN_ZONDER_KINDEREN, GEHUWDEN_MET_KINDEREN)
    return BeslagvrijeVoetInvoer(
        peildatum=draw(datums),
        leefsituatie=leefsituatie,
        belastbaar_jaarinkomen=draw(jaarinkomens),
        netto_maandinkomen=draw(maandbedragen),
        woonadres_in_nederland=draw(st.booleans()),
        niet_beslagen_inkomen_partner=draw(kleine_bedragen) if gehuwd else Decimal(0),
        niet_beslagen_inkomen_schuldenaar=draw(st.sampled_from((Decimal(0), draw(kleine_bedragen)))),
        woonkosten=draw(st.none() | kleine_bedragen) if met_woonkosten else None,
    )


def _bereken(inv: BeslagvrijeVoetInvoer, uitleg=None):
    return bereken_beslagvrije_voet(inv, REGELS.op(inv.peildatum), uitleg or Uitleg())


@settings(max_examples=300, deadline=None)
@given(inv=invoer(met_woonkosten=False))
def test_de_voet_komt_niet_boven_het_maximum_van_lid_1(inv):
    u = _bereken(inv)
    assert Decimal(0) <= u.beslagvrije_voet <= u.maximum
    assert u.beslagvrije_voet == u.beslagvrije_voet.quantize(CENT)


@settings(max_examples=300, deadline=None)
@given(inv=invoer())
def test_de_voet_komt_niet_boven_95_procent_van_het_inkomen(inv):
    """475dc lid 1: vanaf 2022 het inkomen inclusief vakantiebijslag (hier: het hele netto maandinkomen; vóór 2022
    ook, omdat de invoer de vakantiebijslag niet apart noemt)."""
    u = _bereken(inv)
    assert u.beslagvrije_voet <= (inv.netto_maandinkomen * Decimal("0.95")).quantize(CENT, rounding=ROUND_CEILING)
    assert u.afloscapaciteit == max(Decimal(0), inv.netto_maandinkomen - u.beslagvrije_voet)


@settings(max_examples=300, deadline=None)
@given(inv=invoer(), meer=jaarinkomens)
def test_een_hoger_inkomen_geeft_nooit_een_lagere_voet(inv, meer):
    hoger = replace(inv, belastbaar_jaarinkomen=inv.belastbaar_jaarinkomen + meer)
    assert _bereken(hoger).beslagvrije_voet >= _bereken(inv).beslagvrije_voet


@settings(max_examples=200, deadline=None)
@given(inv=invoer())
def test_de_delen_tellen_op_tot_de_voet_en_zonder_uitleg_dezelfde_getallen(inv):
    met = _bereken(inv)
    assert sum((d.bedrag for d in met.delen), Decimal(0)) == met.beslagvrije_voet
    zonder = _bereken(inv, GeenUitleg())
    assert (zonder.beslagvrije_voet, zonder.delen, zonder.geldig_tot) == (
        met.beslagvrije_voet,
        met.delen,
        met.geldig_tot,
    )
