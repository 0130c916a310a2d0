"""De uitleg als pure functie: notatie, escaping, en elke doelgroep en elk formaat."""

from __future__ import annotations

import pytest

from app.uitleg import bron, datum, geld, render_uitleg

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
        "signalen": [],
    },
}


@pytest.mark.parametrize(
    ("waarde", "tekst"), [("840.84", "€ 840,84"), ("8000.00", "€ 8.000,00"), ("0.00", "€ 0,00"), (None, "—")]
)
def test_bedragen_in_nederlandse_notatie(waarde, tekst):
    assert geld(waarde) == tekst


def test_datum_en_bron():
    assert datum("2026-02-02") == "2 februari 2026"
    assert bron({"wet": "Participatiewet", "artikel": "58", "lid": "7", "onderdeel": "d"}) == (
        "Participatiewet art. 58 lid 7 onder d"
    )
    assert bron({"wet": "Centrale Raad van Beroep", "artikel": "ECLI:NL:CRVB:2016:9"}) == "CRvB ECLI:NL:CRVB:2016:9"


def test_burger_benadeling():
    tekst = render_uitleg(RECORD, "burger", "text", bezwaartermijn_weken=6)
    assert "U kreeg € 1.234,50 te veel bijstand." in tekst
    assert "1 januari 2026 tot en met 31 januari 2026" in tekst
    assert "€ 1.300,00 (bruto)" in tekst
    assert "Het besluit is van 2 maart 2026." in tekst


def test_html_escapet_en_tekst_niet():
    html = render_uitleg(RECORD, "professional", "html", bezwaartermijn_weken=6)
    assert "Som &lt;b&gt;vet&lt;/b&gt;" in html
    assert "Participatiewet art. 18a lid 2" in html
    assert "Som <b>vet</b>" in render_uitleg(RECORD, "professional", "text", bezwaartermijn_weken=6)


def test_onbekende_doelgroep_of_formaat():
    with pytest.raises(ValueError):
        render_uitleg(RECORD, "kind", "html", bezwaartermijn_weken=6)
    with pytest.raises(ValueError):
        render_uitleg(RECORD, "burger", "pdf", bezwaartermijn_weken=6)


def test_bezwaartermijn_komt_uit_de_regeldata():
    assert "binnen zes weken" in render_uitleg(RECORD, "burger", "text", bezwaartermijn_weken=6)
    assert "binnen acht weken" in render_uitleg(RECORD, "burger", "text", bezwaartermijn_weken=8)


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
    tekst = render_uitleg(record, "burger", "text", bezwaartermijn_weken=6)
    assert "Daarom telt het bedrag voor 150% mee: € 3.000,00." in tekst
    assert "Daarom is de boete 50% van € 3.000,00." in tekst
