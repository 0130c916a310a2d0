"""Elke waarde en elke regel uit haar primaire bron (issue #17): de twaalf punten, elk met de bron in de test.

Bedragen zijn met de hand nagerekend volgens SPEC §1.2 (draagkracht per maand naar beneden op centen, dan maal de
maanden; vóór 2017 naar boven afgerond op EUR 10, Boetebesluit art. 2 lid 2 oud).
"""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.benadeling import Periode, bereken_benadeling
from app.domain.boete import BezwaarOfBeroep, Sanctie, bereken_boete
from app.domain.bronnen import WWB
from app.domain.fouten import Invoerfout
from app.domain.huishouden import Huishouden
from app.domain.kwijtschelding import (
    AWB_4_94A,
    BEOORDELING_VEREIST,
    KwijtscheldingInvoer,
    Vordering,
    beoordeel_kwijtschelding,
)
from app.domain.uitleg import Uitleg
from app.domain.verwijtbaarheid import Grond, VerwijtbaarheidInvoer, beoordeel
from app.regels import bronregel, standaard
from tests.domain.conftest import D, boete_invoer, graad

REGELS = standaard()
RIJK = Huishouden(leefvorm="ALLEENSTAANDE", vermogen_boven_grens=D("500000.00"))  # draagkracht bindt niet


def _boete(beschikking: date, begin: date, eind: date, **kw):
    return bereken_boete(boete_invoer(beschikkingsdatum=beschikking, begindatum=begin, einddatum=eind, **kw), REGELS)


# 1. Alleenstaande ouder onder de WWB (2013-2014): norm plus de toeslag van art. 25 WWB


def test_2014_opzetboete_alleenstaande_ouder_met_de_maximale_toeslag():
    """WWB art. 5 onder c (bijstandsnorm = norm + toeslag), art. 21 onder b (alleenstaande ouder EUR 951,64 per
    2014-07-01) en art. 25 lid 2 (toeslag ten hoogste EUR 271,90; allewetten.nl en een gemeentelijk normoverzicht met
    Stcrt. 2014, 18130): 951,64 + 271,90 = 1.223,54. 24 x 10% = 122,35 x 24 = 2.936,40, naar boven op EUR 10: 2.940."""
    u = _boete(
        date(2014, 9, 1),
        date(2014, 1, 1),
        date(2014, 5, 31),
        verwijtbaarheid=graad("OPZET"),
        huishouden=Huishouden(leefvorm="ALLEENSTAANDE_OUDER"),
    )
    assert (u.draagkracht.per_maand, u.draagkracht.maximum, u.boete) == (D("122.35"), D("2936.40"), D("2940.00"))
    norm = next(s for s in u.stappen if s.regel == "huishouden.norm")
    assert norm.uitkomst == {"norm": "1223.54", "wwbNorm": "951.64", "toeslag": "271.90", "toeslagAangenomen": True}
    assert any("maximale toeslag" in s and "toepasselijkeNorm" in s for s in u.signalen)


def test_alleenstaande_onder_de_wwb_is_50_procent_plus_toeslag_niet_het_bedrag_van_de_alleenstaande_ouder():
    """Per 2014-07-01: alleenstaande EUR 679,75 + toeslag EUR 271,90 = EUR 951,65 (niet de EUR 951,64 van de
    alleenstaande ouder zonder toeslag, die Maatstaf tot 2026-12 gebruikte)."""
    u = _boete(date(2014, 9, 1), date(2014, 1, 1), date(2014, 5, 31))
    assert next(s for s in u.stappen if s.regel == "huishouden.norm").uitkomst["norm"] == "951.65"


def test_met_toepasselijke_norm_geen_aanname_over_de_toeslag():
    u = _boete(
        date(2014, 9, 1),
        date(2014, 1, 1),
        date(2014, 5, 31),
        huishouden=Huishouden(toepasselijke_norm=D("1100.00")),
    )
    assert not [s for s in u.signalen if "maximale toeslag" in s]


