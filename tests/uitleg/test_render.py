"""De uitleg als pure functie: notatie, elke soort en doelgroep in beide formaten, maatwerk en escaping.

De meeste records zijn echt (tests/uitleg/conftest.py: berekend via de API en opgehaald zoals GET
/api/v1/berekeningen/{id} ze geeft); een paar kleine records hieronder maken randgevallen precies.
"""

from __future__ import annotations

import copy
import json
import re

import pytest

from app.uitleg import bron, datum, geld, render_uitleg, tijdstip

SCRIPT = "<script>alert(1)</script>"

RECORD = {
    "berekeningId": "b1",
    "soort": "benadelingsbedrag",
    "tijdstip": "2026-03-02T10:00:00+00:00",
    "regelversie": "sha256:x",
    "hash": "h",
    "sub": "jan",
    "gemeente": "0363",
    "resultaat": {
        "benadelingsbedrag": "1234.50",
        "terugvorderingNetto": "1234.50",
        "terugvorderingBruto": "1300.00",
        "perioden": [{"van": "2026-01-01", "tot": "2026-01-31", "ontvangen": "1401.50", "recht": "167.00"}],
        "beschikkingsdatum": "2026-03-02",
        "stappen": [
            {
                "regel": "benadeling.som",
                "omschrijving": "Som <b>vet</b>",
                "bron": [{"wet": "Participatiewet", "artikel": "18a", "lid": "2"}],
            }
        ],
        "signalen": ["Open norm: <i>dringende redenen</i>"],
    },
}


def uitleg(record: dict, doelgroep: str = "burger", formaat: str = "text", maatwerk=None, weken: int = 6) -> str:
    tekst = render_uitleg(record, doelgroep, formaat, maatwerk, bezwaartermijn_weken=weken)
    return tekst.replace("\u00a0", " ")  # harde spatie tussen € en bedrag in HTML


def maatwerk(status: str = "VASTGESTELD", **anders) -> dict:
    """Een maatwerkbesluit zoals GET /maatwerkbesluiten/{id} het geeft (beoordeling genest)."""
    m = {
        "maatwerkbesluitId": "4b0c0c8e-0000-4000-8000-000000000001",
        "berekeningId": "b2",
        "grond": "AWB_5_46",
        "bron": [{"wet": "Algemene wet bestuursrecht", "artikel": "5:46", "lid": "2"}],
        "uitkomst": "BOETE",
        "boete": "420.00",
        "terugvordering": None,
        "oorspronkelijk": {"uitkomst": "BOETE", "boete": "840.84"},
        "motivering": "Betrokkene verzorgde haar zieke moeder; een boete van de helft is evenredig. " + SCRIPT,
        "omschrijving": "Afwijking op grond van Awb 5:46 lid 2: BOETE (€ 840,84) wordt BOETE (€ 420,00).",
        "aangevraagdDoor": "aanvrager",
        "status": status,
        "beoordeling": None,
    }
    if status != "TER_BEOORDELING":
        m["beoordeling"] = {
            "besluit": "GOEDGEKEURD" if status == "VASTGESTELD" else "AFGEWEZEN",
            "reden": None if status == "VASTGESTELD" else "Niet onderbouwd waarom de helft evenredig is.",
            "beoordeeldDoor": "collega",
            "tijdstip": "2026-03-03T09:00:00+00:00",
        }
    m.update(anders)
    return m


# ---------------------------------------------------------------- notatie


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        ("840.84", "€ 840,84"),
        ("8000.00", "€ 8.000,00"),
        ("8000", "€ 8.000,00"),
        ("1234567.8", "€ 1.234.567,80"),
        ("0.00", "€ 0,00"),
        (None, "—"),
    ],
)
def test_bedragen_in_nederlandse_notatie(waarde, tekst):
    assert geld(waarde) == tekst


