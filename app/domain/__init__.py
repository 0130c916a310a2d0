"""De rekenregels van Maatstaf: pure Python, zonder FastAPI, SQLAlchemy of I/O.

Waar vind je een regel?
- ``bronnen.py``: elke wettelijke bron (wet, artikel, lid) als constante; zoek op artikelnummer.
- ``benadeling.py``: SPEC §3.1 (Pw 18a lid 2, 58, 59).
- ``verwijtbaarheid.py``: SPEC §3.2 (Boetebesluit 2, 2a; Awb 5:41).
- ``boete/``: SPEC §3.3 (Pw 18a; Boetebesluit 2, 2aa; Awb 5:41-5:46; CRvB draagkracht), een module per artikel:
  ``verval.py``, ``waarschuwing.py``, ``recidive.py``, ``hoogte.py``, ``draagkracht.py``, ``matiging.py``,
  ``afronding.py``, ``verrekening.py``; ``berekening.py`` zet ze in volgorde (de kaart: ``boete/__init__.py``).
- ``huishouden.py``: de norm, de draagkracht en de verrekenruimte (gedeeld door de boete en de schuldregeling).
- ``kwijtschelding.py``: SPEC §3.4 (Pw 18a lid 13, 58 lid 7-8; Awb 4:94a); ``schuldregeling.py``: SPEC §3.5 (Pw 60c).
- ``beleid/``: het beleid van de gemeente binnen de wet (keuzes, hun toets, en welk beleid een berekening gebruikt).
- ``regels.py``: de geversioneerde regeldata (bedragen, percentages, termijnen) per peildatum.
"""
