"""De uitgewerkte voorbeelden van SPEC §4.4 en law-research.md §9.2, met de afronding van SPEC §1.2.

Norm 2026 alleenstaande € 1.401,50 → draagkracht 5% = € 70,075 → € 70,07 per maand;
gehuwden € 2.002,13 → € 100,1065 → € 100,10 per maand. Derde categorie € 10.300 (onzeker, 2024).
"""

from __future__ import annotations

from datetime import date

from app.domain.boete import Sanctie, bereken_boete
from app.domain.huishouden import Huishouden
from tests.domain.conftest import D, boete_invoer, graad


def test_spec_4_4_normaal_8000_alleenstaande(regels):
    u = bereken_boete(boete_invoer(), regels)
    assert u.uitkomst == "BOETE"
    assert u.boete == D("840.84")
    assert u.boetepercentage == 50
    assert u.grondslag == D("8000.00")
    assert u.boete_voor_draagkracht == D("4000.00")
    assert (u.draagkracht.per_maand, u.draagkracht.maanden, u.draagkracht.maximum) == (D("70.07"), 12, D("840.84"))
    assert u.bepalende_begrenzing == "DRAAGKRACHT"
    assert u.waarschuwing_mogelijk is False
    assert u.recidive is False
    assert u.toegepaste_regels_datum == date(2026, 2, 2)
    assert (u.verrekening.per_maand, u.verrekening.maanden_boete, u.verrekening.maanden_terugvordering) == (
        D("70.07"),
        12,
        115,
    )
    regels_in_volgorde = [s.regel for s in u.stappen]
    assert regels_in_volgorde.index("boete.verval") < regels_in_volgorde.index("boete.waarschuwing")
    assert regels_in_volgorde.index("boete.percentage") < regels_in_volgorde.index("boete.draagkracht")
    percentage = next(s for s in u.stappen if s.regel == "boete.percentage")
    assert percentage.bron[0].als_dict() == {"wet": "Boetebesluit socialezekerheidswetten", "artikel": "2", "lid": "4"}


def test_e1_afronding_naar_boven_wordt_naar_beneden_boven_draagkracht(regels):
    # 840.84 → 850 zou boven het draagkrachtmaximum komen → 840 (SPEC §1.2)
    u = bereken_boete(boete_invoer(afronding="NAAR_BOVEN_OP_TIENTALLEN"), regels)
    assert u.boete == D("840.00")


def test_afronding_naar_boven_binnen_het_maximum(regels):
    # 50% van 1.234,56 = 617,28 → 620,00 (draagkracht 840,84 en maximum 1.234,56 niet overschreden)
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("1234.56"), afronding="NAAR_BOVEN_OP_TIENTALLEN"), regels)
    assert u.boete == D("620.00")
    assert u.bepalende_begrenzing == "PERCENTAGE"
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("1234.56")), regels)
    assert u.boete == D("617.28")


def test_e2_opzet_gehuwden_20000(regels):
    u = bereken_boete(
        boete_invoer(
            verwijtbaarheid=graad("OPZET"), huishouden=Huishouden(leefvorm="GEHUWDEN"), benadelingsbedrag=D("20000.00")
        ),
        regels,
    )
    assert u.boete_voor_draagkracht == D("20000.00")
    assert u.draagkracht.per_maand == D("100.10")
    assert u.draagkracht.maximum == D("2402.40")
    assert u.boete == D("2402.40")
    assert u.boetepercentage == 100


def test_e3_grove_schuld_30000_wettelijk_maximum_en_draagkracht(regels):
    u = bereken_boete(boete_invoer(verwijtbaarheid=graad("GROVE_SCHULD"), benadelingsbedrag=D("30000.00")), regels)
    assert u.boete_voor_draagkracht == D("10300.00")  # 75% = 22.500, derde categorie
    assert u.boete == D("1261.26")  # 18 x 70,07
    assert u.bepalende_begrenzing == "DRAAGKRACHT"


