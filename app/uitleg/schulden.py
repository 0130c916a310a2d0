"""De burgeruitleg bij de beslagvrije voet en bij het antwoord op een betaalvoorstel, in B1-taal.

Zelfde vorm als app/uitleg/burger.py (daar staan de andere soorten): een kop en secties.
"""

from __future__ import annotations

from app.uitleg.notatie import Sectie, datum, duur, geld

BVV = "beslagvrijevoetberekening"
BETAALVOORSTEL = "betaalvoorstelbeoordeling"

#: Wat een deel van de voet is, in gewone woorden (de namen van app/domain/beslagvrije_voet/).
VOETDEEL = {
    "normdeel": "Basisbedrag uit de bijstandsnorm",
    "woondeel": "Voor uw woonkosten",
    "zorgdeel": "Voor uw zorgverzekering",
    "kgbDeel": "Voor uw kinderen",
    "maximumLid1": "Begrensd op het maximum",
    "woonkostenverhoging": "Extra voor hoge woonkosten",
    "verminderingPartner": "Minder, omdat uw partner inkomen heeft",
    "verminderingEigenInkomen": "Minder, omdat u inkomen heeft waarop geen beslag ligt",
    "ondergrens475dc": "Aangevuld tot 95% van uw inkomen",
    "geenWoonadres": "Zonder woonadres in Nederland",
    "oud475dLid1": "90% van de bijstandsnorm",
    "bijstandsnormLid2": "Bij een bijstandsuitkering",
    "prijsZorg": "Bij verblijf in een instelling",
    "tweeDerdeNormPw23": "Bij verblijf in een instelling",
    "pw23Lid2": "Bij verblijf in een instelling",
}
ANTWOORD = {
    "AKKOORD": "de gemeente gaat akkoord",
    "NIET_AKKOORD": "de gemeente gaat niet akkoord",
    "BEOORDELING_VEREIST": "een medewerker van de gemeente beslist nog",
}


def kop(soort: str, res: dict) -> str | None:
    if soort == BVV:
        if res.get("status") == "BEOORDELING_VEREIST":
            return "Uw beslagvrije voet is nog niet helemaal berekend."
        return f"Bij beslag houdt u ten minste {geld(res.get('beslagvrijeVoet'))} per maand."
    if soort == BETAALVOORSTEL:
        if res.get("bericht") == "GEEN_MEDEWERKING":
            return "De gemeente mag niet meewerken aan deze schuldregeling."
        return "Het antwoord van de gemeente op uw betaalvoorstel."
    return None


def secties(soort: str, res: dict) -> list[Sectie] | None:
    if soort == BVV:
        return _beslagvrije_voet(res)
    if soort == BETAALVOORSTEL:
        return _betaalvoorstel(res)
    return None


def wat_kunt_u_doen(soort: str) -> tuple[str, ...]:
    """Wat de burger na deze berekening kan doen, naast bezwaar en vragen (leeg: de gewone tekst van burger.py)."""
    if soort == BVV:
        return (
            "Klopt iets niet, zoals uw inkomen, uw woonkosten of wie er in uw gezin wonen? Laat het de gemeente "
            "weten. Dan berekent zij de voet opnieuw.",
            "Heeft u schulden? U kunt hulp vragen bij schulden (schuldhulpverlening).",
        )
    if soort == BETAALVOORSTEL:
        return ("Uw schuldhulpverlener krijgt dit antwoord. Vraag hem wat het betekent voor uw regeling.",)
    return ()


def _beslagvrije_voet(res: dict) -> list[Sectie]:
    wat = Sectie(
        "Wat is de beslagvrije voet?",
        [
            "Als iemand beslag legt op uw inkomen, houdt u altijd een deel van uw inkomen over. Dat deel heet de "
            "beslagvrije voet. De wet bepaalt hoe hoog die is (Wetboek van Burgerlijke Rechtsvordering, artikel "
            "475da tot en met 475e).",
            f"Uw beslagvrije voet is {geld(res.get('beslagvrijeVoet'))} per maand.",
        ],
    )
    if res.get("maximum"):
        wat.alineas.append(f"Hoger dan {geld(res.get('maximum'))} per maand kan hij in uw situatie niet zijn.")
    berekend = Sectie("Hoe is dit berekend?", ["De voet bestaat uit deze delen:"])
    for deel in res.get("delen") or []:
        bedrag = str(deel.get("bedrag", ""))
        tekst = VOETDEEL.get(deel.get("naam"), deel.get("naam"))
        berekend.lijst.append(f"{tekst}: {'min ' + geld(bedrag[1:]) if bedrag.startswith('-') else geld(bedrag)}")
    betekent = Sectie(
        "Wat betekent dit voor u?",
        [
            f"Van uw inkomen mag per maand ten hoogste {geld(res.get('afloscapaciteit'))} naar uw schulden gaan. "
            "De rest is voor uw eigen kosten."
        ],
    )
    if res.get("geldigTot"):
        betekent.alineas.append(
            f"Deze berekening geldt tot en met {datum(res['geldigTot'])}. Verandert uw situatie eerder, bijvoorbeeld "
            "uw inkomen of uw woonkosten? Vraag dan om een nieuwe berekening."
        )
    uit = [wat, berekend, betekent]
    if res.get("beoordelingVereist"):
        uit.append(
            Sectie(
                "Wat is nog niet berekend?",
                ["Een deel kan de gemeente niet zelf uitrekenen. Een medewerker bekijkt dat:"],
                [f"{VOETDEEL.get(b.get('deel'), b.get('deel'))}: {b.get('reden')}" for b in res["beoordelingVereist"]],
            )
        )
    return uit


def _betaalvoorstel(res: dict) -> list[Sectie]:
    looptijd = res.get("looptijd") or {}
    voorstel = Sectie(
        "Wat is er gebeurd?",
        [
            "Uw schuldhulpverlener heeft de gemeente een betaalvoorstel gedaan: u betaalt een deel van uw schulden, "
            "en de rest wordt kwijtgescholden.",
            f"De regeling duurt {duur(looptijd.get('voorgesteld') or 0)}."
            if looptijd.get("voorgesteld")
            else "U betaalt in één keer.",
        ],
    )
    if res.get("bericht") == "GEEN_MEDEWERKING":
        voorstel.alineas.append(f"De gemeente mag niet meewerken: {res.get('geenMedewerking')}")
    per_schuld = Sectie("Per schuld", ["De gemeente heeft elke schuld bij haar bekeken:"])
    for v in res.get("vorderingen") or []:
        # bij niet akkoord de eerste reden uit de wet (na wat het voorstel biedt); wat nog beslist moet worden, zegt
        # de medewerker in zijn antwoord
        redenen = [r for r in v.get("redenen") or [] if not r.startswith("Het voorstel biedt")]
        reden = f" {redenen[0]}" if redenen and v.get("antwoord") == "NIET_AKKOORD" else ""
        per_schuld.lijst.append(
            f"{v.get('id')} ({geld((v.get('saldo') or {}).get('openstaand'))} open): "
            f"{ANTWOORD.get(v.get('antwoord'), '?')}.{reden}"
        )
    samen = Sectie(
        "Bij elkaar",
        [
            f"U heeft bij de gemeente {geld(res.get('totaalOpenstaand'))} schuld. Het voorstel biedt de gemeente "
            f"{geld(res.get('totaalAangeboden'))}."
        ],
    )
    if res.get("antwoordUiterlijk"):
        samen.alineas.append(
            f"De gemeente antwoordt uw schuldhulpverlener uiterlijk op {datum(res['antwoordUiterlijk'])}."
        )
    return [voorstel, per_schuld, samen]
