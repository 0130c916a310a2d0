"""Invarianten van de boete, getoetst met hypothesis over willekeurige invoer."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.benadeling import Periode
from app.domain.boete import Sanctie, bereken_boete
from app.domain.huishouden import Huishouden
from app.regels import standaard
from tests.domain.conftest import boete_invoer, graad

REGELS = standaard()
GRADEN_OPLOPEND = ("VERMINDERD", "NORMAAL", "GROVE_SCHULD", "OPZET")

bedragen = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("250000"), places=2)
graden = st.sampled_from(GRADEN_OPLOPEND)
afrondingen = st.sampled_from(("GEEN", "NAAR_BOVEN_OP_TIENTALLEN"))
huishoudens = st.one_of(
    st.builds(
        Huishouden,
        leefvorm=st.sampled_from(("ALLEENSTAANDE", "ALLEENSTAANDE_OUDER", "GEHUWDEN")),
        vermogen_boven_grens=st.decimals(min_value=0, max_value=20000, places=2),
    ),
    st.builds(
        Huishouden,
        leefvorm=st.sampled_from(("ALLEENSTAANDE", "GEHUWDEN")),
        op_bijstandsniveau=st.just(False),
        netto_maandinkomen=st.decimals(min_value=0, max_value=10000, places=2),
        beslagvrije_voet=st.decimals(min_value=0, max_value=3000, places=2),
    ),
)
recidives = st.sampled_from(((), (Sanctie("BOETE", date(2022, 1, 1)),)))


def boete(**kw):
    kw.setdefault("waarschuwing_indien_mogelijk", False)
    return bereken_boete(boete_invoer(**kw), REGELS)


@settings(max_examples=300, deadline=None)
@given(b=bedragen, g=graden, h=huishoudens, r=recidives, a=afrondingen)
def test_boete_binnen_grondslag_en_draagkracht(b, g, h, r, a):
    u = boete(benadelingsbedrag=b, verwijtbaarheid=graad(g), huishouden=h, eerdere_sancties=r, afronding=a)
    assert u.uitkomst == "BOETE"
    assert Decimal(0) <= u.boete <= u.grondslag
    assert u.boete <= u.draagkracht.maximum
    assert u.boete == u.boete.quantize(Decimal("0.01"))
    if a == "NAAR_BOVEN_OP_TIENTALLEN":
        # afronden op tientallen verhoogt met minder dan € 10 en nooit boven draagkracht of wettelijk maximum
        assert u.boete % 10 == 0
        assert u.boete < u.boete_voor_draagkracht + 10
    else:
        assert u.boete <= u.boete_voor_draagkracht


@settings(max_examples=300, deadline=None)
@given(b1=bedragen, b2=bedragen, g=graden, h=huishoudens, r=recidives, a=afrondingen)
def test_boete_monotoon_in_benadeling(b1, b2, g, h, r, a):
    laag, hoog = sorted((b1, b2))
    kw = dict(verwijtbaarheid=graad(g), huishouden=h, eerdere_sancties=r, afronding=a)
    assert boete(benadelingsbedrag=laag, **kw).boete <= boete(benadelingsbedrag=hoog, **kw).boete


@settings(max_examples=200, deadline=None)
@given(b=bedragen, h=huishoudens, r=recidives, a=afrondingen)
def test_boete_monotoon_in_verwijtbaarheid(b, h, r, a):
    boetes = [
        boete(benadelingsbedrag=b, verwijtbaarheid=graad(g), huishouden=h, eerdere_sancties=r, afronding=a).boete
        for g in GRADEN_OPLOPEND
    ]
    assert boetes == sorted(boetes)


@settings(max_examples=200, deadline=None)
@given(b=bedragen, g=graden, h=huishoudens)
def test_recidive_verhoogt_nooit_de_boete_niet(b, g, h):
    zonder = boete(benadelingsbedrag=b, verwijtbaarheid=graad(g), huishouden=h)
    met = boete(
        benadelingsbedrag=b,
        verwijtbaarheid=graad(g),
        huishouden=h,
        eerdere_sancties=(Sanctie("BOETE", date(2022, 1, 1)),),
    )
    assert met.boete >= zonder.boete


@st.composite
def perioden(draw):
    aantal = draw(st.integers(min_value=1, max_value=12))
    lijst = []
    for i in range(aantal):
        # één periode per kalendermaand: een periode met loonheffing loopt niet over 1 januari (Pw 58 lid 5)
        van = date(2024 + i // 12, i % 12 + 1, 1)
        lijst.append(
            Periode(
                van,
                van + timedelta(days=27),
                draw(st.decimals(min_value=0, max_value=3000, places=2)),
                draw(st.decimals(min_value=0, max_value=3000, places=2)),
                draw(st.decimals(min_value=0, max_value=300, places=2)),
            )
        )
    return lijst


@settings(max_examples=200, deadline=None)
@given(p=perioden(), g=graden, volgorde=st.randoms(use_true_random=False))
def test_uitkomst_onafhankelijk_van_volgorde_perioden(p, g, volgorde):
    gehusseld = list(p)
    volgorde.shuffle(gehusseld)
    a = boete(benadelingsbedrag=None, perioden=tuple(p), verwijtbaarheid=graad(g))
    b = boete(benadelingsbedrag=None, perioden=tuple(gehusseld), verwijtbaarheid=graad(g))
    assert (a.boete, a.benadelingsbedrag, a.uitkomst) == (b.boete, b.benadelingsbedrag, b.uitkomst)
    assert [s.als_dict() for s in a.stappen] == [s.als_dict() for s in b.stappen]
    assert a.benadeling.terugvordering_bruto >= a.benadeling.terugvordering_netto >= 0