def test_datum_tijdstip_en_bron():
    assert datum("2026-02-02") == "2 februari 2026"
    assert tijdstip("2026-03-02T09:15:00+00:00") == "2 maart 2026 om 10:15 (Nederlandse tijd)"
    assert tijdstip("2026-07-01T12:00:00+00:00") == "1 juli 2026 om 14:00 (Nederlandse tijd)"  # zomertijd
    assert bron({"wet": "Participatiewet", "artikel": "18a", "lid": "7"}) == "Participatiewet art. 18a lid 7"
    assert bron({"wet": "Participatiewet", "artikel": "58", "lid": "7", "onderdeel": "d"}) == (
        "Participatiewet art. 58 lid 7 onder d"
    )
    assert bron({"wet": "Centrale Raad van Beroep", "artikel": "ECLI:NL:CRVB:2016:9"}) == "CRvB ECLI:NL:CRVB:2016:9"


def test_onbekende_doelgroep_of_formaat():
    with pytest.raises(ValueError):
        uitleg(RECORD, "kind", "html")
    with pytest.raises(ValueError):
        uitleg(RECORD, "burger", "pdf")


# ---------------------------------------------------------------- voor elke soort

SOORTEN = ["boete", "benadeling", "verwijtbaarheid", "kwijtschelding", "schuldregeling"]


@pytest.mark.parametrize("naam", SOORTEN)
@pytest.mark.parametrize("formaat", ["html", "text"])
def test_burger_heeft_altijd_bezwaar_hulp_contact_en_wie_beslist(records, naam, formaat):
    tekst = uitleg(records[naam], "burger", formaat)
    assert "bezwaar" in tekst and "binnen zes weken" in tekst and "art. 6:7" in tekst
    assert "betalingsregeling" in tekst and "kwijtschelding" in tekst and "af te zien van terugbetalen" in tekst
    assert "uw gemeente, via het telefoonnummer op de brief" in tekst
    assert "Een medewerker van de gemeente neemt het besluit." in tekst
    assert records[naam]["berekeningId"] in tekst
    assert "fraude" not in tekst.lower()  # geen beschuldigende woorden (seeds-requirements R-03)
    assert "\u00a0" not in tekst


@pytest.mark.parametrize("naam", SOORTEN)
@pytest.mark.parametrize("formaat", ["html", "text"])
def test_professional_heeft_elke_stap_met_artikel_signalen_en_auditgegevens(records, naam, formaat):
    record = records[naam]
    tekst = uitleg(record, "professional", formaat)
    res = record["resultaat"]
    assert res["stappen"], "elke berekening heeft stappen"
    for stap in res["stappen"]:
        assert stap["regel"] in tekst
        for b in stap["bron"]:
            assert bron(b).replace("&", "&amp;" if formaat == "html" else "&") in tekst
    for signaal in res.get("signalen") or []:
        verwacht = signaal.replace("'", "&#39;") if formaat == "html" else signaal
        assert verwacht in tekst
    for sleutel in ("berekeningId", "regelversie", "hash", "vorigeHash"):
        assert record[sleutel] in tekst


def test_professional_benoemt_stappen_in_volgorde(records):
    tekst = uitleg(records["boete"], "professional", "text")
    posities = [tekst.index(f"[{s['regel']}]") for s in records["boete"]["resultaat"]["stappen"]]
    assert posities == sorted(posities)
    assert "1. Het benadelingsbedrag is opgegeven: € 8.000,00." in tekst
    assert "Boetebesluit socialezekerheidswetten art. 2 lid 4" in tekst


# ---------------------------------------------------------------- boete