def test_e3_zonder_draagkrachtgrens_is_het_wettelijk_maximum_bepalend(regels):
    rijk = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("5000.00"), beslagvrije_voet=D("1500.00"))
    u = bereken_boete(
        boete_invoer(verwijtbaarheid=graad("GROVE_SCHULD"), benadelingsbedrag=D("30000.00"), huishouden=rijk), regels
    )
    assert u.boete == D("10300.00")
    assert u.bepalende_begrenzing == "WETTELIJK_MAXIMUM"


def test_e3b_normaal_30000_boetebesluit_lid_7(regels):
    rijk = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("5000.00"), beslagvrije_voet=D("1500.00"))
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("30000.00"), huishouden=rijk), regels)
    assert u.boete == D("6866.66")  # 50/75 x 10.300 = 6.866,666… naar beneden
    assert u.bepalende_begrenzing == "BOETEBESLUIT_2_LID_7"
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("30000.00")), regels)
    assert u.boete_voor_draagkracht == D("6866.66")
    assert u.boete == D("840.84")


def test_lid_7_verminderd_en_de_drempel_zelf(regels):
    rijk = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("9000.00"), beslagvrije_voet=D("1000.00"))
    # drempel 100/75 x 10.300 = 13.733,333…: 13.733,33 ligt er niet boven, 13.733,34 wel
    onder = bereken_boete(boete_invoer(benadelingsbedrag=D("13733.33"), huishouden=rijk), regels)
    assert onder.boete == D("6866.66") and onder.bepalende_begrenzing == "PERCENTAGE"
    boven = bereken_boete(boete_invoer(benadelingsbedrag=D("13733.34"), huishouden=rijk), regels)
    assert boven.boete == D("6866.66") and boven.bepalende_begrenzing == "BOETEBESLUIT_2_LID_7"
    verminderd = bereken_boete(
        boete_invoer(benadelingsbedrag=D("40000.00"), huishouden=rijk, verwijtbaarheid=graad("VERMINDERD")), regels
    )
    assert verminderd.boete == D("3433.33")  # 25/75 x 10.300


def test_e4_recidive_verminderd_2000(regels):
    u = bereken_boete(
        boete_invoer(
            verwijtbaarheid=graad("VERMINDERD"),
            benadelingsbedrag=D("2000.00"),
            eerdere_sancties=(Sanctie("BOETE", date(2022, 5, 1)),),
        ),
        regels,
    )
    assert u.recidive is True
    assert u.grondslag == D("3000.00")
    assert u.boete_voor_draagkracht == D("750.00")
    assert u.draagkracht.maanden == 6
    assert u.boete == D("420.42")


def test_e5_geen_benadeling_waarschuwing(regels):
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("0.00")), regels)
    assert u.uitkomst == "WAARSCHUWING"
    assert u.boete == D("0.00")
    assert u.boete_zonder_waarschuwing == D("150.00")
    assert u.waarschuwing_mogelijk is True


def test_e5_geen_benadeling_zonder_waarschuwing_150(regels):
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("0.00"), waarschuwing_indien_mogelijk=False), regels)
    assert u.uitkomst == "BOETE"
    assert u.boete == D("150.00")
    assert any("niet gekozen" in s for s in u.signalen)
    stap = next(s for s in u.stappen if s.regel == "boete.geenBenadeling")
    assert {b.artikel for b in stap.bron} >= {"2", "18a"}


def test_e6_eerdere_waarschuwing_binnen_twee_jaar(regels):
    u = bereken_boete(
        boete_invoer(
            benadelingsbedrag=D("120.00"),
            eerdere_sancties=(Sanctie("WAARSCHUWING", date(2023, 9, 1)),),
        ),
        regels,
    )
    assert u.waarschuwing_mogelijk is False
    assert u.uitkomst == "BOETE"
    assert u.boete == D("60.00")
    assert u.bepalende_begrenzing == "PERCENTAGE"


def test_e7_boven_bijstandsniveau(regels):
    h = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("2400.00"), beslagvrije_voet=D("1700.00"))
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("6000.00"), huishouden=h), regels)
    assert u.draagkracht.per_maand == D("700.00")
    assert u.draagkracht.maximum == D("8400.00")
    assert u.boete == D("3000.00")
    assert u.verrekening.per_maand == D("700.00")
    assert u.verrekening.maanden_boete == 5  # 3000 / 700 = 4,3 → 5
