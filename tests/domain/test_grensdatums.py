"""Elke datum waarop een regel verandert: de dag ervoor en de dag zelf (issue #7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.boete import Sanctie, bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.huishouden import Huishouden
from app.regels import standaard
from tests.domain.conftest import D, boete_invoer, graad

REGELS = standaard()
DAG = timedelta(days=1)

OVERGANGEN = [
    (pid, v.geldig_vanaf, i)
    for pid, p in sorted(REGELS.parameters.items())
    for i, v in enumerate(p.versies)
    if i > 0 or v.geldig_vanaf > date(2013, 1, 1)
]


@pytest.mark.parametrize(("pid", "dag", "i"), OVERGANGEN, ids=[f"{pid}@{dag}" for pid, dag, _ in OVERGANGEN])
def test_elke_versie_geldt_vanaf_haar_dag_en_niet_ervoor(pid, dag, i):
    """De dag zelf geeft de nieuwe versie, de dag ervoor de vorige (of geen, als de regel toen niet bestond)."""
    parameter = REGELS.parameters[pid]
    nieuw = parameter.versies[i]
    assert parameter.versie_op(dag) == nieuw
    ervoor = parameter.versie_op(dag - DAG)
    if i == 0:
        assert ervoor is None
    else:
        vorige = parameter.versies[i - 1]
        assert ervoor == (vorige if vorige.geldig_tot is None or vorige.geldig_tot >= dag - DAG else None)


def test_dekking_begint_op_2013_01_01_en_elke_regel_van_de_boete_is_er_dan():
    for pid in (
        "boete.regime",
        "boete.afronding",
        "boete.percentage.NORMAAL",
        "draagkracht.maanden.NORMAAL",
        "draagkracht.percentageVanNorm",
        "wwb.norm.alleenstaande",
        "wwb.norm.alleenstaandeOuder",
        "wwb.toeslag.maximum",
        "norm.gehuwden",
        "beslagvrijeVoet.percentageVanNorm",
        "wvsr.categorie.2",
        "recidive.termijnJaren",
        "verval.termijnJaren",
        "waarschuwing.maximumBenadeling",
    ):
        assert REGELS.parameters[pid].versie_op(date(2013, 1, 1)) is not None, pid


def test_normen_voor_elk_halfjaar_2013_tot_en_met_2026():
    """Tot 2015 de WWB-normen met de maximale toeslag (art. 21, 25 WWB), daarna de Participatiewet (art. 21)."""
    for jaar in range(2013, 2027):
        alleenstaand = ("wwb.norm.alleenstaande", "wwb.norm.alleenstaandeOuder", "wwb.toeslag.maximum")
        for maand in (1, 7):
            for pid in (*(alleenstaand if jaar < 2015 else ("norm.alleenstaande",)), "norm.gehuwden"):
                versie = REGELS.parameters[pid].versie_op(date(jaar, maand, 1))
                assert versie is not None and versie.geldig_vanaf == date(jaar, maand, 1), (pid, jaar, maand)


def _boete(dag: date, **kw):
    kw.setdefault("begindatum", date(2012, 3, 1) if dag.year <= 2013 else date(dag.year - 1, 1, 1))
    kw.setdefault("einddatum", kw["begindatum"] + timedelta(days=60))
    return bereken_boete(boete_invoer(beschikkingsdatum=dag, **kw), REGELS)


def test_2012_12_31_geen_regels_alle_ontbrekende_in_een_400_en_2013_01_01_wel():
    with pytest.raises(Invoerfout) as fout:
        _boete(date(2012, 12, 31), begindatum=date(2012, 3, 1), einddatum=date(2012, 6, 30))
    namen = [p.naam for p in fout.value.problemen]
    assert len(namen) >= 10 and set(namen) == {"beschikkingsdatum", "huishouden.toepasselijkeNorm"}
    assert any("boete.regime" in p.reden for p in fout.value.problemen)
    u = _boete(date(2013, 1, 1), begindatum=date(2012, 3, 1), einddatum=date(2012, 6, 30))
    assert u.boete == D("1120.00")  # 10% van 925,37 = 92,53 x 12 = 1.110,36, naar boven op EUR 10


def test_2016_12_31_fraudewet_en_2017_01_01_wet_van_2017():
    oud = _boete(date(2016, 12, 31), verwijtbaarheid=graad("OPZET"))
    nieuw = _boete(date(2017, 1, 1), verwijtbaarheid=graad("OPZET"))
    # 24 x 10% x 977,15 = 97,71 x 24 = 2.345,04, naar boven op EUR 10 (Boetebesluit oud 2 lid 2)
    assert (oud.boete, oud.draagkracht.maximum) == (D("2350.00"), D("2345.04"))
    # 24 x 10% x 982,79 = 98,27 x 24 = 2.358,48, geen afronding meer
    assert (nieuw.boete, nieuw.draagkracht.maximum) == (D("2358.48"), D("2358.48"))


def test_categoriemaximum_pas_vanaf_2017():
    rijk = Huishouden(leefvorm="ALLEENSTAANDE", vermogen_boven_grens=D("500000.00"))
    kw = dict(verwijtbaarheid=graad("OPZET"), benadelingsbedrag=D("100000.00"), huishouden=rijk)
    assert _boete(date(2016, 12, 31), **kw).boete == D("100000.00")
    nieuw = _boete(date(2017, 1, 1), **kw)
    assert (nieuw.boete, nieuw.bepalende_begrenzing) == (D("82000.00"), "WETTELIJK_MAXIMUM")  # 5e categorie 2016


def test_waarschuwing_bij_kleine_benadeling_pas_vanaf_2017():
    kw = dict(benadelingsbedrag=D("100.00"), waarschuwing_indien_mogelijk=True)
    oud = _boete(date(2016, 12, 31), **kw)
    # geen waarschuwing (alleen zonder benadeling, Pw 18a lid 4 oud); 50% van 100; het minimum van EUR 150 werd sinds de
    # Kamerbrief van 16-12-2014 niet meer toegepast (boete.minimum, status bevestigd)
    assert (oud.uitkomst, oud.waarschuwing_mogelijk, oud.boete) == ("BOETE", False, D("50.00"))
    nieuw = _boete(date(2017, 1, 1), **kw)
    assert (nieuw.uitkomst, nieuw.waarschuwing_mogelijk) == ("WAARSCHUWING", True)


def test_2020_08_03_tien_procent_en_2020_08_04_vijf_procent_draagkracht():
    # alleenstaandennorm per 2020-07-01: 1.059,03
    assert _boete(date(2020, 8, 3)).draagkracht.per_maand == D("105.90")
    assert _boete(date(2020, 8, 4)).draagkracht.per_maand == D("52.95")


def test_2020_12_31_voet_90_en_2021_01_01_voet_95_procent_in_de_verrekening():
    assert _boete(date(2020, 12, 31)).verrekening.per_maand == D("105.90")  # 10% van 1.059,03
    assert _boete(date(2021, 1, 1)).verrekening.per_maand == D("53.77")  # 5% van 1.075,44


def test_halfjaarnorm_2026_06_30_en_2026_07_01():
    assert _boete(date(2026, 6, 30)).draagkracht.per_maand == D("70.07")  # 5% van 1.401,50
    assert _boete(date(2026, 7, 1)).draagkracht.per_maand == D("70.97")  # 5% van 1.419,46


def test_na_de_laatste_norm_een_400_die_de_norm_vraagt():
    assert _boete(date(2026, 12, 31)).draagkracht.per_maand == D("70.97")
    with pytest.raises(Invoerfout) as fout:
        _boete(date(2027, 1, 1))
    assert [p.naam for p in fout.value.problemen] == ["huishouden.toepasselijkeNorm"]
    met_norm = Huishouden(leefvorm="ALLEENSTAANDE", toepasselijke_norm=D("1440.00"))
    assert _boete(date(2027, 1, 1), huishouden=met_norm).draagkracht.per_maand == D("72.00")


def test_minimum_van_150_tot_en_met_2014_12_15_en_niet_meer_vanaf_2014_12_16():
    """Boetebesluit art. 2 lid 1 (tekst 2013-01-01): 'ten minste EUR 150'; na CRvB 24-11-2014 (ECLI:NL:CRVB:2014:3754)
    en de Kamerbrief van 16-12-2014 werd het minimum niet meer toegepast (bevestigd: Joop/BNNVARA, Stimulansz/RCF)."""
    kw = dict(
        benadelingsbedrag=D("100.00"),
        begindatum=date(2014, 3, 1),
        einddatum=date(2014, 4, 30),
        waarschuwing_indien_mogelijk=False,
    )
    ervoor = _boete(date(2014, 12, 15), **kw)
    assert (ervoor.boete, ervoor.bepalende_begrenzing) == (D("150.00"), "WETTELIJK_MINIMUM")
    op = _boete(date(2014, 12, 16), **kw)
    assert (op.boete, op.bepalende_begrenzing) == (D("50.00"), "PERCENTAGE")  # 50% van 100, naar boven op EUR 10: 50
    assert any(s.regel == "boete.minimum" and "vanaf 2014-12-16 niet meer" in s.omschrijving for s in op.stappen)
    assert any(s.regel == "regels.bevestigd" and "boete.minimum" in s.omschrijving for s in op.stappen)


def test_recidive_150_procent_in_het_boetebesluit_pas_vanaf_2014_03_12():
    """Boetebesluit art. 2 lid 1: de tekst van 2013-01-01 kent geen verhoging bij recidive (Pw 18a lid 5 verhoogt alleen
    het maximum); die van 2014-03-12 wel ('bij recidive ... op 150 procent van het benadelingsbedrag'). Met lex mitior
    telt de begindatum van de overtreding: begint die op 2014-03-11, dan gelden de lichtere regels van toen."""
    kw = dict(
        benadelingsbedrag=D("1000.00"),
        eerdere_sancties=(Sanctie("BOETE", date(2012, 6, 1)),),
        verwijtbaarheid=graad("OPZET"),
        huishouden=Huishouden(toepasselijke_norm=D("5000.00")),  # ruime draagkracht: het percentage bepaalt
    )
    ervoor = _boete(date(2014, 6, 2), begindatum=date(2014, 3, 11), einddatum=date(2014, 4, 30), **kw)
    assert (ervoor.recidive, ervoor.grondslag, ervoor.boete) == (True, D("1000.00"), D("1000.00"))
    assert any("verhoogde de boete daarbij niet" in s.omschrijving for s in ervoor.stappen)
    op = _boete(date(2014, 6, 2), begindatum=date(2014, 3, 12), einddatum=date(2014, 4, 30), **kw)
    assert (op.recidive, op.grondslag, op.boete) == (True, D("1500.00"), D("1500.00"))