def test_2014_12_31_wwb_en_2015_01_01_participatiewet():
    """Pw art. 21 onder a per 2015-01-01: EUR 960,83 voor alleenstaande en alleenstaande ouder (Stcrt. 2015, 17277);
    de toeslag van art. 25 WWB verviel. De citeertitel (art. 86): tot 2015 'Wet werk en bijstand'."""
    kw = dict(huishouden=Huishouden(leefvorm="ALLEENSTAANDE_OUDER"))
    oud = _boete(date(2014, 12, 31), date(2014, 1, 1), date(2014, 5, 31), **kw)
    nieuw = _boete(date(2015, 1, 1), date(2014, 1, 1), date(2014, 5, 31), **kw)
    assert next(s for s in oud.stappen if s.regel == "huishouden.norm").uitkomst["norm"] == "1223.54"
    assert next(s for s in nieuw.stappen if s.regel == "huishouden.norm").uitkomst["norm"] == "960.83"
    assert any(b.wet == WWB for s in oud.stappen for b in s.bron)
    assert not any(b.wet == WWB for s in nieuw.stappen for b in s.bron if b.artikel == "18a")


# 2. Het minimum van EUR 150 (zie ook tests/domain/test_grensdatums.py voor 2014-12-15 en 2014-12-16)


def test_2015_boete_bij_klein_benadelingsbedrag_zonder_minimum():
    """Boetebesluit art. 2 lid 1 (tekst 2015-01-01) noemt 'ten minste EUR 150', maar sinds de Kamerbrief van
    16-12-2014 werd het minimum niet toegepast (bevestigd: Joop/BNNVARA; Stimulansz en RCF, handreiking maart 2015).
    Benadeling 120, normaal: 50% = 60, naar boven op EUR 10 (Boetebesluit art. 2 lid 2 oud): 60."""
    u = _boete(
        date(2015, 6, 1),
        date(2015, 1, 1),
        date(2015, 2, 28),
        benadelingsbedrag=D("120.00"),
        waarschuwing_indien_mogelijk=False,
    )
    assert (u.uitkomst, u.boete, u.bepalende_begrenzing) == ("BOETE", D("60.00"), "PERCENTAGE")


# 3. De geldboetecategorieën van art. 23 lid 4 Sr


@pytest.mark.parametrize(
    ("jaar", "categorie3", "onzeker"),
    [
        (2020, "8700.00", True),  # geen primaire tekst gevonden: onzeker, met signaal
        (2022, "9000.00", False),  # wetten.overheid.nl/BWBR0001854/2023-01-01#Artikel23, noot 'Per 1 januari 2022'
        (2024, "10300.00", True),  # geen primaire tekst gevonden: onzeker, met signaal
        (2026, "11000.00", False),  # wetten.overheid.nl/BWBR0001854/2026-01-01#Artikel23, noot 'Per 1 januari 2026'
    ],
)
def test_boete_begrensd_op_de_derde_categorie(jaar, categorie3, onzeker):
    """Grove schuld, geen opzet: ten hoogste de derde categorie (Pw 18a lid 1)."""
    u = _boete(
        date(jaar, 9, 1),
        date(jaar, 1, 1),
        date(jaar, 6, 30),
        benadelingsbedrag=D("50000.00"),
        verwijtbaarheid=graad("GROVE_SCHULD"),
        huishouden=RIJK,
    )
    assert (u.boete, u.bepalende_begrenzing) == (D(categorie3), "WETTELIJK_MAXIMUM")
    assert any("wvsr.categorie.3" in s and "Onzekere" in s for s in u.signalen) is onzeker


def test_2025_12_31_en_2026_01_01_derde_categorie():
    kw = dict(benadelingsbedrag=D("50000.00"), verwijtbaarheid=graad("GROVE_SCHULD"), huishouden=RIJK)
    assert _boete(date(2025, 12, 31), date(2025, 1, 1), date(2025, 6, 30), **kw).boete == D("10300.00")
    assert _boete(date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1), **kw).boete == D("11000.00")


def test_2026_boetebesluit_lid_7_met_de_derde_categorie_van_2026():
    """Boetebesluit art. 2 lid 7: benadeling 20.000 > 100/75 x 11.000 = 14.666,67, dus 50/75 x 11.000 = 7.333,33."""
    u = _boete(date(2026, 9, 1), date(2026, 1, 1), date(2026, 6, 30), benadelingsbedrag=D("20000.00"), huishouden=RIJK)
    assert (u.boete, u.bepalende_begrenzing) == (D("7333.33"), "BOETEBESLUIT_2_LID_7")


# 4. De draagkracht van 5% vanaf 2020-08-04 (bevestigd) en de bronnen in de uitleg


