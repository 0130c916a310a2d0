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
    tekst = render_uitleg(RECORD, "burger", "text")
    assert "U kreeg € 1.234,50 te veel bijstand." in tekst
    assert "1 januari 2026 tot en met 31 januari 2026" in tekst
    assert "€ 1.300,00 (bruto)" in tekst
    assert "Het besluit is van 2 maart 2026." in tekst


def test_html_escapet_en_tekst_niet():
    html = render_uitleg(RECORD, "professional", "html")
    assert "Som &lt;b&gt;vet&lt;/b&gt;" in html
    assert "Participatiewet art. 18a lid 2" in html
    assert "Som <b>vet</b>" in render_uitleg(RECORD, "professional", "text")


def test_onbekende_doelgroep_of_formaat():
    with pytest.raises(ValueError):
        render_uitleg(RECORD, "kind", "html")
    with pytest.raises(ValueError):
        render_uitleg(RECORD, "burger", "pdf")