def test_boete_voor_de_burger(records):
    tekst = uitleg(records["boete"])
    assert tekst.startswith("BESTUURLIJKE BOETE\n\nU krijgt een boete van € 840,84.\n")
    assert "Daardoor kreeg u te veel bijstand: € 8.000,00." in tekst
    assert "Daarom is de boete 50% van € 8.000,00." in tekst
    assert "Met uw inkomen kunt u € 70,07 per maand missen." in tekst
    assert "12 maanden keer dat bedrag: € 840,84." in tekst
    assert "De gemeente mag elke maand € 70,07 inhouden op uw bijstand. Dan is de boete na 12 maanden betaald." in tekst
    assert "Met € 70,07 per maand duurt dat 115 maanden (ruim 9 jaar)." in tekst
    assert "Het besluit is van 2 februari 2026." in tekst
    # de zinnen uit de stappen zijn voor professionals, niet voor de burger
    assert "college" not in tekst and "grondslag" not in tekst and "[boete." not in tekst


def test_boete_voor_de_professional(records):
    tekst = uitleg(records["boete"], "professional", "text")
    assert "Bestuurlijke boete: € 840,84" in tekst
    assert "Bepalende begrenzing: de draagkracht (DRAAGKRACHT)" in tekst
    assert "Draagkracht: € 70,07 per maand x 12 maanden = € 840,84" in tekst
    assert "Onzekere regelwaarde gebruikt" not in tekst  # issue #17: een boete van 2026 gebruikt geen onzekere waarde
    assert "ten minste twee onafhankelijke berichten bevestigen" in tekst  # de draagkracht van 5% (CRvB 4-8-2020)
    assert "* normale verwijtbaarheid, recidive nee: BOETE € 840,84." in tekst
    assert "- opzet, recidive nee: BOETE € 1.681,68." in tekst


def test_alternatieven_als_tabel_in_html(records):
    html = uitleg(records["boete"], "professional", "html")
    tabel = html[html.index('id="alternatieven"') :]
    tabel = tabel[: tabel.index("</table>")]
    assert '<th scope="col">Graad</th><th scope="col">Recidive</th><th scope="col">Uitkomst</th>' in tabel
    assert tabel.count("<tr") == 1 + len(records["boete"]["resultaat"]["alternatieven"])
    huidig = re.findall(r'<tr class="huidig"><td data-kop="Graad">([^<]*)</td>', tabel)
    assert huidig == ["normale verwijtbaarheid (huidig)"]
    assert "€ 1.681,68" in tabel


def test_waarschuwing(records):
    tekst = uitleg(records["boete_waarschuwing"])
    assert "U krijgt geen boete, maar een waarschuwing." in tekst
    assert "Zonder waarschuwing was de boete € 50,00 geweest." in tekst
    assert "U hoeft geen boete te betalen." in tekst
    assert "Los van de boete vraagt de gemeente terug wat u te veel kreeg: € 100,00." in tekst
    assert "Uitkomst: WAARSCHUWING\n" in uitleg(records["boete_waarschuwing"], "professional")


def test_zonder_benadeling_een_vast_bedrag_en_niets_terug(records):
    tekst = uitleg(records["boete_zonder_benadeling"])
    assert "U kreeg daardoor geen bijstand te veel." in tekst
    assert "Omdat u geen bijstand te veel kreeg, is de boete een vast bedrag: € 150,00." in tekst
    assert "U hoeft ook geen bijstand terug te betalen." in tekst
    assert "0%" not in tekst and "€ 0,00" not in tekst


@pytest.mark.parametrize(
    ("naam", "zin"),
    [
        ("boete_geen_verwijt", "De gemeente vindt dat u niets te verwijten valt. Daarom krijgt u geen boete."),
        ("boete_vervallen", "Het is te lang geleden. Na een aantal jaren mag de gemeente geen boete meer geven."),
        ("boete_afgezien", "De gemeente ziet af van een boete. Daar zijn dringende redenen voor."),
    ],
)
def test_geen_boete_en_afgezien(records, naam, zin):
    tekst = uitleg(records[naam])
    assert "U krijgt geen boete.\n" in tekst
    assert zin in tekst
    assert "U hoeft geen boete te betalen." in tekst
    assert "Los van de boete vraagt de gemeente terug wat u te veel kreeg: € 8.000,00." in tekst


