"""De Content-Security-Policy in een echte browser (issue #20, defect 9): de pagina's komen van een echte server, dus
met hun headers (de andere browsertests tonen de HTML met set_content, zonder headers). Een overtreding van de CSP
meldt Chromium als fout in de console, en wat de CSP tegenhoudt (een stijlblok, een script) werkt dan niet."""

from __future__ import annotations

import httpx
import pytest

from app.main import maak_app
from tests.api.conftest import VOORBEELD, instellingen, kop
from tests.live import draaiende_server


@pytest.fixture
def poort(tmp_path):
    with draaiende_server(maak_app(instellingen(f"sqlite:///{tmp_path}/maatstaf.db"))) as p:
        yield p


def _open(browser, url: str, fouten: list[str]):
    """Een nieuwe pagina met het token in elk verzoek; geeft (pagina, antwoord)."""
    pagina = browser.new_page()
    pagina.set_extra_http_headers(kop())
    pagina.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    return pagina, pagina.goto(url, wait_until="load")


def test_uitleg_en_teamoverzicht_met_hun_csp(browser, poort):
    basis = f"http://127.0.0.1:{poort}/api/v1"
    record = httpx.post(f"{basis}/boeteberekeningen", json=VOORBEELD, headers=kop()).json()
    for url in (
        f"{basis}/berekeningen/{record['berekeningId']}/uitleg?doelgroep=burger",
        f"{basis}/berekeningen/{record['berekeningId']}/uitleg?doelgroep=professional",
        f"{basis}/teamoverzichten",  # de browser vraagt text/html
    ):
        fouten: list[str] = []
        pagina, antwoord = _open(browser, url, fouten)
        try:
            assert pagina.evaluate("document.contentType") == "text/html"
            assert "default-src 'none'" in antwoord.headers["content-security-policy"]
            # de stijlblokken van de pagina zijn toegepast (hun hash staat in de CSP), anders de standaardstijl
            assert pagina.evaluate("getComputedStyle(document.querySelector('header')).borderBottomWidth") == "4px"
            assert pagina.evaluate("getComputedStyle(document.querySelector('h2')).color") == "rgb(21, 66, 115)"
            assert fouten == [], (url, fouten)
        finally:
            pagina.close()


def test_swagger_ui_werkt_met_zijn_csp_ook_try_it_out(browser, poort):
    """Swagger UI laadt, rendert en voert een verzoek uit (connect-src 'self') zonder een overtreding van de CSP."""
    fouten: list[str] = []
    pagina, _ = _open(browser, f"http://127.0.0.1:{poort}/api/v1/docs", fouten)
    try:
        pagina.wait_for_selector(".opblock-summary", timeout=20_000)
        blok = pagina.locator(".opblock", has=pagina.locator(".opblock-summary-path", has_text="/health/live")).first
        blok.locator(".opblock-summary").click()
        blok.locator("button.execute").click()
        pagina.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=20_000)
        assert "200" in blok.locator(".live-responses-table tbody .response-col_status").first.inner_text()
        assert fouten == [], fouten
    finally:
        pagina.close()


def test_swagger_ui_vult_geen_idempotency_key_in(browser, poort):
    """Twee verschillende 'Try it out'-verzoeken kregen dezelfde voorgevulde Idempotency-Key (de tweede: 422)."""
    fouten: list[str] = []
    pagina, _ = _open(browser, f"http://127.0.0.1:{poort}/api/v1/docs", fouten)
    try:
        pagina.wait_for_selector(".opblock-summary", timeout=20_000)
        pad = pagina.locator(".opblock-summary-path", has_text="/boeteberekeningen")
        blok = pagina.locator(".opblock-post", has=pad).first
        blok.locator(".opblock-summary").click()
        veld = blok.locator("tr[data-param-name='Idempotency-Key'] input")
        veld.wait_for(timeout=20_000)
        assert veld.input_value() == ""
        assert fouten == [], fouten
    finally:
        pagina.close()


def test_swagger_ui_noemt_het_contact_in_het_nederlands(browser, poort):
    """Swagger UI schreef "Team Maatstaf - Website" en "Send email to Team Maatstaf" in een verder Nederlands document."""
    fouten: list[str] = []
    pagina, _ = _open(browser, f"http://127.0.0.1:{poort}/api/v1/docs", fouten)
    try:
        contact = pagina.locator(".info__contact")
        contact.wait_for(timeout=20_000)
        tekst = contact.inner_text()
        assert "Website van Team Maatstaf" in tekst and "E-mail naar Team Maatstaf" in tekst, tekst
        assert "Send email" not in tekst and "- Website" not in tekst
        links = contact.locator("a")
        assert {links.nth(i).get_attribute("href") for i in range(links.count())} == {
            "https://github.com/maatstaf/maatstaf",
            "mailto:maatstaf@example.org",
        }
        assert fouten == [], fouten
    finally:
        pagina.close()