def test_2020_08_04_draagkracht_bevestigd_in_de_uitleg_niet_als_waarschuwing():
    """CRvB 4-8-2020 (Gilze en Rijen): beslagvrije voet 95% 'vanaf de datum van deze uitspraak'; ECLI niet gevonden,
    bevestigd door FutD, Gemeente.nu, Recht.nl en Accountancy van Morgen."""
    ervoor = _boete(date(2020, 8, 3), date(2019, 1, 1), date(2019, 6, 30))
    op = _boete(date(2020, 8, 4), date(2019, 1, 1), date(2019, 6, 30))
    assert (ervoor.draagkracht.per_maand, op.draagkracht.per_maand) == (D("105.90"), D("52.95"))
    assert not any("draagkracht.percentageVanNorm" in s for s in op.signalen)
    bevestigd = next(s for s in op.stappen if s.regel == "regels.bevestigd")
    assert "draagkracht.percentageVanNorm" in bevestigd.invoer["parameters"]
    assert {r["uitgever"] for r in bevestigd.uitkomst["rapporten"]} >= {"FutD", "Gemeente.nu", "Recht.nl"}


def test_geen_waarde_in_werking_vanaf_2020_08_04_is_onzeker_behalve_de_bekende():
    """Wat na dit issue nog onzeker is, staat in de README (Bronnen); deze test houdt die lijst eerlijk. De beslagvrije
    voet (bvv.*) heeft haar eigen lijst: tests/domain/test_beslagvrije_voet.py."""
    in_werking = [
        (pid, versie)
        for pid, versie in bronregel.onzeker_in_werking(REGELS, date(2020, 8, 4), date(2026, 12, 31))
        if not pid.startswith("bvv.")
    ]
    assert {pid for pid, _ in in_werking} == {"wvsr.categorie.3", "wvsr.categorie.5", "wvsr.categorie.2"}
    for pid, versie in in_werking:
        assert versie.geldig_vanaf in (date(2020, 1, 1), date(2024, 1, 1)), (pid, versie.geldig_vanaf)


def test_de_ingebouwde_regeldata_voldoet_aan_de_bronregel():
    assert bronregel.controleer(REGELS) == []


# 5. Awb 4:94a bij een fraudevordering buiten een schuldregeling: omstreden


def test_4_94a_fraudevordering_omstreden_met_bron():
    """Schulinck, 'Een nieuwe kwijtscheldingsbevoegdheid in de Awb': 4:94a kan bij vorderingen wegens schending van de
    inlichtingenplicht niet worden toegepast ('tenzij bij wettelijk voorschrift anders is bepaald')."""
    inv = KwijtscheldingInvoer(
        Vordering("TERUGVORDERING_FRAUDE", D("3000.00"), opgelegd_op=date(2024, 1, 1), verwijtbaarheid="NORMAAL"),
        date(2026, 3, 2),
        onevenredige_gevolgen="Invordering maakt het onmogelijk de huur te betalen; uithuiszetting dreigt.",
    )
    u = beoordeel_kwijtschelding(inv, REGELS.op(date(2026, 3, 2)))
    route = next(r for r in u.routes if r.route == AWB_4_94A)
    assert route.uitkomst == BEOORDELING_VEREIST
    assert any("omstreden" in r for r in route.redenen)
    assert any(b.wet == "Schulinck (opinie)" for b in route.bron)
    assert any("omstreden" in s for s in u.signalen)


# 6. Pw 60b (tekst tot 2017): een recidiveboete zonder beslagvrije voet verrekenen


def test_60b_recidiveboete_2015_in_de_verrekening_en_niet_meer_in_2017():
    """Pw 60b lid 1 (teksten 2013-01-01 en 2016-12-08): de recidiveboete kan 'gedurende een tijdvak van ten hoogste drie
    maanden' in afwijking van Awb 4:93 lid 4 worden verrekend. Norm alleenstaande 2015-07-01: 962,63. Boete: 24 x
    96,26 = 2.310,24, naar boven 2.320: in drie maanden van ten hoogste 962,63 is dat betaald (3 maanden)."""
    kw = dict(
        verwijtbaarheid=graad("OPZET"),
        eerdere_sancties=(Sanctie("BOETE", date(2012, 1, 1)),),
    )
    u = _boete(date(2015, 9, 1), date(2015, 1, 1), date(2015, 6, 30), **kw)
    assert (u.recidive, u.boete) == (True, D("2320.00"))
    z = u.verrekening.zonder_voet
    assert (z.maanden, z.per_maand_ten_hoogste, z.maanden_boete) == (3, D("962.63"), 3)
    assert any(s.regel == "verrekening.zonderBeslagvrijeVoet" for s in u.stappen)
    na = _boete(date(2017, 1, 1), date(2015, 1, 1), date(2015, 6, 30), **kw)
    assert na.verrekening.zonder_voet is None