def test_boven_bijstandsniveau_aflossen_in_plaats_van_inhouden(records):
    tekst = uitleg(records["boete_boven_bijstandsniveau"])
    assert "U kunt elke maand € 500,00 aflossen. Dan is de boete na 8 maanden betaald." in tekst
    assert "inhouden op uw bijstand" not in tekst


def test_invoer_als_json_tekst(records):
    record = copy.deepcopy(records["boete_boven_bijstandsniveau"])
    record["invoer"] = json.dumps(record["invoer"])  # zoals de kolom in de database
    assert "U kunt elke maand € 500,00 aflossen." in uitleg(record)


def test_recidive_in_gewone_woorden_uit_het_resultaat():
    record = {
        "berekeningId": "b2",
        "soort": "boeteberekening",
        "resultaat": {
            "uitkomst": "BOETE",
            "boete": "1500.00",
            "verwijtbaarheid": "NORMAAL",
            "boetepercentage": 50,
            "recidive": True,
            "benadelingsbedrag": "2000.00",
            "grondslag": "3000.00",
            "bepalendeBegrenzing": "PERCENTAGE",
            "verrekening": {"perMaand": "300.00", "maandenBoete": 5},
            "beschikkingsdatum": "2026-02-02",
        },
    }
    tekst = uitleg(record)
    assert "Daarom telt het bedrag voor 150% mee: € 3.000,00." in tekst
    assert "Daarom is de boete 50% van € 3.000,00." in tekst
    assert "Dan is de boete na 5 maanden betaald." in tekst


# ---------------------------------------------------------------- andere soorten


def test_benadeling(records):
    tekst = uitleg(records["benadeling"])
    assert "U kreeg € 500,00 te veel bijstand." in tekst
    assert "1 januari 2026 tot en met 31 januari 2026: u kreeg € 1.401,50, maar had recht op € 901,50." in tekst
    assert "De gemeente vraagt € 500,00 terug. Dat moet volgens de wet (Participatiewet art. 58)." in tekst
    assert "Terugvordering netto / bruto: € 500,00 / € 500,00" in uitleg(records["benadeling"], "professional")


def test_benadeling_bruto_en_escaping():
    tekst = uitleg(RECORD)
    assert "U kreeg € 1.234,50 te veel bijstand." in tekst
    assert "Daarom vraagt de gemeente € 1.300,00 (bruto) terug." in tekst
    assert "Het besluit is van 2 maart 2026." in tekst
    html = uitleg(RECORD, "professional", "html")
    assert "Som &lt;b&gt;vet&lt;/b&gt;" in html and "<b>vet</b>" not in html
    assert "Open norm: &lt;i&gt;dringende redenen&lt;/i&gt;" in html
    assert "Participatiewet art. 18a lid 2" in html
    assert "Som <b>vet</b>" in uitleg(RECORD, "professional", "text")  # platte tekst: niets te escapen


def test_verwijtbaarheid(records):
    tekst = uitleg(records["verwijtbaarheid"])
    assert "De gemeente vindt dat er sprake is van grove schuld." in tekst
    assert "75% van het bedrag dat u te veel kreeg" in tekst and "18 maanden" in tekst
    assert "Dit moet de gemeente bewijzen." in tekst
    geen = uitleg(records["verwijtbaarheid_geen"])
    assert "De gemeente vindt dat u niets te verwijten valt." in geen and "Daarom krijgt u geen boete." in geen
    assert "0%" not in geen and "0 maanden" not in geen


def test_kwijtschelding(records):
    tekst = uitleg(records["kwijtschelding"])
    assert "Kan de gemeente uw schuld (deels) kwijtschelden?" in tekst
    kan = tekst[tekst.index("\nDit kan\n") : tekst.index("\nDit kan niet\n")]
    assert "Kwijtschelding van de boete bij een schuldregeling (Participatiewet art. 18a lid 13)." in kan
    niet = tekst[tekst.index("\nDit kan niet\n") :]
    assert "Kwijtschelding omdat invorderen onevenredig is (Awb art. 4:94a)." in niet
    professional = uitleg(records["kwijtschelding"], "professional")
    assert "MOGELIJK" in professional and "NIET_MOGELIJK" in professional


