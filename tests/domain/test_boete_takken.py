"""Elke tak van SPEC §3.3, met de grenzen van de termijnen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.boete import Matiging, Sanctie, Zelfcorrectie, bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.huishouden import Huishouden
from app.domain.verwijtbaarheid import Grond, VerwijtbaarheidInvoer
from tests.domain.conftest import D, boete_invoer, graad

RIJK = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("9000.00"), beslagvrije_voet=D("1000.00"))


def stap(u, regel):
    return next(s for s in u.stappen if s.regel == regel)


# 1. geen verwijtbaarheid


def test_geen_verwijtbaarheid_geen_boete(regels):
    u = bereken_boete(boete_invoer(verwijtbaarheid=graad("GEEN")), regels)
    assert (u.uitkomst, u.boete, u.boetepercentage) == ("GEEN_BOETE", D("0.00"), 0)
    assert stap(u, "boete.geenVerwijt").bron[0].artikel == "5:41"
    assert u.draagkracht is None and u.bepalende_begrenzing is None
    assert u.verrekening.maanden_terugvordering == 115  # terugvordering blijft verplicht


# 2. verval


def test_verval_na_vijf_jaar(regels):
    op_de_dag = bereken_boete(
        boete_invoer(begindatum=date(2020, 1, 1), einddatum=date(2021, 2, 2), beschikkingsdatum=date(2026, 2, 2)),
        regels,
    )
    assert op_de_dag.uitkomst == "BOETE"
    dag_later = bereken_boete(
        boete_invoer(begindatum=date(2020, 1, 1), einddatum=date(2021, 2, 1), beschikkingsdatum=date(2026, 2, 2)),
        regels,
    )
    assert dag_later.uitkomst == "GEEN_BOETE"
    assert stap(dag_later, "boete.verval").uitkomst == {"termijnJaren": 5, "vervallen": True}


def test_verval_drie_jaar_als_maximum_niet_boven_340(regels):
    kort = dict(begindatum=date(2022, 6, 1), einddatum=date(2022, 12, 31), beschikkingsdatum=date(2026, 2, 2))
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("340.00"), **kort), regels)
    assert u.uitkomst == "GEEN_BOETE"
    assert stap(u, "boete.verval").uitkomst["termijnJaren"] == 3
    assert any("5:45 lid 2" in s for s in u.signalen)
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("340.01"), **kort), regels)
    assert u.uitkomst == "BOETE"
    # recidive verhoogt het maximum (150% van 300 = 450): dan vijf jaar
    u = bereken_boete(
        boete_invoer(benadelingsbedrag=D("300.00"), eerdere_sancties=(Sanctie("BOETE", date(2020, 1, 1)),), **kort),
        regels,
    )
    assert u.uitkomst == "BOETE" and u.recidive


# 3. dringende redenen


def test_dringende_redenen_afgezien(regels):
    u = bereken_boete(
        boete_invoer(dringende_redenen="Ernstige ziekte van het enige kind, boete ontwricht gezin."), regels
    )
    assert (u.uitkomst, u.boete) == ("AFGEZIEN", D("0.00"))
    assert stap(u, "boete.dringendeRedenen").bron[0].lid == "7"


# 4. waarschuwing


@pytest.mark.parametrize(
    ("benadeling", "uitkomst"), [("150.00", "WAARSCHUWING"), ("150.01", "BOETE"), ("0.00", "WAARSCHUWING")]
)
def test_waarschuwing_grond_a_grens_150(regels, benadeling, uitkomst):
    assert bereken_boete(boete_invoer(benadelingsbedrag=D(benadeling)), regels).uitkomst == uitkomst


def test_waarschuwing_toont_boete_zonder_waarschuwing(regels):
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("150.00")), regels)
    assert u.boete_zonder_waarschuwing == D("75.00")
    assert u.verrekening.maanden_boete == 0


@pytest.mark.parametrize(
    ("dagen", "voor", "toezicht", "uitkomst"),
    [
        (60, True, False, "WAARSCHUWING"),
        (61, True, False, "BOETE"),
        (10, False, False, "BOETE"),
        (10, True, True, "BOETE"),
    ],
)
def test_waarschuwing_grond_b_zelfcorrectie(regels, dagen, voor, toezicht, uitkomst):
    u = bereken_boete(boete_invoer(zelfcorrectie=Zelfcorrectie(dagen, voor, toezicht)), regels)
    assert u.uitkomst == uitkomst


@pytest.mark.parametrize(("datum", "mogelijk"), [(date(2023, 3, 1), True), (date(2023, 3, 2), False)])
def test_waarschuwing_twee_jaar_blokkade(regels, datum, mogelijk):
    # begindatum 2025-03-01: een waarschuwing van 2023-03-01 ligt precies twee jaar eerder en blokkeert niet meer
    u = bereken_boete(
        boete_invoer(benadelingsbedrag=D("100.00"), eerdere_sancties=(Sanctie("WAARSCHUWING", datum),)), regels
    )
    assert u.waarschuwing_mogelijk is mogelijk
    assert u.uitkomst == ("WAARSCHUWING" if mogelijk else "BOETE")


def test_waarschuwing_niet_gekozen_geeft_boete_en_signaal(regels):
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("100.00"), waarschuwing_indien_mogelijk=False), regels)
    assert (u.uitkomst, u.boete, u.waarschuwing_mogelijk) == ("BOETE", D("50.00"), True)


# 6. recidive


@pytest.mark.parametrize(
    ("sanctie", "recidive"),
    [
        (Sanctie("BOETE", date(2020, 3, 1)), True),  # precies vijf jaar vóór 2025-03-01
        (Sanctie("BOETE", date(2020, 2, 29)), False),
        (Sanctie("STRAFRECHTELIJKE_SANCTIE", date(2016, 3, 1), gevangenisstraf=True), True),
        (Sanctie("STRAFRECHTELIJKE_SANCTIE", date(2015, 2, 28), gevangenisstraf=True), False),
        (Sanctie("STRAFRECHTELIJKE_SANCTIE", date(2016, 3, 1)), False),
        (Sanctie("BOETE", date(2024, 1, 1), onherroepelijk=False), False),
        (Sanctie("BOETE", date(2024, 1, 1), zelfde_gedraging=False), False),
        (Sanctie("WAARSCHUWING", date(2024, 1, 1)), False),
        (Sanctie("BOETE", date(2025, 6, 1)), False),  # na de begindatum: niet "eerder"
    ],
)
def test_recidive_termijnen(regels, sanctie, recidive):
    u = bereken_boete(boete_invoer(benadelingsbedrag=D("1000.00"), eerdere_sancties=(sanctie,)), regels)
    assert u.recidive is recidive
    assert u.grondslag == (D("1500.00") if recidive else D("1000.00"))


def test_niet_onherroepelijke_sanctie_geeft_signaal(regels):
    u = bereken_boete(
        boete_invoer(eerdere_sancties=(Sanctie("BOETE", date(2024, 1, 1), onherroepelijk=False),)), regels
    )
    assert any("niet onherroepelijk" in s for s in u.signalen)


# 8. wettelijk maximum


def test_opzet_vijfde_categorie_bepalend(regels):
    # 100% van 120.000, begrensd op de vijfde categorie; draagkracht 24 x 8.000 = 192.000 bindt niet
    u = bereken_boete(
        boete_invoer(verwijtbaarheid=graad("OPZET"), benadelingsbedrag=D("120000.00"), huishouden=RIJK), regels
    )
    assert u.boete_voor_draagkracht == D("103000.00")
    assert u.draagkracht.maximum == D("192000.00")
    assert u.boete == D("103000.00")
    assert u.bepalende_begrenzing == "WETTELIJK_MAXIMUM"


# lex mitior (SPEC §1.1)


def test_lex_mitior_regels_van_de_begindatum(regels):
    # grove schuld: 75% van 30.000 = 22.500, begrensd op de derde categorie: 9.000 (2022) < 10.300 (2024)
    u = bereken_boete(
        boete_invoer(
            begindatum=date(2022, 6, 1),
            einddatum=date(2022, 12, 31),
            verwijtbaarheid=graad("GROVE_SCHULD"),
            benadelingsbedrag=D("30000.00"),
            huishouden=RIJK,
        ),
        regels,
    )
    assert u.toegepaste_regels_datum == date(2022, 6, 1)
    assert u.boete == D("9000.00")
    assert "begindatum" in stap(u, "boete.regelsdatum").omschrijving


def test_lex_mitior_zonder_regels_voor_de_begindatum(regels):
    # vóór de Fraudewet (2013-01-01) bevat de regeldata geen boeteregels
    u = bereken_boete(boete_invoer(begindatum=date(2012, 6, 1), einddatum=date(2021, 6, 30)), regels)
    assert u.toegepaste_regels_datum == date(2026, 2, 2)
    assert any("2012-06-01" in s and "toets zelf" in s for s in u.signalen)


# 9. draagkracht


def test_vermogen_telt_eenmalig_mee(regels):
    h = Huishouden(leefvorm="ALLEENSTAANDE", vermogen_boven_grens=D("1000.00"))
    u = bereken_boete(boete_invoer(huishouden=h), regels)
    assert u.draagkracht.maximum == D("1840.84")
    assert u.boete == D("1840.84")


def test_vermogen_telt_niet_als_beleid_het_uitsluit(regels):
    from dataclasses import replace

    zonder = replace(regels, beleid={**regels.beleid, "vermogenTeltVoorDraagkracht": False}, _cache={})
    h = Huishouden(leefvorm="ALLEENSTAANDE", vermogen_boven_grens=D("1000.00"))
    u = bereken_boete(boete_invoer(huishouden=h), zonder)
    assert u.boete == D("840.84")


def test_toepasselijke_norm_gaat_voor_leefvorm(regels):
    h = Huishouden(leefvorm="ALLEENSTAANDE", toepasselijke_norm=D("934.61"))  # kostendeler
    u = bereken_boete(boete_invoer(huishouden=h), regels)
    assert u.draagkracht.per_maand == D("46.73")  # 5% van 934,61 = 46,7305
    assert u.boete == D("560.76")


def test_inkomen_onder_beslagvrije_voet_fictieve_draagkracht(regels):
    """CRvB, ECLI:NL:CRVB:2017:1116: wie minder heeft dan bijstand, heeft de draagkracht op bijstandsniveau."""
    h = Huishouden(
        leefvorm="ALLEENSTAANDE",
        op_bijstandsniveau=False,
        netto_maandinkomen=D("1500.00"),
        beslagvrije_voet=D("1600.00"),
    )
    u = bereken_boete(boete_invoer(huishouden=h), regels)
    assert u.draagkracht.per_maand == D("70.07")  # 5% van 1401,50, niet 0
    assert u.boete == D("840.84")
    stap = next(s for s in u.stappen if s.regel == "boete.draagkracht")
    assert "fictieve draagkracht" in stap.omschrijving
    assert any(b.artikel == "ECLI:NL:CRVB:2017:1116" for b in stap.bron)
    # de verrekening blijft het werkelijke inkomen boven de voet: niets
    assert u.verrekening.maanden_terugvordering is None
    assert any("geen verrekenruimte" in s for s in u.signalen)


def test_inkomen_boven_voet_maar_onder_bijstandsniveau_krijgt_de_hoogste_draagkracht(regels):
    laag = Huishouden(
        leefvorm="ALLEENSTAANDE",
        op_bijstandsniveau=False,
        netto_maandinkomen=D("1620.00"),
        beslagvrije_voet=D("1600.00"),
    )
    hoog = replace(laag, netto_maandinkomen=D("1700.00"))
    assert bereken_boete(boete_invoer(huishouden=laag), regels).draagkracht.per_maand == D("70.07")
    assert bereken_boete(boete_invoer(huishouden=hoog), regels).draagkracht.per_maand == D("100.00")


def test_inkomen_onder_voet_zonder_leefvorm_vraagt_de_leefvorm(regels):
    h = Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("1500.00"), beslagvrije_voet=D("1600.00"))
    with pytest.raises(Invoerfout) as fout:
        bereken_boete(boete_invoer(huishouden=h), regels)
    assert fout.value.problemen[0].naam == "huishouden.leefvorm"
    assert "ECLI:NL:CRVB:2017:1116" in fout.value.problemen[0].reden


# 10. matigingen


def test_matiging_percentage_en_bedrag(regels):
    u = bereken_boete(
        boete_invoer(
            matigingen=(
                Matiging("REDELIJKE_TERMIJN", "Termijn 6 maanden overschreden", percentage=D("5")),
                Matiging("EVENREDIGHEID", "Zorg voor ouder, hoge vaste lasten", bedrag=D("100.00")),
            )
        ),
        regels,
    )
    assert u.boete == D("698.79")  # 840,84 x 95% = 798,798 → 798,79; min 100
    assert u.bepalende_begrenzing == "MATIGING"
    assert [s.regel for s in u.stappen].count("boete.matiging") == 2


def test_matiging_niet_onder_nul(regels):
    u = bereken_boete(
        boete_invoer(matigingen=(Matiging("OVERIG", "Bijzondere omstandigheden", bedrag=D("5000")),)), regels
    )
    assert u.boete == D("0.00")


def test_matiging_vereist_precies_een_van_percentage_en_bedrag(regels):
    with pytest.raises(Invoerfout) as fout:
        bereken_boete(boete_invoer(matigingen=(Matiging("OVERIG", "reden"),)), regels)
    assert fout.value.problemen[0].naam == "matigingen.0.percentage"


# invoer die pas bij het rekenen ongeldig blijkt


def test_geen_norm_bekend_voor_de_datum(regels):
    with pytest.raises(Invoerfout) as fout:
        bereken_boete(boete_invoer(beschikkingsdatum=date(2027, 1, 4)), regels)
    assert fout.value.problemen[0].naam == "huishouden.toepasselijkeNorm"
    u = bereken_boete(
        boete_invoer(
            beschikkingsdatum=date(2027, 1, 4),
            huishouden=Huishouden(leefvorm="ALLEENSTAANDE", toepasselijke_norm=D("1401.50")),
        ),
        regels,
    )
    assert u.boete == D("840.84")


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        (dict(einddatum=date(2025, 2, 1)), "overtreding.einddatum"),
        (dict(beschikkingsdatum=date(2025, 10, 1)), "beschikkingsdatum"),
        (dict(eerdere_sancties=(Sanctie("BOETE", date(2026, 5, 1)),)), "eerdereSancties.0.datum"),
        (
            dict(eerdere_sancties=(Sanctie("BOETE", date(2020, 5, 1), gevangenisstraf=True),)),
            "eerdereSancties.0.gevangenisstraf",
        ),
        (dict(huishouden=Huishouden()), "huishouden.leefvorm"),
        (
            dict(huishouden=Huishouden(op_bijstandsniveau=False, netto_maandinkomen=D("2000"))),
            "huishouden.beslagvrijeVoet",
        ),
        (dict(verwijtbaarheid=VerwijtbaarheidInvoer(graad="OPZET")), "verwijtbaarheid.bewijs"),
        (dict(verwijtbaarheid=VerwijtbaarheidInvoer(opzet_bewijs=())), "verwijtbaarheid.opzet.bewijs"),
        (dict(verwijtbaarheid=VerwijtbaarheidInvoer(graad="GEEN")), "verwijtbaarheid.motivering"),
    ],
)
def test_ongeldige_invoer_noemt_het_veld(regels, wijziging, veld):
    with pytest.raises(Invoerfout) as fout:
        bereken_boete(boete_invoer(**wijziging), regels)
    assert veld in [p.naam for p in fout.value.problemen]


def test_verminderingsgrond_naast_opzet_geeft_verminderd_en_signaal(regels):
    v = VerwijtbaarheidInvoer(
        opzet_bewijs=("verklaring",), verminderingsgronden=(Grond("GEESTELIJKE_TOESTAND", "psychose"),)
    )
    u = bereken_boete(boete_invoer(verwijtbaarheid=v), regels)
    assert u.graad == "VERMINDERD" and u.boetepercentage == 25
    assert any("in ieder geval" in s for s in u.signalen)


def test_onzekere_parameters_staan_in_de_signalen(regels):
    # 2024: de derde categorie (10.300) is niet in een primaire tekst gevonden (status onzeker)
    invoer = boete_invoer(beschikkingsdatum=date(2024, 6, 3), begindatum=date(2024, 1, 1), einddatum=date(2024, 4, 30))
    u = bereken_boete(invoer, regels)
    assert any("Onzekere regelwaarde" in s and "wvsr.categorie.3" in s for s in u.signalen)


def test_standaardboete_2026_zonder_onzekere_regelwaarde_en_met_de_bevestigde_draagkracht_in_de_uitleg(regels):
    """Issue #17: een standaardboete met beschikkingsdatum in 2026 draagt geen signaal 'onzekere regelwaarde'; de
    draagkracht van 5% (CRvB 4-8-2020, ECLI niet gevonden) is bevestigd en staat met haar berichten in de uitleg."""
    u = bereken_boete(boete_invoer(), regels)
    assert not [s for s in u.signalen if "Onzekere regelwaarde" in s]
    stap = next(s for s in u.stappen if s.regel == "regels.bevestigd")
    assert "draagkracht.percentageVanNorm" in stap.omschrijving and "FutD" in stap.omschrijving
