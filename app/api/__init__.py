"""De HTTP-laag: vertaalt JSON naar domeinobjecten en terug, en bewaakt het contract van SPEC §4.

``http/`` is het loodgieterswerk dat elke feature deelt; elke feature is een pakket met haar routes en modellen
(``berekeningen/``, ``audit/``, ``maatwerk/``, ``beleid/``, ``spiegel/``, ``impact/``, ``regels/``, ``beheer/``). Een
feature gebruikt van een andere alleen wat die in haar ``__init__.py`` aanbiedt (``make imports``). app/main.py neemt
de routers over in de volgorde van ``ROUTERS``.
"""