def test_schuldregeling(records):
    tekst = uitleg(records["schuldregeling"])
    assert "TV-2025-0142 (€ 8.000,00): moet helemaal worden betaald." in tekst
    assert "BB-2025-0077 (€ 840,84): kan op verzoek worden kwijtgescholden." in tekst
    assert "Kan worden kwijtgescholden: € 1.740,84." in tekst
    assert "na 115 maanden (ruim 9 jaar) betaald" in tekst
    assert "Kwijtscheldbaar / blijft staan: € 1.740,84 / € 8.000,00" in uitleg(
        records["schuldregeling"], "professional"
    )


def test_onbekende_soort_geeft_toch_een_pagina():
    record = {"berekeningId": "x1", "soort": "herberekening", "resultaat": {}, "regelversie": "v", "hash": "h"}
    assert "De gemeente heeft een berekening vastgelegd." in uitleg(record)
    assert "Herberekening" in uitleg(record, "professional", "html")


# ---------------------------------------------------------------- maatwerk


def test_vastgesteld_maatwerk_verandert_de_uitkomst_voor_de_burger(records):
    tekst = uitleg(records["boete"], maatwerk=[maatwerk()])
    assert tekst.count("U krijgt een boete van € 420,00.") == 1
    assert "Uit de berekening kwam een boete van € 840,84." in tekst
    assert "De boete is verlaagd naar € 420,00." in tekst
    assert "De reden: Betrokkene verzorgde haar zieke moeder" in tekst
    assert "Twee medewerkers van de gemeente hebben dit besloten." in tekst
    # de oude termijn van 12 maanden hoort bij de oude boete
    assert "na 12 maanden betaald" not in tekst and "De boete is € 420,00." in tekst
    # volgorde: berekening, dan het maatwerk, dan wat u moet betalen
    assert tekst.index("Hoe is dit berekend?") < tekst.index("naar uw situatie gekeken") < tekst.index("Wat moet u")


@pytest.mark.parametrize("status", ["TER_BEOORDELING", "AFGEWEZEN"])
def test_maatwerk_dat_niet_is_vastgesteld_verandert_niets_voor_de_burger(records, status):
    burger = uitleg(records["boete"], maatwerk=[maatwerk(status)])
    assert burger == uitleg(records["boete"])
    professional = uitleg(records["boete"], "professional", maatwerk=[maatwerk(status)])
    assert f"- {status}: Algemene wet bestuursrecht art. 5:46 lid 2" in professional
    assert "Afwijking: boete € 840,84 -> boete € 420,00" in professional
    assert "Aangevraagd door aanvrager" in professional
    if status == "AFGEWEZEN":
        assert "afgewezen door collega op 3 maart 2026 om 10:00 (Nederlandse tijd)." in professional
        assert "Reden: Niet onderbouwd waarom de helft evenredig is." in professional


def test_maatwerk_in_platte_vorm():
    """De vorm uit de opdracht: beoordeeldDoor en reden op het hoogste niveau, zonder bron of oorspronkelijk."""
    plat = {
        "id": "m7",
        "grond": "PW_18A_LID_7",
        "uitkomst": "AFGEZIEN",
        "boete": "0.00",
        "motivering": "Ernstige ziekte van betrokkene; een boete leidt tot onaanvaardbare schulden.",
        "status": "VASTGESTELD",
        "aangevraagdDoor": "jan",
        "beoordeeldDoor": "piet",
        "reden": None,
    }
    record = {
        "berekeningId": "b3",
        "soort": "boeteberekening",
        "resultaat": {
            "uitkomst": "BOETE",
            "boete": "840.84",
            "benadelingsbedrag": "8000.00",
            "verwijtbaarheid": "NORMAAL",
        },
    }
    burger = uitleg(record, maatwerk=[plat])
    assert "U krijgt geen boete." in burger and "De gemeente ziet af van de boete." in burger
    professional = uitleg(record, "professional", maatwerk=[plat])
    assert (
        "- VASTGESTELD: Participatiewet art. 18a lid 7 (afzien van de boete wegens dringende redenen)" in professional
    )
    assert "Afwijking: afgezien van een boete" in professional
    assert "Aangevraagd door jan; vastgesteld door piet." in professional


