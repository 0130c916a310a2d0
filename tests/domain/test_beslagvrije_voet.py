"""De beslagvrije voet (Rv 475c-475fa): gepubliceerde bedragen en elke wijzigingsdatum, elk met de bron.

Bronnen (gelezen in de geharveste teksten van wetten.overheid.nl; per waarde in app/regels/beslagvrijevoet.yaml):
- de maxima van 475da lid 1 per halfjaar: https://wetten.overheid.nl/BWBR0001827/<datum>#Artikel475da (de tekst
  2021-01-01 toont nog de bedragen van het wetsvoorstel; de bedragen per 2021-01-01 staan in de tekst 2021-01-20);
- de normen A en B: Pw 21 onder a en b, https://wetten.overheid.nl/BWBR0015703/<datum>#Artikel21;
- de andere parameters: app/regels/beslagvrijevoet.yaml, elk met haar eigen bron en status.
Bedragen zijn met de hand nagerekend; de rekensom staat bij de test.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pytest

from app.domain.beslagvrije_voet import (
    ALLEENSTAANDE,
    ALLEENSTAANDE_OUDER,
    BEOORDELING_VEREIST,
    BEREKEND,
    EIGEN_WONING,
    GEEN_WOONADRES,
    GEHUWDEN_MET_KINDEREN,
    GEHUWDEN_ZONDER_KINDEREN,
    HUURWONING_NIET_WHT_11,
    INRICHTING,
    KWADRATISCH,
    LEEFSITUATIES,
    LINEAIR,
    OUD_475D,
    BeslagvrijeVoetInvoer,
    Bijstand,
    Inrichting,
    bereken_beslagvrije_voet,
)
from app.domain.beslagvrije_voet.afronding import geldig_tot
from app.domain.beslagvrije_voet.formule import exacte_delen, formuleparameters, inkomen_op_maximum
from app.domain.fouten import Invoerfout
from app.domain.regels import RegelOntbreekt
from app.domain.uitleg import GeenUitleg, Uitleg
from app.regels import bronregel, standaard
from tests.domain.conftest import D

REGELS = standaard()
DAG = timedelta(days=1)
HOOG = D("250000")  # een jaarinkomen waarbij elke leefsituatie het maximum bereikt

#: 475da lid 1 per versie (alleenstaande, alleenstaande ouder, gehuwden zonder, gehuwden met kinderen).
MAXIMA = {
    date(2021, 1, 1): ("1661.40", "1779.52", "2199.34", "2317.45"),  # tekst 2021-01-20 (mededeling 12-01-2021)
    date(2021, 7, 1): ("1664.51", "1782.62", "2203.77", "2321.89"),
    date(2022, 1, 1): ("1691.66", "1814.73", "2236.89", "2262.98"),
    date(2022, 7, 1): ("1701.27", "1822.06", "2250.62", "2274.43"),
    date(2023, 1, 1): ("1872.81", "2015.84", "2470.03", "2509.97"),
    date(2023, 7, 1): ("1892.73", "2031.34", "2498.47", "2533.99"),
    date(2024, 1, 1): ("1996.21", "2162.60", "2631.49", "2747.09"),
    date(2024, 7, 1): ("2019.60", "2181.31", "2664.91", "2775.82"),
    date(2025, 1, 1): ("2071.24", "2242.24", "2739.03", "2855.96"),
    date(2025, 7, 1): ("2093.67", "2264.67", "2771.07", "2888.00"),
    date(2026, 1, 1): ("2191.42", "2526.69", "2881.41", "3155.31"),
    date(2026, 7, 1): ("2208.48", "2543.75", "2905.79", "3179.68"),
}
GEVALLEN = [(dag, ls, D(bedragen[i])) for dag, bedragen in MAXIMA.items() for i, ls in enumerate(LEEFSITUATIES)]


def bereken(dag: date, leefsituatie: str = ALLEENSTAANDE, c="40000", netto="9000", uitleg=None, **kw):
    invoer = BeslagvrijeVoetInvoer(
        peildatum=dag,
        leefsituatie=leefsituatie,
        belastbaar_jaarinkomen=D(str(c)),
        netto_maandinkomen=D(str(netto)),
        **kw,
    )
    return bereken_beslagvrije_voet(invoer, REGELS.op(dag), uitleg or Uitleg())


def stap(uitkomst, regel: str):
    return next(s for s in uitkomst.stappen if s.regel == regel)


# ---------------------------------------------------------------- 475da lid 1: de maxima per halfjaar


@pytest.mark.parametrize(("dag", "leefsituatie", "maximum"), GEVALLEN, ids=[f"{d}-{ls}" for d, ls, _ in GEVALLEN])
def test_een_hoog_inkomen_bereikt_het_maximum_van_lid_1(dag, leefsituatie, maximum):
    """Rv 475da lid 1 onder a-d, tekst per halfjaar (https://wetten.overheid.nl/BWBR0001827/<dag>#Artikel475da; voor
    2021-01-01 de tekst 2021-01-20). Met C = 250.000 is elk deel van de formule boven het maximum."""
    u = bereken(dag, leefsituatie, HOOG)
    assert (u.beslagvrije_voet, u.maximum, u.status) == (maximum, maximum, BEREKEND)
    assert stap(u, "bvv.formule").uitkomst["maximumBereikt"] is True
    assert u.afloscapaciteit == D("9000") - maximum


@pytest.mark.parametrize(
    ("dag", "leefsituatie", "maximum"), GEVALLEN[4:], ids=[f"{d}-{ls}" for d, ls, _ in GEVALLEN[4:]]
)
def test_de_dag_voor_elk_nieuw_halfjaar_geldt_het_vorige_maximum(dag, leefsituatie, maximum):
    """Lid 8: de bedragen wijzigen per 1 januari en 1 juli. De dag ervoor geldt het vorige bedrag."""
    vorige = max(d for d in MAXIMA if d < dag)
    ervoor = D(MAXIMA[vorige][LEEFSITUATIES.index(leefsituatie)])
    assert bereken(dag - DAG, leefsituatie, HOOG).beslagvrije_voet == ervoor
    assert bereken(dag, leefsituatie, HOOG).beslagvrije_voet == maximum


def test_2021_01_01_de_bedragen_van_de_mededeling_niet_die_van_het_wetsvoorstel():
    """De tekst gedateerd 2021-01-01 toont nog EUR 1.486,37 (wetsvoorstel); de mededeling van 12 januari 2021
    (2021-0000004037) stelde EUR 1.661,40 vast met ingang van 1 januari 2021 (tekst 2021-01-20)."""
    u = bereken(date(2021, 1, 1), ALLEENSTAANDE, HOOG)
    assert u.maximum == D("1661.40") != D("1486.37")


# ---------------------------------------------------------------- lid 8: het maximum volgt uit de formule


def _maximum_uit_formule(dag: date, leefsituatie: str) -> tuple[Decimal, Decimal]:
    """(C*, de exacte som van de delen bij C*, één keer half-up op centen) volgens lid 8."""
    p = formuleparameters(leefsituatie, REGELS.op(dag))
    c_ster = inkomen_op_maximum(p)
    return c_ster, exacte_delen(c_ster, p).som.quantize(D("0.01"), rounding=ROUND_HALF_UP)


#: Waar de formule het gepubliceerde maximum niet op de cent geeft, met de reden (bvv-parameters.md §2.2, §3):
#: per 1 juli 2022-2024 rekende het ministerie met een drempelinkomen van juli (Maatstaf: januari, de wettekst);
#: de maxima 2021 voor gehuwden met kinderen hebben geen L-effect; drie bedragen van 2021 wijken een cent af.
AFWIJKEND = {
    (date(2022, 7, 1), ALLEENSTAANDE_OUDER),
    (date(2022, 7, 1), GEHUWDEN_MET_KINDEREN),
    (date(2023, 7, 1), ALLEENSTAANDE_OUDER),
    (date(2023, 7, 1), GEHUWDEN_MET_KINDEREN),
    (date(2024, 7, 1), ALLEENSTAANDE_OUDER),
    (date(2024, 7, 1), GEHUWDEN_MET_KINDEREN),
    (date(2021, 1, 1), GEHUWDEN_MET_KINDEREN),
    (date(2021, 7, 1), GEHUWDEN_MET_KINDEREN),
    (date(2021, 1, 1), ALLEENSTAANDE_OUDER),
    (date(2021, 7, 1), ALLEENSTAANDE_OUDER),
    (date(2021, 7, 1), ALLEENSTAANDE),
}
REPRODUCEERBAAR = [g for g in GEVALLEN if g[:2] not in AFWIJKEND]


@pytest.mark.parametrize(
    ("dag", "leefsituatie", "maximum"), REPRODUCEERBAAR, ids=[f"{d}-{ls}" for d, ls, _ in REPRODUCEERBAAR]
)
def test_de_formule_geeft_bij_c_ster_het_gepubliceerde_maximum_op_de_cent(dag, leefsituatie, maximum):
    """Lid 8: de bedragen van lid 1 zijn de voet bij het inkomen C* waarbij het woondeel het bedrag van WHT 13 lid 1
    onder a bereikt. Met alle parameters van de datum (A/B, D, E, standaardpremie, Pw 23 lid 2, de factoren of
    afbouwpercentages, J, K, L) geeft de exacte som bij C* het gepubliceerde bedrag op de cent: een sterke toets van de
    regeldata. Met de afronding van Maatstaf (elk deel naar boven) komt de som hooguit drie cent hoger, en kapt lid 1
    haar af: bij C* is de voet het maximum, 1.000 euro lager niet meer (vanaf 2026 zonder kgb-deel: 1.000 euro onder het
    inkomen waarbij het woondeel H - J bereikt)."""
    c_ster, som = _maximum_uit_formule(dag, leefsituatie)
    assert som == maximum
    bij_c_ster = bereken(dag, leefsituatie, c_ster.quantize(D("0.01"), rounding=ROUND_FLOOR))
    assert bij_c_ster.beslagvrije_voet == maximum
    assert D(stap(bij_c_ster, "bvv.formule").uitkomst["som"]) - maximum <= D("0.03")
    p = formuleparameters(leefsituatie, REGELS.op(dag))
    eerder = c_ster
    if p.regime == LINEAIR and p.kgb_percentage is None:  # het woondeel is al bij I x (F / 12) = H - J op zijn top
        eerder = p.ijkpunt + (p.huurgrens - p.j) * 12 * 100 / p.afbouwpercentage
    assert bereken(dag, leefsituatie, eerder - 1000).beslagvrije_voet < maximum


def test_waar_het_ministerie_anders_rekende_wijkt_de_formule_af_in_de_verwachte_richting():
    """Juli 2022-2024 (alleenstaande ouder, gehuwden met kinderen): met het drempelinkomen van januari is het kgb-deel
    bij C* groter dan in de mededeling, dus ligt de som boven het maximum (lid 1 kapt af). 2021, gehuwden met
    kinderen: de mededeling rekende zonder L (Wkgb 2 lid 8, EUR 17.018), de formule met: de som ligt eronder en het
    maximum wordt pas bij een hoger inkomen bereikt."""
    for dag in (date(2022, 7, 1), date(2023, 7, 1), date(2024, 7, 1)):
        for ls in (ALLEENSTAANDE_OUDER, GEHUWDEN_MET_KINDEREN):
            assert _maximum_uit_formule(dag, ls)[1] > D(MAXIMA[dag][LEEFSITUATIES.index(ls)])
    for dag in (date(2021, 1, 1), date(2021, 7, 1)):
        c_ster, som = _maximum_uit_formule(dag, GEHUWDEN_MET_KINDEREN)
        assert som < D(MAXIMA[dag][3])
        assert bereken(dag, GEHUWDEN_MET_KINDEREN, c_ster + 20000).beslagvrije_voet == D(MAXIMA[dag][3])
    for dag, ls in ((date(2021, 1, 1), ALLEENSTAANDE_OUDER), (date(2021, 7, 1), ALLEENSTAANDE)):
        assert abs(_maximum_uit_formule(dag, ls)[1] - D(MAXIMA[dag][LEEFSITUATIES.index(ls)])) == D("0.01")


def test_lid_7_inkomensgrenzen_2025_volgen_uit_de_afgeleide_factoren():
    """Lid 9 (tekst 2025-01-01): de bedragen van lid 7 maken (F x C² + G x C) en (H x C² + I x C) gelijk aan de
    maximale normhuur = 477,20 + 65% x (682,96 - 477,20) + 40% x (900,07 - 682,96) = 697,788 (WHT 20 lid 1, 20 lid 2
    onder a en 13 lid 1 onder a, tekst 2025-01-01; 65% en 40%: Besluit op de huurtoeslag, niet zelf gelezen). Met de
    afgeleide factoren 2025 geeft dat precies de bedragen van Rv 475da lid 7 (tekst 2025-01-01): EUR 39.376,66 en
    EUR 50.748,55. Een toets van de factoren die niet van de maxima afhangt."""
    normhuur = D("477.20") + D("0.65") * (D("682.96") - D("477.20")) + D("0.40") * (D("900.07") - D("682.96"))
    for ls, grens in ((ALLEENSTAANDE, "39376.66"), (GEHUWDEN_ZONDER_KINDEREN, "50748.55")):
        p = formuleparameters(ls, REGELS.op(date(2025, 1, 1)))
        a, b = p.factor_a, p.factor_b
        c = (-b + (b * b + 4 * a * normhuur).sqrt()) / (2 * a)
        assert c.quantize(D("0.01"), rounding=ROUND_HALF_UP) == D(grens)
        assert REGELS.op(date(2025, 1, 1)).waarde(
            "bvv.eigenWoning.inkomensgrens." + ("eenpersoons" if ls == ALLEENSTAANDE else "meerpersoons")
        ) == D(grens)


# ---------------------------------------------------------------- de formule per versie


def test_2025_12_31_kwadratisch_en_2026_01_01_lineair():
    """Alleenstaande, C = EUR 40.000. 2025-12-31 (KWADRATISCH): 95% x 1.369,06 = 1.300,61; zorgdeel (40.000 -
    28.405,73) / 12 x 13,70% = 132,37, begrensd op 2.112 / 12 - 45 = 131,00; woondeel 0,000000438698 x 40.000² +
    0,000446392665 x 40.000 - 238,01 = 481,77: 1.913,38. 2026-01-01 (LINEAIR): 95% x 1.401,50 = 1.331,43; zorgdeel
    (40.000 - 29.735,42) / 12 x 13,73% = 117,45 (plafond 129,59); woondeel (40.000 - 23.425) x 27% / 12 = 372,94 (minder
    dan 932,93 - 202,52): 1.821,82."""
    oud, nieuw = bereken(date(2025, 12, 31)), bereken(date(2026, 1, 1))
    assert (oud.formule, oud.beslagvrije_voet) == (KWADRATISCH, D("1913.38"))
    assert [d.bedrag for d in oud.delen] == [D("1300.61"), D("131.00"), D("481.77")]
    assert (nieuw.formule, nieuw.beslagvrije_voet) == (LINEAIR, D("1821.82"))
    assert [d.bedrag for d in nieuw.delen] == [D("1331.43"), D("117.45"), D("372.94")]
    assert stap(oud, "bvv.zorgdeel").uitkomst["begrensd"] is True


def test_onder_het_minimum_inkomensijkpunt_is_het_woondeel_nul_en_de_uitleg_zegt_het():
    """Geen ondergrens in de tekst: een negatief woondeel telt als nul (keuze, module docstring). Alleenstaande 2026,
    C = 17.000 < 23.425: 95% x 1.401,50 = 1.331,43; zorgdeel 0 (C onder D: D = C)."""
    u = bereken(date(2026, 3, 1), c="17000")
    assert u.beslagvrije_voet == D("1331.43")
    woon = stap(u, "bvv.woondeel")
    assert woon.uitkomst == {"woondeel": "0.00", "ondergrensNul": True} and "nul" in woon.omschrijving
    assert "of C omdat dat lager is" in stap(u, "bvv.zorgdeel").omschrijving


def test_gehuwden_met_kinderen_onder_d_plus_l_kgb_deel_nul():
    """Lid 2 onder d: ((C - (D + L)) / 12) x K is negatief als C < D + L; Maatstaf rekent met nul."""
    u = bereken(date(2024, 5, 1), GEHUWDEN_MET_KINDEREN, c="30000")
    assert stap(u, "bvv.kgbDeel").uitkomst == {"kgbDeel": "0.00", "ondergrensNul": True}


def test_gehuwden_tweemaal_de_standaardpremie_en_de_uitleg_zegt_waarom():
    """Lid 3 met 2 x standaardpremie voor gehuwden (rule data bvv.zorgdeel.factorGehuwden, onzeker): 2025 gehuwden,
    plafond 2 x 2.112 / 12 - 101 = 251,00."""
    u = bereken(date(2025, 3, 1), GEHUWDEN_ZONDER_KINDEREN, HOOG)
    zorg = stap(u, "bvv.zorgdeel")
    assert zorg.uitkomst["plafondLid3"] == "251.00" and "tweemaal de standaardpremie" in zorg.omschrijving
    assert "bvv.zorgdeel.factorGehuwden" in u.onzeker


# ---------------------------------------------------------------- lid 4: geen woonadres in Nederland


def test_briefadres_zonder_inzicht_47_5_procent_van_de_gehuwdennorm():
    """475da lid 4 eerste zin (tekst 2026-01-01): 47,5% van de norm van Pw 21 onder b (EUR 2.002,13 per 2026-01-01),
    ongeacht de leefsituatie: 951,01175, naar boven 951,02."""
    u = bereken(date(2026, 1, 1), ALLEENSTAANDE, c="30000", netto="3000", woonadres_in_nederland=False)
    assert (u.formule, u.beslagvrije_voet, u.status) == (GEEN_WOONADRES, D("951.02"), BEREKEND)


def test_briefadres_met_inzicht_475e_lid_1_dan_de_formule():
    """475e lid 1: wie inzicht geeft in leefsituatie en inkomsten, valt niet onder lid 4 eerste zin."""
    u = bereken(date(2026, 1, 1), woonadres_in_nederland=False, inzicht_gegeven=True)
    assert (u.formule, u.beslagvrije_voet) == (LINEAIR, D("1821.82"))
    assert stap(u, "bvv.inzicht").uitkomst == {"lid4EersteZin": False}


def test_vaste_verblijfplaats_buiten_nederland_woonlandfactor_beoordeling_vereist():
    """475da lid 4 tweede zin: de factor bij of krachtens AMvB (Besluit beslagvrije voet) is niet gevonden."""
    u = bereken(date(2026, 1, 1), woonadres_in_nederland=False, vaste_verblijfplaats_buitenland=True)
    assert u.status == BEOORDELING_VEREIST
    assert [(b.deel, b.bron.kort()) for b in u.beoordeling_vereist] == [("woonlandfactor", "Rv 475da lid 4")]
    assert u.beslagvrije_voet == D("951.02")  # de voet vóór de vermenigvuldiging


# ---------------------------------------------------------------- 475dc: de ondergrens


def test_475dc_lid_1_ten_hoogste_95_procent_van_het_inkomen():
    """475dc lid 1 (tekst 2026-01-01): de formule geeft 1.821,82 (zie boven), 95% van EUR 1.500 is 1.425,00."""
    u = bereken(date(2026, 1, 1), netto="1500")
    assert u.beslagvrije_voet == D("1425.00")
    assert stap(u, "bvv.ondergrens").uitkomst == {"toegepast": True, "voet": "1425.00"}
    assert u.afloscapaciteit == D("75.00")


def test_2021_12_31_zonder_en_2022_01_01_inclusief_vakantiebijslag():
    """475dc tot 2022 '95% van het maandelijkse inkomen', vanaf 2022-01-01 'inclusief vakantiebijslag'. Netto 1.500
    waarvan 100 vakantiebijslag: 95% x 1.400 = 1.330,00 op 2021-12-31, 95% x 1.500 = 1.425,00 op 2022-01-01."""
    kw = dict(c="40000", netto="1500", vakantiebijslag_per_maand=D("100"))
    assert bereken(date(2021, 12, 31), **kw).beslagvrije_voet == D("1330.00")
    assert bereken(date(2022, 1, 1), **kw).beslagvrije_voet == D("1425.00")
    zonder_opgave = bereken(date(2021, 12, 31), c="40000", netto="1500")
    assert zonder_opgave.beslagvrije_voet == D("1425.00")
    assert any("vakantiebijslagPerMaand" in s for s in zonder_opgave.signalen)


def test_475dc_lid_2_bijstand_95_procent_van_de_norm_min_inkomen_pw_32():
    """475dc lid 2 (vanaf 2022-01-01), alleenstaande in de bijstand 2026: norm 1.401,50 (Pw 21 onder a), inkomen Pw 32
    100, uitkering 1.301,50. Formule: 95% x 1.401,50 = 1.331,43 (C onder D en onder het ijkpunt: zorg- en woondeel nul),
    hoger dan 95% van 1.301,50 (1.236,43), dus lid 1, en bij een aangewezen uitkering lid 2: 1.331,43 - 100 = 1.231,43.
    475d lid 7: dan geen termijn van twaalf maanden. Vóór 2022 bestond lid 2 niet (signaal)."""
    bijstand = Bijstand(inkomen_pw32=D("100"))
    u = bereken(date(2026, 3, 1), c="15000", netto="1301.50", bijstand=bijstand)
    assert (u.beslagvrije_voet, u.geldig_tot) == (D("1231.43"), None)
    assert stap(u, "bvv.ondergrens").uitkomst == {"toegepast": True, "voet": "1236.43"}
    assert any("Besluit beslagvrije voet" in s for s in u.signalen)
    assert sum(d.bedrag for d in u.delen) == u.beslagvrije_voet
    oud = bereken(date(2021, 12, 31), c="15000", netto="1301.50", bijstand=bijstand)
    assert (oud.beslagvrije_voet, oud.geldig_tot) == (D("1024.77"), date(2022, 12, 30))  # 95% x 1.078,70
    assert any("bestond op de peildatum nog niet" in s for s in oud.signalen)


# ---------------------------------------------------------------- 475db: verminderingen


def test_475db_eerst_de_echtgenoot_tot_de_helft_dan_het_eigen_inkomen():
    """475db lid 1 onder a en b. Gehuwden zonder kinderen, C = 250.000 per 2026-01-01: voet 2.881,41; de helft is
    1.440,70 (naar beneden); partner 2.000 -> - 1.440,70; eigen 500 -> - 500,00: 940,71."""
    u = bereken(
        date(2026, 1, 1),
        GEHUWDEN_ZONDER_KINDEREN,
        HOOG,
        niet_beslagen_inkomen_partner=D("2000"),
        niet_beslagen_inkomen_schuldenaar=D("500"),
    )
    assert u.beslagvrije_voet == D("940.71")
    assert stap(u, "bvv.vermindering").uitkomst == {
        "verminderingPartner": "1440.70",
        "verminderingEigen": "500.00",
        "voet": "940.71",
    }


# ---------------------------------------------------------------- lid 5 en lid 7: verhogingen op verzoek


def test_2022_12_31_woonkosten_alleen_op_het_maximum_en_2023_01_01_altijd():
    """Lid 5 tot 2023: alleen als de voet gelijk is aan het bedrag van lid 1; vanaf 2023-01-01 (Verzamelwet SZW 2023)
    niet meer. WHT 13 lid 1 onder a: 763,47 (2022), 808,06 (2023). Woonkosten 1.000: 2023 verhoging 1.000 - 110% x
    808,06 = 1.000 - 888,866 = 111,134, naar boven 111,14, voor ten hoogste 18 maanden (Stcrt. 2022, 34869)."""
    kw = dict(c="30000", woonkosten=D("1000"))
    oud, nieuw = bereken(date(2022, 12, 31), **kw), bereken(date(2023, 1, 1), **kw)
    assert oud.beslagvrije_voet < oud.maximum
    assert stap(oud, "bvv.woonkosten").uitkomst == {"verhoging": "0.00"}
    assert stap(nieuw, "bvv.woonkosten").uitkomst == {"verhoging": "111.14", "termijnMaanden": 18}
    assert nieuw.beslagvrije_voet == bereken(date(2023, 1, 1), c="30000").beslagvrije_voet + D("111.14")
    # tot 2023 wel op het maximum: 1.000 - 110% x 763,47 = 160,183 -> 160,19, voor ten hoogste zes maanden
    op_max = bereken(date(2022, 12, 31), c=HOOG, woonkosten=D("1000"))
    assert op_max.beslagvrije_voet == D("1701.27") + D("160.19")
    assert stap(op_max, "bvv.woonkosten").uitkomst["termijnMaanden"] == 6


def test_woonkosten_bij_gehuwden_met_inkomen_van_de_echtgenoot_beoordeling_vereist():
    """Lid 5 tweede zin: bij gehuwden alleen voor zover de niet beslagen inkomsten van de echtgenoot onvoldoende zijn
    (open norm): niet toegepast, beoordeling vereist."""
    u = bereken(
        date(2024, 2, 1),
        GEHUWDEN_ZONDER_KINDEREN,
        woonkosten=D("1200"),
        niet_beslagen_inkomen_partner=D("300"),
    )
    assert u.status == BEOORDELING_VEREIST
    assert [b.deel for b in u.beoordeling_vereist] == ["woonkostenverhoging"]


def test_lid_7_onder_de_inkomensgrens_beoordeling_vereist_erboven_niet():
    """Lid 7 (tekst 2024-01-01): eigenaar-bewoner met belastbaar inkomen lager dan EUR 37.574 (alleenstaand): het
    bedrag van de verhoging regelt een AMvB die niet is gevonden."""
    onder = bereken(date(2024, 3, 1), c="30000", woning=EIGEN_WONING)
    assert onder.status == BEOORDELING_VEREIST
    assert [(b.deel, b.bron.kort()) for b in onder.beoordeling_vereist] == [("eigenWoningVerhoging", "Rv 475da lid 7")]
    assert onder.beslagvrije_voet == bereken(date(2024, 3, 1), c="30000").beslagvrije_voet  # geen schatting
    boven = bereken(date(2024, 3, 1), c="37574", woning=EIGEN_WONING)
    assert (boven.status, stap(boven, "bvv.eigenWoning").uitkomst) == (BEREKEND, {"vanToepassing": False})


def test_2022_12_31_lid_7_niet_voor_de_huurder_en_2023_01_01_wel():
    """Lid 7 tot 2023 alleen de eigenaar (grens: norminkomen WHT 14 lid 1, 2022 EUR 24.075); vanaf 2023-01-01 ook de
    huurder van een woning die niet voldoet aan WHT 11 (grens EUR 30.273)."""
    kw = dict(c="24000", woning=HUURWONING_NIET_WHT_11)
    assert bereken(date(2022, 12, 31), **kw).status == BEREKEND
    assert bereken(date(2023, 1, 1), **kw).status == BEOORDELING_VEREIST


# ---------------------------------------------------------------- 475e lid 2: inrichting


def test_inrichting_prijs_plus_twee_derde_norm_plus_pw_23_lid_2():
    """475e lid 2: prijs 2.500 + 2/3 x 400 (norm Pw 23 lid 1 uit de invoer) = 266,67 + Pw 23 lid 2 onder a 2026
    (EUR 47) = 2.813,67; boven het maximum van lid 1 en boven 95% van het inkomen: die gelden hier niet."""
    u = bereken(date(2026, 2, 1), netto="1000", inrichting=Inrichting(D("2500"), D("400")))
    assert (u.formule, u.beslagvrije_voet, u.status) == (INRICHTING, D("2813.67"), BEREKEND)


def test_inrichting_zonder_norm_pw_23_lid_1_beoordeling_vereist():
    u = bereken(date(2026, 2, 1), inrichting=Inrichting(D("2500")))
    assert u.status == BEOORDELING_VEREIST and u.beslagvrije_voet == D("2547.00")
    assert [b.deel for b in u.beoordeling_vereist] == ["tweeDerdeNormPw23"]


def test_2022_12_31_geen_vermindering_bij_inrichting_en_2023_01_01_wel():
    """475db lid 1 aanhef: tot 2023 'de beslagvrije voet, bedoeld in artikel 475da', vanaf 2023-01-01 ook 475e lid 2.
    Pw 23 lid 2 onder a: 34 (2022), 3 (2023)."""
    kw = dict(inrichting=Inrichting(D("2000"), D("300")), niet_beslagen_inkomen_schuldenaar=D("500"))
    assert bereken(date(2022, 12, 31), **kw).beslagvrije_voet == D("2234.00")  # 2.000 + 200 + 34
    assert bereken(date(2023, 1, 1), **kw).beslagvrije_voet == D("1703.00")  # 2.000 + 200 + 3 - 500


# ---------------------------------------------------------------- vóór 2021: het oude art. 475d


def test_2020_12_31_oud_475d_90_procent_en_2021_01_01_de_nieuwe_formule():
    """Oud art. 475d lid 1 (tekst 2020-10-01): 90% van de norm van Pw 21 onder a (EUR 1.059,03 per 2020-07-01):
    953,127 -> 953,13; gehuwden 90% van 1.512,90 = 1.361,61. Niet berekend (stap en signaal): de verhogingen van oud
    lid 3 en de halvering van oud 475g; daarom beoordeling vereist."""
    oud = bereken(date(2020, 12, 31), c="17000", netto="1300")
    assert (oud.formule, oud.beslagvrije_voet, oud.maximum, oud.geldig_tot) == (OUD_475D, D("953.13"), None, None)
    assert oud.status == BEOORDELING_VEREIST
    assert "verhogingenOud475dLid3" in [b.deel for b in oud.beoordeling_vereist]
    assert "475g" in stap(oud, "bvv.oud475d.nietBerekend").omschrijving
    assert any("oude art. 475d" in s and "Niet berekend" in s for s in oud.signalen)
    assert bereken(date(2020, 12, 31), GEHUWDEN_MET_KINDEREN).beslagvrije_voet == D("1361.61")
    nieuw = bereken(date(2021, 1, 1), c="17000", netto="1300")
    assert (nieuw.formule, nieuw.status) == (KWADRATISCH, BEREKEND)


def test_buiten_de_regeldata_regels_onbekend():
    """Het oude 475d is vanaf de tekst 2016-01-01 opgenomen; de regeldata lopen tot en met 2026-12-31."""
    for dag in (date(2015, 12, 31), date(2027, 1, 1)):
        with pytest.raises(RegelOntbreekt):
            bereken(dag)
    assert bereken(date(2016, 1, 1)).formule == OUD_475D
    assert bereken(date(2026, 12, 31)).maximum == D("2208.48")


# ---------------------------------------------------------------- geldigheid, uitleg, invoer


def test_geldig_twaalf_maanden_475d_lid_2():
    assert bereken(date(2025, 3, 15)).geldig_tot == date(2026, 3, 14)
    assert geldig_tot(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert geldig_tot(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_elke_stap_noemt_een_artikel_en_de_delen_tellen_op_tot_de_voet():
    u = bereken(
        date(2024, 3, 1),
        GEHUWDEN_MET_KINDEREN,
        HOOG,
        netto="2500",
        niet_beslagen_inkomen_partner=D("400"),
        woonkosten=D("1200"),
    )
    assert all(s.bron for s in u.stappen)
    assert sum(d.bedrag for d in u.delen) == u.beslagvrije_voet
    assert stap(u, "bvv.afronding").uitkomst["afronding"].startswith("DEELBEDRAGEN_OP_CENTEN")


def test_onzekere_waarden_geven_een_signaal_en_staan_in_de_uitkomst():
    """2024: de afgeleide factoren en D zijn onzeker; de legenda vóór 2026 ook. 2026: de legenda is gelezen."""
    u = bereken(date(2024, 3, 1))
    assert {"bvv.legenda", "bvv.zorgdeel.drempelinkomen", "bvv.huurtoeslag.factorA.eenpersoons"} <= set(u.onzeker)
    assert any("bvv.legenda" in s and "onzeker" in s for s in u.signalen)
    assert "bvv.legenda" not in bereken(date(2026, 3, 1)).onzeker


def test_welke_waarden_van_de_beslagvrije_voet_onzeker_zijn():
    """De README (Bronnen) noemt ze; deze test houdt die lijst eerlijk. Onzeker zijn de afgeleide waarden (factoren
    2021/2022/2024/2025, D, de ijkpunten en de basishuur 2026), de waarden uit één secundaire bron (standaardpremie
    2021-2023 en 2026, E 2021/2023/2025), Pw 23 lid 2 per 2026-07-01, de legenda 2021-2025, het zorgplafond van
    gehuwden en de afrondingsregel."""
    onzeker: dict[str, set[int]] = {}
    for pid, versie in bronregel.onzeker_in_werking(REGELS, date(2016, 1, 1), date(2026, 12, 31)):
        if pid.startswith("bvv."):
            onzeker.setdefault(pid, set()).add(versie.geldig_vanaf.year)
    factoren = {2021, 2022, 2024, 2025}
    assert onzeker == {
        "bvv.afronding": {2016},
        "bvv.legenda": {2021},
        "bvv.zorgdeel.factorGehuwden": {2021},
        "bvv.zorgdeel.drempelinkomen": {2021, 2022, 2023, 2024, 2025, 2026},
        "bvv.zorgdeel.percentage": {2021, 2023, 2025},
        "bvv.zorgdeel.standaardpremie": {2021, 2022, 2023, 2026},
        "bvv.huurtoeslag.factorA.eenpersoons": factoren,
        "bvv.huurtoeslag.factorB.eenpersoons": factoren,
        "bvv.huurtoeslag.factorA.meerpersoons": factoren,
        "bvv.huurtoeslag.factorB.meerpersoons": factoren,
        "bvv.huurtoeslag.minimumInkomensijkpunt.eenpersoons": {2026},
        "bvv.huurtoeslag.minimumInkomensijkpunt.meerpersoons": {2026},
        "bvv.huurtoeslag.basishuur.eenpersoons": {2026},
        "bvv.huurtoeslag.basishuur.meerpersoons": {2026},
        "bvv.pw23lid2.alleenstaande": {2026},
        "bvv.pw23lid2.gehuwden": {2026},
    }
    assert bronregel.controleer(REGELS) == []


def test_zonder_uitleg_dezelfde_getallen():
    kw = dict(c="45000", netto="1900", woonkosten=D("1100"), woning=EIGEN_WONING)
    met, zonder = bereken(date(2023, 9, 1), **kw), bereken(date(2023, 9, 1), uitleg=GeenUitleg(), **kw)
    assert (zonder.beslagvrije_voet, zonder.delen, zonder.beoordeling_vereist) == (
        met.beslagvrije_voet,
        met.delen,
        met.beoordeling_vereist,
    )
    assert zonder.stappen == [] and met.stappen


@pytest.mark.parametrize(
    ("kw", "naam"),
    [
        (dict(leefsituatie="SAMENWONEND"), "leefsituatie"),
        (dict(c="-1"), "belastbaarJaarinkomen"),
        (dict(niet_beslagen_inkomen_partner=D("10")), "nietBeslagenInkomenPartner"),
        (dict(vaste_verblijfplaats_buitenland=True), "vasteVerblijfplaatsBuitenland"),
        (dict(woning="KAMER"), "woning"),
        (dict(netto="100", vakantiebijslag_per_maand=D("200")), "vakantiebijslagPerMaand"),
    ],
)
def test_ongeldige_invoer(kw, naam):
    kw.setdefault("leefsituatie", ALLEENSTAANDE)
    with pytest.raises(Invoerfout) as fout:
        bereken(date(2024, 3, 1), **kw)
    assert [p.naam for p in fout.value.problemen] == [naam]
