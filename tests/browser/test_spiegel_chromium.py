"""Het teamoverzicht (issue #10 §3) in een echte browser: headless Chromium, laptopscherm, met schermafdruk."""

from __future__ import annotations

from app.api.http.auth import BEOORDELAAR, MEDEWERKER, maak_token
from tests.api.conftest import GEHEIM, VOORBEELD
from tests.browser.test_uitleg_chromium import _artefacten


def _kop(sub: str, team: str) -> dict:
    return {"Authorization": f"Bearer {maak_token(sub, '0363', (MEDEWERKER, BEOORDELAAR), GEHEIM, 3600, team=team)}"}


def test_teamoverzicht_in_chromium(client, browser):
    zaak = {**VOORBEELD, "overtreding": {**VOORBEELD["overtreding"], "soortOvertreding": "INKOMEN"}}
    opzet = {**zaak, "verwijtbaarheid": {"graad": "OPZET", "bewijs": ["rapport Z-1"]}}
    waarschuwing = {**zaak, "benadelingsbedrag": "100.00"}
    for sub, team, verzoeken in (
        ("jan", "NOORD", [zaak] * 9 + [opzet] * 2),
        ("piet", "NOORD", [zaak] * 8 + [waarschuwing] * 3),
        ("klaas", "ZUID", [zaak] * 10 + [waarschuwing] * 2),
        ("els", "ZUID", [zaak] * 3),
    ):
        for verzoek in verzoeken:
            assert client.post("/api/v1/boeteberekeningen", json=verzoek, headers=_kop(sub, team)).status_code == 201
    r = client.get("/api/v1/teamoverzichten", headers={"Accept": "text/html"})
    assert r.status_code == 200

    pagina = browser.new_page()
    verzoeken: list[str] = []
    fouten: list[str] = []
    pagina.on("request", lambda verzoek: verzoeken.append(verzoek.url))
    pagina.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    try:
        pagina.set_viewport_size({"width": 1366, "height": 768})  # een laptopscherm
        pagina.set_content(r.text, wait_until="load")
        tekst = pagina.inner_text("body").replace("\u00a0", " ")
        assert pagina.evaluate("document.documentElement.lang") == "nl"
        assert pagina.locator("h1").count() == 1 and pagina.locator("h2").count() == 5
        assert pagina.locator("script").count() == 0
        assert pagina.evaluate("getComputedStyle(document.querySelector('h2')).color") == "rgb(21, 66, 115)"
        # drie grafieken, elk zichtbaar en binnen de breedte van het scherm (niet horizontaal scrollen)
        grafieken = pagina.locator("svg.grafiek")
        assert grafieken.count() == 3
        for i in range(3):
            vak = grafieken.nth(i).bounding_box()
            assert vak is not None and 600 < vak["width"] <= 1366 and vak["height"] > 60
        assert pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert "Beslissingen naar uitkomst" in tekst and "Per medewerker (pseudoniem)" in tekst
        assert "NOORD" in tekst and "ZUID" in tekst
        assert "1 medewerker(s) met minder dan 10 zaken niet getoond." in tekst  # els: 3 zaken
        assert "jan" not in tekst and "klaas" not in tekst
        pagina.screenshot(path=str(_artefacten() / "teamoverzicht.png"), full_page=True)
        assert [u for u in verzoeken if not u.startswith(("about:", "data:"))] == []  # geen externe bronnen
        assert fouten == []
    finally:
        pagina.close()
