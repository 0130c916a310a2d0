"""De rekenregels van Maatstaf: pure Python, zonder FastAPI, SQLAlchemy of I/O.

Waar vind je een regel?
- ``bronnen.py``: elke wettelijke bron (wet, artikel, lid) als constante; zoek op artikelnummer.
- ``benadeling.py``: SPEC §3.1 (Pw 18a lid 2, 58, 59).
- ``verwijtbaarheid.py``: SPEC §3.2 (Boetebesluit 2, 2a; Awb 5:41).
- ``boete.py``: SPEC §3.3 (Pw 18a; Boetebesluit 2, 2aa; Awb 5:41-5:46; CRvB draagkracht).
- ``regels.py``: de geversioneerde regeldata (bedragen, percentages, termijnen) per peildatum.
"""
