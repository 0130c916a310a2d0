"""De uitleg in een echte browser: headless Chromium (Debian-pakket), bestuurd met Playwright.

Controleert wat een mens op het scherm ziet en bewaart per pagina een schermafdruk als CI-artefact
(map uit MAATSTAF_ARTEFACTEN, standaard tests/browser/artefacten/). Zonder /usr/bin/chromium wordt de test
overgeslagen, behalve met MAATSTAF_REQUIRE_BROWSER=1 (zo draait CI): dan faalt hij (zie conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.api.conftest import VOORBEELD, kop

MOTIVERING = (
    "Betrokkene verzorgde in de hele periode haar ernstig zieke moeder en meldde de inkomsten daardoor te laat; "
    "een boete van de helft is evenredig. <script>document.title = 'gehackt'</script>"
)


def _artefacten() -> Path:
    map_ = Path(os.environ.get("MAATSTAF_ARTEFACTEN") or Path(__file__).parent / "artefacten")
    map_.mkdir(parents=True, exist_ok=True)
    return map_


def _pagina(browser, html: str, naam: str) -> str:
    """Toont de HTML, controleert de vorm en bewaart een schermafdruk; geeft de zichtbare tekst terug."""
    pagina = browser.new_page()
    verzoeken: list[str] = []
    fouten: list[str] = []
    pagina.on("request", lambda verzoek: verzoeken.append(verzoek.url))
    pagina.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    try:
        pagina.set_content(html, wait_until="load")
        tekst = pagina.inner_text("body").replace("\u00a0", " ")
        assert pagina.evaluate("document.documentElement.lang") == "nl"
        assert pagina.title() and pagina.title() != "gehackt"
        assert pagina.locator("h1").count() == 1 and pagina.locator("h2").count() >= 3
        assert pagina.locator("script").count() == 0
        # de opmaak uit de pagina zelf is toegepast (niet de standaardstijl van de browser)
        assert pagina.evaluate("getComputedStyle(document.querySelector('h2')).color") == "rgb(21, 66, 115)"
        pagina.screenshot(path=str(_artefacten() / f"{naam}.png"), full_page=True)
        assert [u for u in verzoeken if not u.startswith(("about:", "data:"))] == []  # geen externe bronnen
        assert fouten == []
        return tekst
    finally:
        pagina.close()


def test_uitleg_burger_en_professional_in_chromium(client, browser):
    r = client.post("/api/v1/boeteberekeningen", json=VOORBEELD)
    berekening_id = r.json()["berekeningId"]
    basis = f"/api/v1/berekeningen/{berekening_id}/uitleg"

    burger = _pagina(browser, client.get(f"{basis}?doelgroep=burger").text, "uitleg-burger")
    assert "U krijgt een boete van € 840,84." in burger
    assert "Hoe is dit berekend?" in burger and "€ 70,07 per maand" in burger
    assert "zes weken" in burger and "betalingsregeling" in burger
    assert "via het telefoonnummer op de brief" in burger
    assert "Een medewerker van de gemeente neemt het besluit." in burger

    professional = _pagina(browser, client.get(f"{basis}?doelgroep=professional").text, "uitleg-professional")
    assert "Bepalende begrenzing" in professional and "de draagkracht" in professional
    assert "Boetebesluit socialezekerheidswetten art. 2 lid 4" in professional
    assert "Alternatieven" in professional and "€ 1.681,68" in professional
    assert "Onzekere regelwaarde" not in professional and "onafhankelijke berichten" in professional  # issue #17
    assert berekening_id in professional and "Regelversie" in professional and "Hash" in professional


def test_uitleg_met_vastgesteld_maatwerk_in_chromium(client, browser):
    berekening_id = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()["berekeningId"]
    aanvraag = client.post(
        f"/api/v1/berekeningen/{berekening_id}/maatwerkbesluiten",
        json={"grond": "AWB_5_46", "boete": "420.00", "motivering": MOTIVERING},
        headers=kop("aanvrager", rollen=("medewerker",)),
    ).json()
    client.post(
        f"/api/v1/maatwerkbesluiten/{aanvraag['maatwerkbesluitId']}/beoordelingen",
        json={"besluit": "GOEDGEKEURD"},
        headers=kop("collega", rollen=("beoordelaar",)),
    )
    burger = _pagina(browser, client.get(f"/api/v1/berekeningen/{berekening_id}/uitleg").text, "uitleg-burger-maatwerk")
    assert "U krijgt een boete van € 420,00." in burger
    assert "De gemeente heeft naar uw situatie gekeken" in burger
    assert "De boete is verlaagd naar € 420,00." in burger and "Twee medewerkers" in burger

    # tekst van mensen staat er letterlijk, als tekst: het script is niet uitgevoerd (_pagina telt 0 scripts)
    assert "<script>document.title = 'gehackt'</script>" in burger
    professional = _pagina(
        browser,
        client.get(f"/api/v1/berekeningen/{berekening_id}/uitleg?doelgroep=professional").text,
        "uitleg-professional-maatwerk",
    )
    assert "VASTGESTELD" in professional and "goedgekeurd door collega" in professional
    assert "boete € 840,84 → boete € 420,00" in professional
    assert "<script>document.title = 'gehackt'</script>" in professional


def test_uitleg_met_beleid_van_de_gemeente_in_chromium(client, browser):
    """Een stap die op beleid rust: de professional ziet de beleidsregel in een eigen kolom, naast wet en rechtspraak,
    op een laptopscherm zonder horizontaal scrollen; de burger leest dat het een keuze van de gemeente is."""
    versie = client.post(
        "/api/v1/beleidsversies",
        json={
            "geldigVanaf": "2026-01-01",
            "waarden": {"draagkrachtMaanden": {"NORMAAL": 10}, "afronding": "NAAR_BOVEN_OP_TIENTALLEN"},
            "bron": {
                "titel": "Beleidsregels handhaving Participatiewet 2026",
                "cvdr": "CVDR712345",
                "artikelen": {"draagkrachtMaanden": "artikel 7 lid 2", "afronding": "artikel 6"},
            },
        },
        headers=kop("beleid-a", rollen=("beleidsbeheerder",)),
    ).json()
    client.post(
        f"/api/v1/beleidsversies/{versie['beleidsversieId']}/beoordelingen",
        json={"besluit": "GOEDGEKEURD"},
        headers=kop("beleid-b", rollen=("beleidsbeheerder",)),
    )
    berekening_id = client.post("/api/v1/boeteberekeningen", json=VOORBEELD).json()["berekeningId"]
    basis = f"/api/v1/berekeningen/{berekening_id}/uitleg"
    professional = _pagina(browser, client.get(f"{basis}?doelgroep=professional").text, "uitleg-professional-beleid")
    assert "Wet en rechtspraak" in professional and "Beleid van de gemeente" in professional
    assert "artikel 7 lid 2 (CVDR712345)" in professional
    assert "€ 700,00" in professional
    pagina = browser.new_page()
    try:
        pagina.set_viewport_size({"width": 1366, "height": 768})
        pagina.set_content(client.get(f"{basis}?doelgroep=professional").text, wait_until="load")
        assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        pagina.close()
    burger = _pagina(browser, client.get(basis).text, "uitleg-burger-beleid")
    assert "Wat heeft uw gemeente zelf gekozen?" in burger
    assert "De gemeente rondt de boete af op een veelvoud van € 10. Dit is een keuze van uw gemeente." in burger
