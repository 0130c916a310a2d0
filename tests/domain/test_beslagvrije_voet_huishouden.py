"""Eén rekenpad voor de beslagvrije voet: de boete en de schuldregeling boven bijstandsniveau rekenen met de voet van
app/domain/beslagvrije_voet/ als de aanroeper leefsituatie en belastbaar jaarinkomen noemt in plaats van de voet.

Een opgegeven voet (van een deurwaarder of de gemeente) gaat voor; de uitleg zegt welke is gebruikt.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import huishouden as huishouden_module
from app.domain.alternatieven import alternatieven
from app.domain.beslagvrije_voet import LEEFSITUATIES, BeslagvrijeVoetInvoer, bereken_beslagvrije_voet
from app.domain.boete import bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.huishouden import BEREKEND, OPGEGEVEN, Huishouden, controleer_huishouden
from app.domain.kwijtschelding import Vordering
from app.domain.schuldregeling import GenoemdeVordering, toets_schuldregeling
from app.domain.uitleg import GeenUitleg, Uitleg
from app.regels import standaard
from tests.domain.conftest import D, boete_invoer

REGELS = standaard()
BESCHIKKING = date(2026, 2, 2)


def werkend(**kw) -> Huishouden:
    velden: dict[str, object] = dict(
        leefvorm="ALLEENSTAANDE",
        op_bijstandsniveau=False,
        netto_maandinkomen=D("2400.00"),
        leefsituatie="ALLEENSTAANDE",
        belastbaar_jaarinkomen=D("32000.00"),
    )
    velden.update(kw)
    return Huishouden(**velden)  # type: ignore[arg-type]


def voet_van(h: Huishouden, peildatum: date) -> Decimal:
    """De voet zoals POST /beslagvrijevoetberekeningen haar geeft, voor hetzelfde huishouden."""
    assert h.leefsituatie and h.belastbaar_jaarinkomen is not None and h.netto_maandinkomen is not None
    uit = bereken_beslagvrije_voet(
        BeslagvrijeVoetInvoer(peildatum, h.leefsituatie, h.belastbaar_jaarinkomen, h.netto_maandinkomen),
        REGELS.op(peildatum),
        GeenUitleg(),
    )
    return uit.beslagvrije_voet


def stap(u, regel: str):
    return next(s for s in u.stappen if s.regel == regel)


def test_boete_berekent_de_voet_en_toont_haar_stappen():
    h = werkend()
    u = bereken_boete(boete_invoer(huishouden=h), REGELS, Uitleg())
    voet = voet_van(h, BESCHIKKING)
    herkomst = stap(u, "huishouden.beslagvrijeVoet")
    assert herkomst.uitkomst == {"beslagvrijeVoet": f"{voet:.2f}", "herkomst": BEREKEND}
    regels = [s.regel for s in u.stappen]
    # de stappen van de voet staan in de uitleg van de boete, vóór de draagkracht
    assert regels.index("bvv.maximum") < regels.index("bvv.beslagvrijeVoet") < regels.index("boete.draagkracht")
    assert u.huishouden is not None and u.huishouden.beslagvrije_voet == voet
    assert u.draagkracht is not None
    assert u.draagkracht.per_maand == D("2400.00") - voet


def test_opgegeven_voet_gaat_voor_en_de_uitleg_zegt_het():
    h = werkend(beslagvrije_voet=D("1500.00"))
    u = bereken_boete(boete_invoer(huishouden=h), REGELS, Uitleg())
    assert stap(u, "huishouden.beslagvrijeVoet").uitkomst == {"beslagvrijeVoet": "1500.00", "herkomst": OPGEGEVEN}
    assert not any(s.regel.startswith("bvv.") for s in u.stappen)
    assert u.draagkracht is not None and u.draagkracht.per_maand == D("900.00")


@settings(max_examples=60, deadline=None)
@given(
    leefsituatie=st.sampled_from(LEEFSITUATIES),
    jaarinkomen=st.decimals(min_value=0, max_value=90000, places=2),
    netto=st.decimals(min_value=800, max_value=6000, places=2),
    dag=st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 12, 31)),
)
def test_boete_met_berekende_voet_gelijk_aan_boete_met_de_voet_van_het_endpoint(leefsituatie, jaarinkomen, netto, dag):
    leefvorm = "GEHUWDEN" if leefsituatie.startswith("GEHUWDEN") else leefsituatie
    h = werkend(
        leefvorm=leefvorm, leefsituatie=leefsituatie, belastbaar_jaarinkomen=jaarinkomen, netto_maandinkomen=netto
    )
    inv = boete_invoer(
        huishouden=h, begindatum=dag.replace(day=1), einddatum=dag, beschikkingsdatum=dag, benadelingsbedrag=D("9000")
    )
    berekend = bereken_boete(inv, REGELS, Uitleg())
    gegeven = bereken_boete(
        replace(
            inv,
            huishouden=replace(h, leefsituatie=None, belastbaar_jaarinkomen=None, beslagvrije_voet=voet_van(h, dag)),
        ),
        REGELS,
        Uitleg(),
    )
    assert (berekend.uitkomst, berekend.boete, berekend.draagkracht) == (
        gegeven.uitkomst,
        gegeven.boete,
        gegeven.draagkracht,
    )


def test_alternatieven_rekenen_met_dezelfde_voet(monkeypatch):
    """De voet wordt één keer berekend: de tien alternatieven rekenen met die van de uitkomst, niet opnieuw."""
    inv = boete_invoer(huishouden=werkend())
    u = bereken_boete(inv, REGELS, Uitleg())
    aanroepen = []
    echt = huishouden_module.bereken_beslagvrije_voet
    monkeypatch.setattr(
        huishouden_module, "bereken_beslagvrije_voet", lambda *a, **k: aanroepen.append(a) or echt(*a, **k)
    )
    uit = alternatieven(inv, REGELS, u)
    assert aanroepen == [] and len(uit) == 10
    met_voet = replace(inv, huishouden=u.huishouden)
    assert [a.boete for a in uit] == [
        a.boete for a in alternatieven(met_voet, REGELS, bereken_boete(met_voet, REGELS, Uitleg()))
    ]


@pytest.mark.parametrize(
    ("kw", "velden"),
    [
        (dict(leefsituatie=None, belastbaar_jaarinkomen=None), {"huishouden.beslagvrijeVoet"}),
        (dict(belastbaar_jaarinkomen=None), {"huishouden.belastbaarJaarinkomen"}),
        (dict(leefsituatie=None), {"huishouden.leefsituatie"}),
        (dict(netto_maandinkomen=None), {"huishouden.nettoMaandinkomen"}),
    ],
)
def test_boven_bijstandsniveau_voet_of_haar_gegevens_verplicht(kw, velden):
    with pytest.raises(Invoerfout) as fout:
        controleer_huishouden(werkend(**kw))
    assert {p.naam for p in fout.value.problemen} == velden


def test_onbekende_leefsituatie_als_veld_van_het_huishouden():
    with pytest.raises(Invoerfout) as fout:
        bereken_boete(boete_invoer(huishouden=werkend(leefsituatie="SAMENWONEND")), REGELS, Uitleg())
    assert [(p.naam, p.code) for p in fout.value.problemen] == [("huishouden.leefsituatie", "onbekend")]


def test_voor_2021_niet_te_berekenen_dus_400_met_de_reden():
    """Het oude 475d (tot 2021) hangt af van feiten die de invoer niet kent: geen schatting, maar de vraag om de voet."""
    inv = boete_invoer(
        huishouden=werkend(),
        begindatum=date(2020, 1, 1),
        einddatum=date(2020, 6, 30),
        beschikkingsdatum=date(2020, 9, 1),
    )
    with pytest.raises(Invoerfout) as fout:
        bereken_boete(inv, REGELS, Uitleg())
    [probleem] = fout.value.problemen
    assert (probleem.naam, probleem.code) == ("huishouden.beslagvrijeVoet", "niet_te_berekenen")
    assert "475d" in probleem.reden


def test_schuldregeling_aflostempo_met_berekende_voet():
    h = werkend()
    vorderingen = (GenoemdeVordering("a", Vordering("TERUGVORDERING_OVERIG", D("5000.00"))),)
    u = toets_schuldregeling(vorderingen, h, 36, BESCHIKKING, REGELS.op(BESCHIKKING), looptijd_herkomst="VERZOEK")
    gegeven = toets_schuldregeling(
        vorderingen,
        replace(h, beslagvrije_voet=voet_van(h, BESCHIKKING)),
        36,
        BESCHIKKING,
        REGELS.op(BESCHIKKING),
        looptijd_herkomst="VERZOEK",
    )
    assert u.per_maand == gegeven.per_maand == D("2400.00") - voet_van(h, BESCHIKKING)
    assert u.maanden_nodig == gegeven.maanden_nodig


def test_onzekere_waarden_van_de_voet_in_een_signaal():
    u = bereken_boete(boete_invoer(huishouden=werkend()), REGELS, Uitleg())
    voet = bereken_beslagvrije_voet(
        BeslagvrijeVoetInvoer(BESCHIKKING, "ALLEENSTAANDE", D("32000.00"), D("2400.00")),
        REGELS.op(BESCHIKKING),
        Uitleg(),
    )
    assert voet.onzeker  # de afgeleide waarden van 2026 (zie app/regels/beslagvrijevoet.yaml)
    [signaal] = [s for s in u.signalen if "beslagvrije voet" in s]
    assert all(pid in signaal for pid in voet.onzeker)
    assert not any(s.startswith("Onzekere regelwaarde gebruikt") and "bvv." in s for s in u.signalen)