# 7 en 8. Bruto terugvordering: de jaargrens en verrekening binnen een jaar


def test_periode_met_loonheffing_over_de_jaargrens_geeft_400():
    """November, december en januari: per maand ingevoerd telt de loonheffing van november en december (eerder jaar)
    mee; december-januari als één periode is dubbelzinnig (Pw 58 lid 5 hangt af van het jaar van betaling)."""
    per_maand = [
        Periode(date(2025, 11, 1), date(2025, 11, 30), D("500.00"), D("0.00"), D("60.00")),
        Periode(date(2025, 12, 1), date(2025, 12, 31), D("500.00"), D("0.00"), D("60.00")),
        Periode(date(2026, 1, 1), date(2026, 1, 31), D("500.00"), D("0.00"), D("60.00")),
    ]
    assert bereken_benadeling(per_maand, date(2026, 3, 2), True, Uitleg()).terugvordering_bruto == D("1620.00")
    samen = [per_maand[0], Periode(date(2025, 12, 1), date(2026, 1, 31), D("1000.00"), D("0.00"), D("120.00"))]
    with pytest.raises(Invoerfout) as fout:
        bereken_benadeling(samen, date(2026, 3, 2), True, Uitleg())
    assert [(p.naam, p.code) for p in fout.value.problemen] == [("perioden.1.tot", "jaargrens")]


def test_verrekend_jaar_loonheffing_naar_verhouding():
    """Een jaar met EUR 1.000 te veel (loonheffing EUR 300) en EUR 800 te weinig: netto EUR 200 te veel. Bruteren vanuit
    het juiste recht op bijstand (CRvB 9-5-2023, ECLI:NL:CRVB:2023:860): 300 x 200 / 1.000 = 60, bruto EUR 260."""
    perioden = [
        Periode(date(2025, 3, 1), date(2025, 3, 31), D("1000.00"), D("0.00"), D("300.00")),
        Periode(date(2025, 4, 1), date(2025, 4, 30), D("0.00"), D("800.00")),
    ]
    u = bereken_benadeling(perioden, date(2026, 3, 2), True, Uitleg())
    assert (u.benadelingsbedrag, u.terugvordering_bruto) == (D("200.00"), D("260.00"))


# 9. Boete zonder benadeling bij verminderde verwijtbaarheid, tot 2017


def test_2015_verminderde_boete_zonder_benadeling_is_beoordeling_vereist():
    """Boetebesluit art. 2 lid 3 (teksten 2014-03-12 en 2015-01-01): 'wordt de bestuurlijke boete vastgesteld op EUR 150.
    Bij verminderde verwijtbaarheid wordt de bestuurlijke boete verlaagd' -- hoeveel, zegt het niet."""
    u = _boete(
        date(2015, 6, 1),
        date(2015, 1, 1),
        date(2015, 2, 28),
        benadelingsbedrag=D("0.00"),
        verwijtbaarheid=graad("VERMINDERD"),
        waarschuwing_indien_mogelijk=False,
    )
    assert (u.uitkomst, u.boete) == ("BEOORDELING_VEREIST", D("0.00"))
    assert u.beoordeling_vereist.lager_dan == D("150.00")
    assert any(b.artikel == "2" and b.lid == "3" for b in u.beoordeling_vereist.bron)
    # vanaf 2017 is EUR 150 een uitgangspunt (art. 2 lid 11), ook bij verminderde verwijtbaarheid
    na = _boete(
        date(2017, 6, 1),
        date(2017, 1, 1),
        date(2017, 2, 28),
        benadelingsbedrag=D("0.00"),
        verwijtbaarheid=graad("VERMINDERD"),
        waarschuwing_indien_mogelijk=False,
    )  # noqa: E501
    assert (na.uitkomst, na.boete) == ("BOETE", D("150.00"))


# 10. Verminderingsgronden d en e pas vanaf 2017


def _grove_schuld_met_grond_d() -> VerwijtbaarheidInvoer:
    return VerwijtbaarheidInvoer(
        grove_schuld_bewijs=("drie brieven niet beantwoord",),
        verminderingsgronden=(Grond("MEDE_TE_WIJTEN_AAN_BESTUURSORGAAN", "De gemeente reageerde niet op signalen."),),
    )