def test_maatwerk_op_de_terugvordering(records):
    m = maatwerk(
        grond="PW_58_LID_8",
        bron=None,
        uitkomst=None,
        boete=None,
        terugvordering="250.00",
        oorspronkelijk={"terugvordering": "500.00"},
    )
    tekst = uitleg(records["benadeling"], maatwerk=[m])
    assert tekst.count("U moet € 250,00 terugbetalen.") == 2  # kop en "Wat moet u betalen?"
    assert "Volgens de berekening was dat eerst € 500,00." in tekst
    professional = uitleg(records["benadeling"], "professional", maatwerk=[m])
    assert "Participatiewet art. 58 lid 8 (afzien van terugvordering wegens dringende redenen)" in professional
    assert "Afwijking: terugvordering € 500,00 -> terugvordering € 250,00" in professional


def test_maatwerk_uit_het_record_zelf(records):
    record = {**records["boete"], "maatwerkbesluiten": [maatwerk()]}
    assert "U krijgt een boete van € 420,00." in uitleg(record)
    assert "U krijgt een boete van € 840,84." in uitleg(record, maatwerk=[])  # expliciet: geen maatwerk


@pytest.mark.parametrize("doelgroep", ["burger", "professional"])
def test_tekst_van_mensen_wordt_in_html_ge_escaped(records, doelgroep):
    html = uitleg(records["boete"], doelgroep, "html", maatwerk=[maatwerk()])
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert SCRIPT in uitleg(records["boete"], doelgroep, "text", maatwerk=[maatwerk()])


# ---------------------------------------------------------------- vorm


@pytest.mark.parametrize("doelgroep", ["burger", "professional"])
def test_html_is_een_volledige_toegankelijke_pagina_zonder_externe_bronnen(records, doelgroep):
    html = uitleg(records["boete"], doelgroep, "html", maatwerk=[maatwerk()])
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert '<meta charset="utf-8">' in html and "<title>" in html and "<style>" in html and "@media print" in html
    assert html.count("<h1>") == 1 and "<h2" in html and "<main>" in html
    for verboden in ("<script", "<link", "<img", "<iframe", "src=", "http://", "https://", "@import", "url("):
        assert verboden not in html, verboden
    assert html.rstrip().endswith("</html>")


@pytest.mark.parametrize("doelgroep", ["burger", "professional"])
def test_tekst_heeft_geen_opmaakcode(records, doelgroep):
    tekst = uitleg(records["boete"], doelgroep, "text")
    assert not re.search(r"</?[a-z]+[ >]", tekst)
    assert "&amp;" not in tekst and "&#39;" not in tekst and "{{" not in tekst and "{%" not in tekst


def test_deterministisch(records):
    for doelgroep in ("burger", "professional"):
        for formaat in ("html", "text"):
            eerste = render_uitleg(records["boete"], doelgroep, formaat, [maatwerk()], bezwaartermijn_weken=6)
            assert eerste == render_uitleg(
                copy.deepcopy(records["boete"]), doelgroep, formaat, [maatwerk()], bezwaartermijn_weken=6
            )


def test_bezwaartermijn_komt_uit_de_regeldata():
    assert "binnen zes weken" in uitleg(RECORD, weken=6)
    assert "binnen acht weken" in uitleg(RECORD, weken=8)
