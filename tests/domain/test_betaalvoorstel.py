"""Issue #19: het antwoord op een betaalvoorstel. Elke route en reden met één vordering, vóór en na de dag waarop de
regel in werking trad (Pw 60c: 2013-01-01, 2016-01-01, 2021-12-21; Pw 18a lid 13: 2017-01-01; Awb 4:94a: 2021-04-01;
de NVVK-looptijd van 18 maanden: 2023-07-01; de antwoordtermijn van het Schuldenknooppunt: 2023-01-01)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.betaalvoorstel import (
    AKKOORD,
    BEOORDELING_VEREIST,
    NIET_AKKOORD,
    Betaalvoorstel,
    VoorstelVordering,
    beoordeel_betaalvoorstel,
    werkdagen_later,
)
from app.domain.fouten import Invoerfout
from app.domain.kwijtschelding import Vordering
from tests.domain.conftest import D

ONTVANGEN = date(2026, 12, 3)  # een donderdag


def fraude(graad="OPZET", boete=True, aangifte=False, bedrag="6000.00"):
    return Vordering(
        "TERUGVORDERING_FRAUDE",
        D(bedrag),
        opgelegd_op=date(2012, 6, 1),
        verwijtbaarheid=graad,
        boete_opgelegd=boete,
        aangifte_gedaan=aangifte,
    )


def boete(graad="NORMAAL", opgelegd=date(2024, 5, 1), bedrag="840.84"):
    return Vordering("BOETE", D(bedrag), opgelegd_op=opgelegd, verwijtbaarheid=graad)


OVERIG = Vordering("TERUGVORDERING_OVERIG", D("500.00"), opgelegd_op=date(2012, 6, 1))


def met_beleid(regels, **keuzes):
    """De landelijke regels met een gemeentebeleid voor het betaalvoorstel (en eventueel de looptijd)."""
    beleid = dict(regels.beleid)
    looptijd = keuzes.pop("looptijd", None)
    beleid["betaalvoorstel"] = {**regels.beleid["betaalvoorstel"], **keuzes}
    if looptijd is not None:
        beleid["looptijdSchuldregelingMaanden"] = looptijd
    return regels.met_beleid(beleid, None)


def antwoord(regels, vordering, *, op=ONTVANGEN, type_="SB", percentage="20", looptijd=36, herhalingen=(), **kw):
    voorstel = Betaalvoorstel(type_, D(percentage), looptijd, op, kw.pop("preferent_percentage", None))
    vv = VoorstelVordering("V1", vordering, herhalingen=herhalingen, **kw)
    return beoordeel_betaalvoorstel(voorstel, (vv,), regels.op(op))


def eerste(regels, vordering, **kw):
    a = antwoord(regels, vordering, **kw)
    return a.vorderingen[0], a


# --- Pw 60c -------------------------------------------------------------------------------------------------------


def test_60c_opzet_met_boete_niet_akkoord_tenzij_volledig(regels):
    r, a = eerste(regels, fraude())
    assert r.antwoord == NIET_AKKOORD
    assert [x.artikel for x in r.bron] == ["60c", "60"]  # Pw 60c, en Pw 60 lid 7: bevoorrecht
    assert r.aangeboden == D("1200.00") and r.kwijt_te_schelden == D("4800.00")
    assert any("volledig (100%)" in z for z in r.redenen)
    assert a.geen_medewerking is None
    r, _ = eerste(regels, fraude(), percentage="100")
    assert r.antwoord == AKKOORD and r.kwijt_te_schelden == D("0.00")


def test_60c_aangifte_zonder_boete_telt_ook(regels):
    r, _ = eerste(regels, fraude(boete=False, aangifte=True, graad="GROVE_SCHULD"))
    assert r.antwoord == NIET_AKKOORD
    assert any("aangifte" in z for z in r.redenen)


def test_60c_zonder_boete_of_aangifte_laat_ruimte(regels):
    r, _ = eerste(regels, fraude(boete=False))
    assert r.antwoord == BEOORDELING_VEREIST
    assert any("Pw 58 lid 8" in z for z in r.redenen)


@pytest.mark.parametrize(
    ("op", "verwacht"),
    [(date(2021, 12, 20), NIET_AKKOORD), (date(2021, 12, 21), BEOORDELING_VEREIST)],
)
def test_60c_vraagt_opzet_of_grove_schuld_sinds_2021_12_21(regels, op, verwacht):
    """Tot en met 2021-12-20 gold het verbod bij elke schending met een boete; sindsdien alleen bij opzet of grove
    schuld (Verzamelwet SZW 2022)."""
    r, _ = eerste(regels, fraude(graad="NORMAAL"), op=op)
    assert r.antwoord == verwacht


@pytest.mark.parametrize(
    ("op", "antwoord_", "geen_medewerking"),
    [(date(2015, 12, 31), NIET_AKKOORD, True), (date(2016, 1, 1), AKKOORD, False)],
)
def test_60c_tot_2016_ook_geen_medewerking_bij_volledige_betaling(regels, op, antwoord_, geen_medewerking):
    r, a = eerste(regels, fraude(graad="NORMAAL"), op=op, percentage="100")
    assert r.antwoord == antwoord_
    assert (a.geen_medewerking is not None) is geen_medewerking
    if geen_medewerking:
        assert "Geen medewerking" in " ".join(a.signalen)
        assert any(s.regel == "betaalvoorstel.geenMedewerking" for s in a.stappen)


def test_60c_heette_in_2014_wet_werk_en_bijstand(regels):
    r, a = eerste(regels, fraude(graad="NORMAAL"), op=date(2014, 6, 2))
    assert r.antwoord == NIET_AKKOORD
    stap = next(s for s in a.stappen if s.regel == "betaalvoorstel.niet_akkoord")
    assert {x.wet for x in stap.bron} == {"Wet werk en bijstand"}


# --- Pw 18a lid 13 en 14: de boete ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "verwacht"), [(date(2016, 12, 31), NIET_AKKOORD), (date(2017, 1, 1), BEOORDELING_VEREIST)]
)
def test_boete_kwijtschelden_kan_sinds_2017(regels, op, verwacht):
    r, _ = eerste(regels, boete(opgelegd=date(2015, 6, 1)), op=op)
    assert r.antwoord == verwacht
    if verwacht == NIET_AKKOORD:
        assert any("bestond op 2016-12-31 nog niet" in z for z in r.redenen)


def test_boete_zonder_opzet_volgt_het_beleid(regels):
    r, a = eerste(regels, boete())
    assert r.antwoord == BEOORDELING_VEREIST
    assert r.beleid == (("betaalvoorstel", None),)
    assert any(s.regel == "betaalvoorstel.dwangakkoord" for s in a.stappen)
    r, a = eerste(met_beleid(regels, boeteZonderOpzet="AKKOORD"), boete())
    assert r.antwoord == AKKOORD
    assert not r.preferent  # een boete is geen terugvordering van bijstand (Pw 60 lid 7)
    assert any("lid 14" in s for s in a.signalen)
    assert not any(s.regel == "betaalvoorstel.dwangakkoord" for s in a.stappen)


@pytest.mark.parametrize("graad", ["OPZET", "GROVE_SCHULD"])
def test_boete_met_opzet_of_grove_schuld_niet_akkoord(regels, graad):
    r, _ = eerste(met_beleid(regels, boeteZonderOpzet="AKKOORD"), boete(graad=graad))
    assert r.antwoord == NIET_AKKOORD
    assert [(x.artikel, x.lid) for x in r.bron] == [("18a", "13")]


def test_boete_herhaling_binnen_een_jaar_niet_akkoord(regels):
    r, _ = eerste(
        met_beleid(regels, boeteZonderOpzet="AKKOORD"), boete(), herhalingen=(date(2025, 4, 30), date(2026, 1, 1))
    )
    assert r.antwoord == NIET_AKKOORD
    assert any("2025-04-30" in z for z in r.redenen)
    r, _ = eerste(met_beleid(regels, boeteZonderOpzet="AKKOORD"), boete(), herhalingen=(date(2025, 5, 1),))
    assert r.antwoord == AKKOORD  # een jaar na de oplegging op 2024-05-01 is de termijn voorbij


@pytest.mark.parametrize(("opgelegd", "verwacht"), [(date(2025, 12, 4), NIET_AKKOORD), (date(2025, 12, 3), AKKOORD)])
def test_boete_het_jaar_na_de_oplegging_moet_voorbij_zijn(regels, opgelegd, verwacht):
    r, _ = eerste(met_beleid(regels, boeteZonderOpzet="AKKOORD"), boete(opgelegd=opgelegd))
    assert r.antwoord == verwacht


def test_boete_volledig_betaald_is_altijd_akkoord(regels):
    r, _ = eerste(regels, boete(graad="OPZET"), percentage="100")
    assert r.antwoord == AKKOORD


# --- Pw 58 lid 7 onderdeel d en lid 8: de fraudevordering zonder verbod --------------------------------------------------


@pytest.mark.parametrize(("percentage", "verwacht"), [("49.99", BEOORDELING_VEREIST), ("50", AKKOORD)])
def test_saneringskrediet_van_de_helft_geeft_58_lid_7_d(regels, percentage, verwacht):
    r, _ = eerste(
        met_beleid(regels, terugvorderingZonderVerbod="AKKOORD"),
        fraude(graad="NORMAAL"),
        type_="SK",
        percentage=percentage,
    )
    assert r.antwoord == verwacht
    if verwacht == AKKOORD:
        assert ("58", "7", "d") in [(x.artikel, x.lid, x.onderdeel) for x in r.bron]
    else:
        assert any("Pw 58 lid 8" in z for z in r.redenen)


@pytest.mark.parametrize("type_", ["SB", "SA"])
def test_termijnen_geven_geen_58_lid_7_d(regels, type_):
    r, _ = eerste(met_beleid(regels, terugvorderingZonderVerbod="AKKOORD"), fraude(graad="NORMAAL"), type_=type_)
    assert r.antwoord == BEOORDELING_VEREIST
    assert any("in termijnen" in z for z in r.redenen)


@pytest.mark.parametrize(("op", "noemt_4_94a"), [(date(2021, 3, 31), False), (date(2021, 4, 1), True)])
def test_4_94a_bij_een_fraudevordering_omstreden_sinds_2021_04_01(regels, op, noemt_4_94a):
    r, _ = eerste(regels, fraude(graad="NORMAAL", boete=False), op=op)
    assert r.antwoord == BEOORDELING_VEREIST
    assert ("4:94a" in [x.artikel for x in r.bron]) is noemt_4_94a
    assert any("omstreden" in z for z in r.redenen) is noemt_4_94a


# --- Pw 58 lid 2: een andere terugvordering -------------------------------------------------------------------------


def test_andere_terugvordering_volgt_het_beleid(regels):
    r, _ = eerste(regels, OVERIG)
    assert r.antwoord == BEOORDELING_VEREIST
    r, _ = eerste(met_beleid(regels, overigeTerugvordering="AKKOORD"), OVERIG)
    assert r.antwoord == AKKOORD
    assert r.preferent


# --- de looptijd ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "korter", "verwacht"),
    [
        (date(2023, 6, 30), True, BEOORDELING_VEREIST),  # de NVVK adviseerde toen 36 maanden
        (date(2023, 7, 1), True, AKKOORD),  # sindsdien 18
        (date(2023, 7, 1), False, BEOORDELING_VEREIST),  # het beleid aanvaardt geen kortere looptijd
    ],
)
def test_kortere_looptijd_van_18_maanden(regels, op, korter, verwacht):
    beleid = met_beleid(regels, overigeTerugvordering="AKKOORD", kortereLooptijdAanvaarden=korter)
    r, a = eerste(beleid, OVERIG, op=op, looptijd=18)
    assert r.antwoord == verwacht
    assert a.looptijd.aanvaardbaar is (verwacht == AKKOORD)
    assert a.looptijd.beleid == 36


def test_een_korte_looptijd_raakt_volledige_betaling_niet(regels):
    r, a = eerste(regels, fraude(), percentage="100", looptijd=6)
    assert r.antwoord == AKKOORD and not a.looptijd.aanvaardbaar


def test_looptijd_van_het_gemeentebeleid(regels):
    r, a = eerste(met_beleid(regels, overigeTerugvordering="AKKOORD", looptijd=18), OVERIG, looptijd=18)
    assert r.antwoord == AKKOORD and a.looptijd.beleid == 18


# --- voorrang, saldo, termijn ---------------------------------------------------------------------------------------


def test_preferente_vorderingen_en_hun_percentage(regels):
    voorstel = Betaalvoorstel("SB", D("10"), 36, ONTVANGEN, preferent_percentage=D("25"))
    vorderingen = (
        VoorstelVordering("T", fraude(graad="NORMAAL", boete=False, bedrag="1000.00"), date(2024, 1, 15)),
        VoorstelVordering("B", boete(), date(2024, 5, 1)),
    )
    a = beoordeel_betaalvoorstel(voorstel, vorderingen, regels.op(ONTVANGEN))
    t, b_ = a.vorderingen
    assert (t.preferent, t.aangeboden) == (True, D("250.00"))
    assert (b_.preferent, b_.aangeboden) == (False, D("84.08"))  # 10% van 840,84, naar beneden op centen
    assert a.totaal_preferent == D("1000.00")
    assert a.totaal_openstaand == D("1840.84") and a.totaal_aangeboden == D("334.08")
    assert t.saldo.ontstaansdatum == date(2024, 1, 15) and t.saldo.schuldtype == "OPENSTAAND"


def test_saldo_noemt_openstaand_en_origineel(regels):
    v = Vordering("TERUGVORDERING_OVERIG", D("8000.00"), restant=D("6000.00"))
    r, _ = eerste(regels, v)
    assert (r.saldo.openstaand, r.saldo.origineel) == (D("6000.00"), D("8000.00"))
    assert r.aangeboden == D("1200.00")


@pytest.mark.parametrize(
    ("ontvangen", "uiterlijk"),
    [
        (date(2026, 12, 3), date(2026, 12, 17)),  # donderdag
        (date(2026, 12, 4), date(2026, 12, 18)),  # vrijdag
        (date(2026, 12, 5), date(2026, 12, 18)),  # zaterdag: de telling begint maandag
    ],
)
def test_binnen_tien_werkdagen(regels, ontvangen, uiterlijk):
    assert antwoord(regels, OVERIG, op=ontvangen).antwoord_uiterlijk == uiterlijk


def test_geen_termijn_voor_release_2_0(regels):
    assert antwoord(regels, OVERIG, op=date(2022, 12, 30)).antwoord_uiterlijk is None
    assert antwoord(regels, OVERIG, op=date(2023, 1, 2)).antwoord_uiterlijk == date(2023, 1, 16)


def test_de_uitleg_citeert_per_stap(regels):
    a = antwoord(regels, fraude())
    regels_ = [s.regel for s in a.stappen]
    assert regels_[:3] == ["betaalvoorstel.voorstel", "betaalvoorstel.looptijd", "betaalvoorstel.niet_akkoord"]
    assert "betaalvoorstel.antwoordtermijn" in regels_
    assert all(s.bron for s in a.stappen if s.regel != "betaalvoorstel.voorstel")


# --- invoer -----------------------------------------------------------------------------------------------------------


def test_alle_invoerfouten_samen(regels):
    voorstel = Betaalvoorstel("BR", D("101"), -1, ONTVANGEN, preferent_percentage=D("-1"))
    vorderingen = (
        VoorstelVordering("A", Vordering("BOETE", D("100.00"), verwijtbaarheid="NORMAAL")),
        VoorstelVordering(
            "A",
            fraude(),
            ontstaansdatum=date(2027, 1, 1),
            schuldtype="BETWIST",
            herhalingen=(date(2027, 1, 1),),
        ),
    )
    with pytest.raises(Invoerfout) as fout:
        beoordeel_betaalvoorstel(voorstel, vorderingen, regels.op(ONTVANGEN))
    namen = {p.naam for p in fout.value.problemen}
    assert namen == {
        "betaalvoorstel.typeSchuldregeling",
        "betaalvoorstel.aangebodenPercentage",
        "betaalvoorstel.preferentPercentage",
        "betaalvoorstel.looptijdMaanden",
        "vorderingen.0.opgelegdOp",
        "vorderingen.1.id",
        "vorderingen.1.ontstaansdatum",
        "vorderingen.1.schuldtype",
        "vorderingen.1.herhalingen.0",
    }


def test_zonder_vorderingen(regels):
    with pytest.raises(Invoerfout) as fout:
        beoordeel_betaalvoorstel(Betaalvoorstel("SB", D("20"), 36, ONTVANGEN), (), regels.op(ONTVANGEN))
    assert [p.naam for p in fout.value.problemen] == ["vorderingen"]


def test_werkdagen_later():
    assert werkdagen_later(date(2026, 12, 31), 1) == date(2027, 1, 1)  # feestdagen telt Maatstaf niet
    assert werkdagen_later(date(2026, 12, 4), 0) == date(2026, 12, 4)


# --- eigenschappen ----------------------------------------------------------------------------------------------------

SOORTEN = st.sampled_from(
    [
        fraude(),
        fraude(graad="NORMAAL"),
        fraude(graad="NORMAAL", boete=False),
        boete(opgelegd=date(2012, 6, 1)),
        boete(graad="OPZET", opgelegd=date(2012, 6, 1)),
        OVERIG,
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    vordering=SOORTEN,
    percentage=st.decimals(min_value=0, max_value=100, places=2),
    type_=st.sampled_from(["SK", "SB", "SA"]),
    looptijd=st.integers(min_value=0, max_value=120),
    op=st.dates(min_value=date(2013, 1, 1), max_value=date(2026, 12, 31)),
    ruim=st.booleans(),
)
def test_eigenschappen(regels, vordering, percentage, type_, looptijd, op, ruim):
    """Aangeboden en kwijt te schelden tellen op tot het openstaande bedrag; een volledig betaalde vordering is
    akkoord, behalve onder de tekst van Pw 60c tot 2016; zonder ruim beleid zegt Maatstaf nooit zelf akkoord op een
    kwijtschelding; meer bieden maakt een antwoord nooit slechter."""
    data = met_beleid(
        regels,
        **(
            {k: "AKKOORD" for k in ("boeteZonderOpzet", "terugvorderingZonderVerbod", "overigeTerugvordering")}
            | {"kortereLooptijdAanvaarden": True}
            if ruim
            else {}
        ),
    )
    r, a = eerste(data, vordering, op=op, type_=type_, percentage=str(percentage), looptijd=looptijd)
    assert r.aangeboden + r.kwijt_te_schelden == r.saldo.openstaand
    assert Decimal(0) <= r.aangeboden <= r.saldo.openstaand
    if r.kwijt_te_schelden == 0:
        assert r.antwoord == AKKOORD or a.geen_medewerking is not None
    elif not ruim:
        assert r.antwoord != AKKOORD
    rang = {NIET_AKKOORD: 0, BEOORDELING_VEREIST: 1, AKKOORD: 2}
    hoger, _ = eerste(data, vordering, op=op, type_=type_, percentage="100", looptijd=looptijd)
    assert rang[hoger.antwoord] >= rang[r.antwoord]