def test_2015_grove_schuld_met_grond_d_blijft_grove_schuld_met_signaal():
    """Boetebesluit art. 2a lid 2 had tot 2017 alleen de onderdelen a-c (tekst 2013-01-01 t/m 2015-01-01); verlagen om
    een andere reden was een bevoegdheid (WWB/Pw 18a lid 7 onder a, tekst tot 2017; Awb 5:46 lid 2)."""
    uitleg = Uitleg()
    v = beoordeel(_grove_schuld_met_grond_d(), REGELS.op(date(2015, 6, 1)), uitleg)
    assert v.graad == "GROVE_SCHULD"
    assert any("onder d" in s and "afweging van het college" in s for s in uitleg.signalen)
    assert not any(b.artikel == "2a" for s in uitleg.stappen for b in s.bron)


def test_2016_12_31_grond_d_afweging_en_2017_01_01_in_ieder_geval_verminderd():
    assert beoordeel(_grove_schuld_met_grond_d(), REGELS.op(date(2016, 12, 31)), Uitleg()).graad == "GROVE_SCHULD"
    uitleg = Uitleg()
    assert beoordeel(_grove_schuld_met_grond_d(), REGELS.op(date(2017, 1, 1)), uitleg).graad == "VERMINDERD"
    assert any(b.artikel == "2a" and b.onderdeel == "d" for s in uitleg.stappen for b in s.bron)


# 11. Verval opgeschort tijdens bezwaar en beroep


def test_herberekening_in_bezwaar_na_vijf_jaar_vervalt_niet():
    """Awb 5:45 lid 3: 'Indien tegen de bestuurlijke boete bezwaar wordt gemaakt of beroep wordt ingesteld, wordt de
    vervaltermijn opgeschort tot onherroepelijk op het bezwaar of beroep is beslist.'"""
    kw = dict(benadelingsbedrag=D("2000.00"))
    zonder = _boete(date(2026, 3, 1), date(2020, 1, 1), date(2020, 12, 31), **kw)
    assert zonder.uitkomst == "GEEN_BOETE"  # 5 jaar na 2020-12-31 is 2025-12-31
    in_bezwaar = BezwaarOfBeroep(date(2021, 6, 1), date(2021, 7, 1))
    met = _boete(date(2026, 3, 1), date(2020, 1, 1), date(2020, 12, 31), bezwaar_of_beroep=in_bezwaar, **kw)
    assert met.uitkomst == "BOETE"
    verval = next(s for s in met.stappen if s.regel == "boete.verval")
    assert any(b.artikel == "5:45" and b.lid == "3" for b in verval.bron)
    te_laat = BezwaarOfBeroep(date(2026, 1, 5))
    assert _boete(date(2026, 3, 1), date(2020, 1, 1), date(2020, 12, 31), bezwaar_of_beroep=te_laat, **kw).uitkomst == (
        "GEEN_BOETE"
    )


# 12. Citaten per datum


def test_dringende_redenen_voor_2017_is_18a_lid_7_onder_b_van_de_wwb():
    """WWB 18a lid 7 (tekst 2013-01-01 t/m 2016-12-08): 'Het college kan: a. ... verlagen ...; b. afzien van het
    opleggen van een bestuurlijke boete indien daarvoor dringende redenen aanwezig zijn.'"""
    u = _boete(date(2014, 6, 2), date(2014, 1, 1), date(2014, 3, 31), dringende_redenen="Ernstige ziekte van een kind.")
    stap = next(s for s in u.stappen if s.regel == "boete.dringendeRedenen")
    assert [(b.wet, b.artikel, b.lid, b.onderdeel) for b in stap.bron] == [(WWB, "18a", "7", "b")]
    nu = _boete(
        date(2026, 2, 2), date(2025, 3, 1), date(2025, 10, 31), dringende_redenen="Ernstige ziekte van een kind."
    )
    stap = next(s for s in nu.stappen if s.regel == "boete.dringendeRedenen")
    assert [(b.wet, b.artikel, b.lid, b.onderdeel) for b in stap.bron] == [("Participatiewet", "18a", "7", None)]


def test_boete_zonder_benadeling_heeft_geen_recidive():
    """Pw 18a lid 5 gaat over een overtreding 'als gevolg waarvan ten onrechte of tot een te hoog bedrag aan bijstand is
    ontvangen'."""
    u = bereken_boete(
        boete_invoer(
            benadelingsbedrag=D("0.00"),
            eerdere_sancties=(Sanctie("BOETE", date(2023, 1, 1)),),
            waarschuwing_indien_mogelijk=False,
        ),
        REGELS,
    )
    assert (u.recidive, u.boete) == (False, D("150.00"))
