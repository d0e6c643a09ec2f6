"""Demo board for Gemeente Voorbeeld: believable offers in each phase of the resident's journey."""

BOARD_NAME = "Lokale ondersteuningsstructuur Gemeente Voorbeeld"

# (name, demand_per_year in households) for the 7 default phases of DOMAIN.md, in order.
# Demand narrows along the journey (a funnel): many residents become aware, fewer reach execution.
PHASES = [
    ("Bewustwording", 6000),
    ("Oriëntatie", 2400),
    ("Advies & plan", 1200),
    ("Offertes & keuze", 800),
    ("Financiering & subsidie", 600),
    ("Uitvoering", 500),
    ("Oplevering & nazorg", 450),
]

# Lanes by measure type (maatregeltype, DoeTank).
LANES = [
    "Kleine klussen",
    "Eenvoudige grotere maatregelen",
    "Moeilijke maatregelen",
    "Integrale renovatie",
]

# key -> dict(name, kind, color, contact). Colour is used as a card border.
ORGANISATIONS = {
    "gemeente": {
        "name": "Gemeente Voorbeeld",
        "kind": "gemeente",
        "color": "#1f4e9c",
        "contact": "Fatima el Amrani (regisseur)",
    },
    "energieloket": {
        "name": "Energieloket Regio Voorbeeld",
        "kind": "energieloket",
        "color": "#0f8b8d",
        "contact": "Jeroen Bakker (coördinator energieloket)",
    },
    "cooperatie": {
        "name": "Energiecoöperatie Voorbeeld Duurzaam",
        "kind": "energiecooperatie",
        "color": "#2e9e44",
        "contact": "Anneke de Vries (bestuurslid)",
    },
    "energiecoaches": {
        "name": "Energiecoaches Voorbeeld",
        "kind": "energiecoach",
        "color": "#e0a100",
        "contact": "Henk Jansen (coördinator vrijwilligers)",
    },
    "duurzaam_thuis": {
        "name": "Duurzaam Thuis Voorbeeld (one-stop shop)",
        "kind": "marktpartij",
        "color": "#d9541e",
        "contact": "Mark Visser (projectleider)",
    },
    "warmtefonds": {
        "name": "Nationaal Warmtefonds",
        "kind": "warmtefonds",
        "color": "#7b3fa0",
        "contact": "Accountmanager gemeenten",
    },
    "vve_steunpunt": {
        "name": "VvE Steunpunt Voorbeeld",
        "kind": "vve_ondersteuning",
        "color": "#c2185b",
        "contact": "Sanne Mulder (VvE-adviseur)",
    },
    "wijkteam": {
        "name": "Wijkteam & Energiebank Voorbeeld",
        "kind": "sociaal_domein",
        "color": "#6d4c41",
        "contact": "Yusuf Öztürk (wijkcoach)",
    },
}

# Cards (aanbod). Deliberate problems a coordinator should recognise:
# - aftercare ("Oplevering & nazorg") has no active offer left: the phase most often missing;
# - a gap: "Offertes & keuze" x "Moeilijke maatregelen" is empty (left as a suggestion);
# - capacity well below demand in "Advies & plan" (450 against 1200 households);
# - overlap: energieloket and energiecoöperatie both run an offertecheck in
#   "Offertes & keuze" x "Eenvoudige grotere maatregelen";
# - a stopped regulation (energiebespaarvoucher) and a planned one not yet available.
# `later` holds the fields a card got after the first round (the progress the diff shows);
# `after_round` marks a card that is new since that round.
CARDS = [
    # --- Bewustwording ---
    {
        "phase": "Bewustwording",
        "lane": "Kleine klussen",
        "org": "cooperatie",
        "title": "Energiecafé in de bibliotheek",
        "description": (
            "Maandelijkse inloopavond waar vrijwilligers vragen beantwoorden en tips geven voor "
            "kleine besparingen, zoals radiatorfolie en tochtstrips. Bezoekers kunnen ter plekke "
            "een energiecoach aanvragen."
        ),
        "capacity_per_year": 500,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Bewustwording",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "gemeente",
        "title": "Campagne 'Voorbeeld Woont Warm' met wijkgerichte brieven",
        "description": (
            "Elk najaar krijgen eigenaren van woningen met label D of slechter een brief met hun "
            "besparingskansen en een uitnodiging voor de activiteiten in hun wijk."
        ),
        "capacity_per_year": 3500,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
        "quality": "good",
        "quality_reason": "Een op de vijf ontvangers komt naar een activiteit in de wijk.",
        "later": {"capacity_per_year": 5000},
    },
    {
        "phase": "Bewustwording",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "cooperatie",
        "title": "Warmtecamerawandelingen in de wijk",
        "description": (
            "Op koude winteravonden lopen bewoners met een warmtecamera door hun straat en zien "
            "waar warmte weglekt. Na afloop volgt uitleg over spouwmuur-, dak- en vloerisolatie."
        ),
        "capacity_per_year": 400,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Bewustwording",
        "lane": "Moeilijke maatregelen",
        "org": "gemeente",
        "title": "Buurtavond jaren-'30-woningen in Oud-Voorbeeld",
        "description": (
            "Informatieavond voor eigenaren van vooroorlogse woningen zonder spouwmuur, over "
            "binnenisolatie, vocht en de regels in het beschermd stadsgezicht. Samen met het "
            "energieloket."
        ),
        "capacity_per_year": 120,
        "capacity_unit": "huishoudens/jaar",
        "status": "pilot",
    },
    {
        "phase": "Bewustwording",
        "lane": "Integrale renovatie",
        "org": "cooperatie",
        "title": "Duurzame Huizenroute: open huizen bij ambassadeurs",
        "description": (
            "Eén zaterdag per jaar stellen bewoners die hun huis ingrijpend hebben verduurzaamd hun"
            " woning open. Bezoekers horen eerlijke verhalen over kosten, overlast en resultaat."
        ),
        "capacity_per_year": 300,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    # --- Oriëntatie ---
    {
        "phase": "Oriëntatie",
        "lane": "Kleine klussen",
        "org": "energieloket",
        "title": "Energieloket spreekuur en telefoon",
        "description": (
            "Bewoners kunnen bellen, mailen of langskomen op het wekelijkse spreekuur in het "
            "gemeentehuis voor onafhankelijk advies over besparen en de eerste stappen."
        ),
        "capacity_per_year": 1200,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
        "later": {
            "capacity_per_year": 1600,
            "description": (
                "Bewoners kunnen bellen, mailen of langskomen op het spreekuur in het "
                "gemeentehuis (sinds dit najaar ook op dinsdag- en donderdagavond) voor "
                "onafhankelijk advies over besparen en de eerste stappen."
            ),
        },
    },
    {
        "phase": "Oriëntatie",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "energiecoaches",
        "title": "Keukentafelgesprek met een energiecoach",
        "description": (
            "Een vrijwillige energiecoach bespreekt aan de keukentafel welke maatregelen bij de "
            "woning en de portemonnee passen, en verwijst door naar het energieloket of een "
            "adviseur."
        ),
        "capacity_per_year": 500,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
        "quality": "good",
        "quality_reason": "Bewoners geven het gesprek gemiddeld een 8,4.",
    },
    {
        "phase": "Oriëntatie",
        "lane": "Moeilijke maatregelen",
        "org": "energieloket",
        "title": "Spreekuur monumenten en vooroorlogse woningen",
        "description": (
            "Eens per maand een spreekuur met een bouwkundig adviseur voor woningen waar standaard "
            "isolatie niet kan, zoals monumenten en huizen zonder spouwmuur of kruipruimte."
        ),
        "capacity_per_year": 80,
        "capacity_unit": "gesprekken/jaar",
        "status": "pilot",
        "quality": "weak",
        "quality_reason": "De bouwkundig adviseur is vaak niet beschikbaar; bewoners wachten lang.",
    },
    {
        "phase": "Oriëntatie",
        "lane": "Integrale renovatie",
        "org": "vve_steunpunt",
        "title": "Informatieavond duurzaam onderhoud voor VvE's",
        "description": (
            "Bijeenkomst voor besturen van kleine en middelgrote VvE's over verduurzamen bij groot "
            "onderhoud, besluitvorming in de ledenvergadering en de eerste stap naar een "
            "energieadvies."
        ),
        "capacity_per_year": 300,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    # --- Advies & plan (capacity well below demand) ---
    {
        "phase": "Advies & plan",
        "lane": "Kleine klussen",
        "org": "energiecoaches",
        "title": "Energiecoach aan huis",
        "description": (
            "Twaalf vrijwillige coaches lopen samen met de bewoner door het huis, geven een "
            "adviesrapportje mee en helpen met kleine maatregelen. De wachtlijst is nu zes weken."
        ),
        "capacity_per_year": 300,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Advies & plan",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "duurzaam_thuis",
        "title": "Woningopname en maatwerkadvies",
        "description": (
            "Een gecertificeerd adviseur neemt de woning op en maakt een maatwerkadvies met "
            "maatregelen, kosten en besparing. De gemeente vergoedt de helft via een voucher."
        ),
        "capacity_per_year": 150,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
        "quality": "adequate",
        "quality_reason": "Goede adviezen, maar de wachttijd voor een opname is vier weken.",
    },
    {
        "phase": "Advies & plan",
        "lane": "Moeilijke maatregelen",
        "org": "energieloket",
        "title": "Bouwkundig advies bij binnenisolatie en vochtproblemen",
        "description": (
            "Bouwkundig adviseur beoordeelt ter plekke of binnenisolatie of vloerisolatie zonder "
            "kruipruimte veilig kan, en legt dit vast in een kort advies."
        ),
        "capacity_per_year": 40,
        "capacity_unit": "adviezen/jaar",
        "status": "pilot",
    },
    {
        "phase": "Advies & plan",
        "lane": "Integrale renovatie",
        "org": "duurzaam_thuis",
        "title": "Woningplan: stap voor stap naar aardgasvrij",
        "description": (
            "Een woningplan dat maatregelen in de juiste volgorde zet en afstemt op natuurlijke "
            "momenten, zoals een verbouwing of het vervangen van de cv-ketel."
        ),
        "capacity_per_year": 50,
        "capacity_unit": "adviezen/jaar",
        "status": "existing",
    },
    # --- Offertes & keuze (Moeilijke maatregelen left empty on purpose) ---
    {
        "phase": "Offertes & keuze",
        "lane": "Kleine klussen",
        "org": "energieloket",
        "title": "Lijst betrouwbare lokale bedrijven",
        "description": (
            "Online overzicht van erkende installateurs en klusbedrijven uit de regio die afspraken"
            " hebben gemaakt over kwaliteit, bereikbaarheid en reactietijd."
        ),
        "capacity_per_year": 500,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Offertes & keuze",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "energieloket",
        "title": "Offertecheck door het energieloket",
        "description": (
            "Bewoners sturen hun offertes op; een adviseur controleert prijs, materialen en "
            "garanties en belt de bewoner terug met een onafhankelijk oordeel."
        ),
        "capacity_per_year": 200,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Offertes & keuze",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "cooperatie",
        "title": "Offertes vergelijken met de coöperatie",
        "description": (
            "Vrijwilligers van de coöperatie helpen leden offertes naast elkaar te leggen en vragen"
            " bij twijfel door bij de installateur."
        ),
        "capacity_per_year": 80,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Offertes & keuze",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "cooperatie",
        "title": "Collectieve inkoop spouwmuur- en vloerisolatie",
        "description": (
            "Twee keer per jaar een wijkactie met een vaste aannemer en scherpe prijs; bewoners "
            "krijgen een gratis opname en een offerte zonder verplichtingen."
        ),
        "capacity_per_year": 250,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
        "after_round": True,
    },
    {
        "phase": "Offertes & keuze",
        "lane": "Integrale renovatie",
        "org": "duurzaam_thuis",
        "title": "Eén offerte voor de hele renovatie",
        "description": (
            "De one-stop shop bundelt isolatie, ventilatie en warmtepomp in één offerte met één "
            "aanspreekpunt, zodat bewoners niet zelf aannemers hoeven te combineren."
        ),
        "capacity_per_year": 30,
        "capacity_unit": "huishoudens/jaar",
        "status": "pilot",
    },
    # --- Financiering & subsidie ---
    {
        "phase": "Financiering & subsidie",
        "lane": "Kleine klussen",
        "org": "gemeente",
        "title": "Energiebespaarvoucher van € 75",
        "description": (
            "Voucher voor kleine maatregelen zoals ledlampen en tochtstrips. Gestopt omdat het "
            "budget op was; het wijkteam merkt dat huishoudens met een laag inkomen nu afhaken."
        ),
        "capacity_per_year": 1000,
        "capacity_unit": "aanvragen/jaar",
        "status": "stopped",
    },
    {
        "phase": "Financiering & subsidie",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "warmtefonds",
        "title": "Energiebespaarlening van het Nationaal Warmtefonds",
        "description": (
            "Lening tegen lage rente voor isolatie, een (hybride) warmtepomp of zonnepanelen; bij "
            "een laag inkomen kan de lening renteloos zijn. Aanvragen gaat online."
        ),
        "capacity_per_year": 400,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Financiering & subsidie",
        "lane": "Moeilijke maatregelen",
        "org": "gemeente",
        "title": "Aanvullende subsidie voor lastige isolatie",
        "description": (
            "Gemeentelijke regeling bovenop de ISDE voor binnenisolatie en isolatie van monumenten."
            " De raad besluit in het voorjaar over het budget."
        ),
        "capacity_per_year": 80,
        "capacity_unit": "aanvragen/jaar",
        "status": "planned",
    },
    {
        "phase": "Financiering & subsidie",
        "lane": "Integrale renovatie",
        "org": "vve_steunpunt",
        "title": "Aanvraaghulp SVVE en VvE-lening",
        "description": (
            "Het steunpunt helpt VvE-besturen met de subsidieaanvraag SVVE en de VvE "
            "Energiebespaarlening, inclusief de stukken voor de ledenvergadering."
        ),
        "capacity_per_year": 150,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    # --- Uitvoering ---
    {
        "phase": "Uitvoering",
        "lane": "Kleine klussen",
        "org": "wijkteam",
        "title": "Energiefixers aan huis",
        "description": (
            "Energiefixers van de energiebank brengen gratis kleine maatregelen aan bij huishoudens"
            " met een laag inkomen, zoals radiatorfolie, tochtstrips en een waterbesparende "
            "douchekop."
        ),
        "capacity_per_year": 350,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Uitvoering",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "duurzaam_thuis",
        "title": "Isolatie en installatie door aangesloten vakbedrijven",
        "description": (
            "Lokale vakbedrijven voeren isolatie, (hybride) warmtepompen en zonnepanelen uit "
            "volgens de afspraken van de lijst betrouwbare bedrijven."
        ),
        "capacity_per_year": 300,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Uitvoering",
        "lane": "Moeilijke maatregelen",
        "org": "energieloket",
        "title": "Bouwbegeleiding bij binnenisolatie",
        "description": (
            "Een bouwkundig adviseur komt tijdens de uitvoering kijken of dampremmende lagen en "
            "aansluitingen goed zijn aangebracht, om vochtschade te voorkomen."
        ),
        "capacity_per_year": 25,
        "capacity_unit": "huishoudens/jaar",
        "status": "pilot",
    },
    {
        "phase": "Uitvoering",
        "lane": "Integrale renovatie",
        "org": "duurzaam_thuis",
        "title": "Renovatie met vaste uitvoeringscoördinator",
        "description": (
            "Eén coördinator plant alle vakmensen, houdt de bewoner op de hoogte en bewaakt de "
            "kwaliteit tijdens de hele renovatie."
        ),
        "capacity_per_year": 30,
        "capacity_unit": "huishoudens/jaar",
        "status": "pilot",
    },
    # --- Oplevering & nazorg: only stopped offers, so the bridge misses this span ---
    {
        "phase": "Oplevering & nazorg",
        "lane": "Kleine klussen",
        "org": "wijkteam",
        "title": "Nabezoek energiefixers en meting van de besparing",
        "description": (
            "Na drie maanden belde of bezocht de energiebank het huishouden om het verbruik te "
            "vergelijken. Gestopt toen de projectsubsidie afliep."
        ),
        "capacity_per_year": 200,
        "capacity_unit": "huishoudens/jaar",
        "status": "stopped",
    },
    {
        "phase": "Oplevering & nazorg",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "energiecoaches",
        "title": "Warmtepomp-uitleg na installatie",
        "description": (
            "Een energiecoach legde na installatie uit hoe je de warmtepomp instelt voor laag "
            "verbruik en comfort. Gestopt: te weinig vrijwilligers, die nu in het advies "
            "nodig zijn."
        ),
        "capacity_per_year": 120,
        "capacity_unit": "huishoudens/jaar",
        "status": "stopped",
    },
    {
        "phase": "Financiering & subsidie",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "energieloket",
        "title": "Hulp bij de ISDE-aanvraag na uitvoering",
        "description": (
            "Het energieloket helpt bewoners na de uitvoering met de ISDE-aanvraag bij RVO, zodat "
            "facturen en foto's in één keer goed worden ingediend."
        ),
        "capacity_per_year": 250,
        "capacity_unit": "aanvragen/jaar",
        "status": "existing",
    },
]

# --- The cycle: what the partners marked, agreed and learned, round by round. ---
# Cards are named by title, phases and lanes by name, organisations by key.

ROUND_NAME = "Ronde 1 · inventarisatie voorjaar"

# The monitor: households per phase and quarter as the coordinator counts them, (reached, moved
# on, median waiting weeks). Awareness reaches more every quarter; the energy coaches' advice
# cannot keep up, so its wait grows quarter on quarter (the board proposes a bottleneck);
# *Oplevering & nazorg* has no offer, so no one counts it. Q1–Q3 were in at the first round.
FIGURES = {
    "Bewustwording": [(1400, 560, 0), (1500, 600, 0), (1550, 640, 0), (1650, 700, 0)],
    "Oriëntatie": [(540, 300, 1), (580, 320, 1), (620, 340, 1), (680, 360, 2)],
    "Advies & plan": [(280, 170, 3), (300, 180, 4), (320, 175, 6), (340, 170, 8)],
    "Offertes & keuze": [(150, 95, 2), (160, 100, 2), (160, 98, 3), (150, 90, 3)],
    "Financiering & subsidie": [(90, 80, 1), (95, 85, 1), (90, 80, 1), (85, 76, 1)],
    "Uitvoering": [(75, 70, 6), (80, 74, 7), (78, 72, 7), (72, 68, 6)],
}
FIGURE_QUARTERS = ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
QUARTERS_BEFORE_ROUND = 3
# (name, households): the owner-occupiers the municipality wants to reach.
TARGET_GROUPS = [("Eigenaar-bewoners koopwoningen", 14800)]

# Warm handovers (warme overdracht) from one offer to the next, as (from, to, note).
# Before the first round only awareness handed residents on; the rest followed since.
HANDOVERS_BEFORE_ROUND = [
    (
        "Energiecafé in de bibliotheek",
        "Keukentafelgesprek met een energiecoach",
        "Bezoekers schrijven zich ter plekke in voor een gesprek.",
    ),
    (
        "Campagne 'Voorbeeld Woont Warm' met wijkgerichte brieven",
        "Energieloket spreekuur en telefoon",
        "De brief noemt het spreekuur en het telefoonnummer.",
    ),
]
HANDOVERS = [
    (
        "Keukentafelgesprek met een energiecoach",
        "Energiecoach aan huis",
        "De coach plant het huisbezoek aan het eind van het gesprek.",
    ),
    (
        "Energieloket spreekuur en telefoon",
        "Woningopname en maatwerkadvies",
        "Het loket vraagt de opname aan met de voucher erbij.",
    ),
    (
        "Woningopname en maatwerkadvies",
        "Offertecheck door het energieloket",
        "Het maatwerkadvies gaat mee naar de offertecheck.",
    ),
    (
        "Energiecoach aan huis",
        "Lijst betrouwbare lokale bedrijven",
        "De coach laat de lijst achter en belt na twee weken.",
    ),
    (
        "Collectieve inkoop spouwmuur- en vloerisolatie",
        "Energiebespaarlening van het Nationaal Warmtefonds",
        "Deelnemers krijgen de aanvraaglink bij hun offerte.",
    ),
]

# Markers: every kind and severity. `when`: "before" (open at the first round, resolved
# since: "resolved") or "after" (new since the round). Gaps and bottlenecks sit on a phase or a
# cell; the overlap on two cards.
MARKERS = [
    {
        "key": "bereikbaarheid",
        "when": "resolved",
        "kind": "bottleneck",
        "severity": "medium",
        "phase": "Oriëntatie",
        "title": "Energieloket slecht bereikbaar buiten kantoortijd",
        "note": "Werkende bewoners konden alleen overdag terecht en haakten af.",
        "dropouts_per_year": 80,
    },
    {
        "key": "afhakers_offerte",
        "when": "before",
        "status": "being_addressed",
        "kind": "bottleneck",
        "severity": "high",
        "phase": "Offertes & keuze",
        "title": "Bewoners haken af na de offerte",
        "note": (
            "Een op de drie bewoners met een offerte laat niets meer van zich horen: ze twijfelen "
            "aan prijs en kwaliteit en niemand belt ze na."
        ),
        "dropouts_per_year": 120,
    },
    {
        "key": "wachtlijst",
        "when": "after",
        "kind": "bottleneck",
        "severity": "medium",
        "phase": "Advies & plan",
        "lane": "Kleine klussen",
        "title": "Wachtlijst energiecoaches: zes weken",
        "note": "Twaalf vrijwilligers voor 1.200 huishoudens per jaar; de wachtlijst groeit.",
        "dropouts_per_year": 60,
    },
    {
        "key": "nazorg",
        "when": "after",
        "kind": "gap",
        "severity": "high",
        "phase": "Oplevering & nazorg",
        "title": "Niemand doet nazorg na de uitvoering",
        "note": (
            "Sinds het nabezoek en de warmtepomp-uitleg stopten, hoort niemand of maatregelen "
            "werken. Bewoners met een slecht ingestelde warmtepomp worden geen ambassadeur."
        ),
    },
    {
        "key": "kleine_regeling",
        "when": "after",
        "kind": "gap",
        "severity": "medium",
        "phase": "Financiering & subsidie",
        "lane": "Kleine klussen",
        "title": "Geen regeling meer voor kleine maatregelen",
        "note": "De energiebespaarvoucher is gestopt; huishoudens met een laag inkomen haken af.",
    },
    {
        "key": "traag_voorjaar",
        "when": "after",
        "kind": "bottleneck",
        "severity": "low",
        "phase": "Uitvoering",
        "title": "Vakbedrijven reageren traag in het voorjaar",
        "note": "In maart en april duurt een eerste bezoek soms drie weken; daarna gaat het goed.",
    },
    {
        "key": "dubbele_offertecheck",
        "when": "after",
        "kind": "overlap",
        "severity": "low",
        "cards": ["Offertecheck door het energieloket", "Offertes vergelijken met de coöperatie"],
        "title": "Twee offertechecks naast elkaar",
        "note": "Bewoners weten niet bij wie ze moeten zijn; de coöperatie wil best doorverwijzen.",
    },
]

# Next steps (vervolgstap) in each status, with what was learned. `markers` name MARKERS keys;
# `status` is where the step stands now; `before_round` steps existed at the first round.
NEXT_STEPS = [
    {
        "title": "Spreekuur energieloket uitbreiden naar twee avonden",
        "goal": "Werkende bewoners kunnen 's avonds terecht; 400 gesprekken per jaar meer.",
        "owner": "energieloket",
        "markers": ["bereikbaarheid"],
        "before_round": True,
        "path": ["agreed", "in_progress", "done"],
        "start": -150,
        "due": -40,
        "learnings": [
            (-90, "De dinsdagavond loopt vol; de donderdagavond vooral met telefoon."),
            (-45, "Een vaste avond in de bibliotheek trekt andere bewoners dan het gemeentehuis."),
        ],
    },
    {
        "title": "Offertebegeleiding: het loket belt na elke offerte",
        "goal": "Minder afhakers tussen offerte en opdracht: van 1 op 3 naar 1 op 6.",
        "owner": "energieloket",
        "markers": ["afhakers_offerte"],
        "before_round": True,
        "path": ["agreed", "in_progress"],
        "start": -60,
        "due": 60,
        "learnings": [
            (-20, "Bewoners willen vooral horen of de prijs redelijk is; een belletje is genoeg."),
        ],
    },
    {
        "title": "Energiebespaarvoucher verlengen",
        "goal": "Kleine maatregelen bereikbaar houden voor huishoudens met een laag inkomen.",
        "owner": "gemeente",
        "markers": ["kleine_regeling"],
        "path": ["stopped"],
        "start": -100,
        "due": -10,
        "learnings": [
            (-15, "Geen budget in de begroting; de energiefixers vangen een deel op."),
        ],
    },
    {
        "title": "Pilot nazorgbezoek na een warmtepomp",
        "goal": "Twintig huishoudens krijgen zes weken na de installatie een bezoek.",
        "owner": "energiecoaches",
        "markers": ["nazorg"],
        "path": [],
        "start": 30,
        "due": 150,
        "learnings": [],
    },
]

# The past meeting (with minutes and a decision that agreed a step) and the upcoming one.
PAST_MEETING = {
    "title": "Regieoverleg najaar",
    "days": -21,
    "participants": "Gemeente, energieloket, coöperatie, energiecoaches, wijkteam",
    "items": [
        {
            "title": "Terugblik op ronde 1",
            "minutes": (
                "Het avondspreekuur werkt: 400 gesprekken meer per jaar. De campagnebrief gaat "
                "voortaan naar alle eigenaren met label D of slechter."
            ),
        },
        {
            "title": "Wachtlijst energiecoaches",
            "marker": "wachtlijst",
            "minutes": (
                "Zes weken wachten is te lang: bewoners gaan dan zelf een installateur bellen. "
                "De coöperatie helpt bij het werven van nieuwe coaches."
            ),
            "decision": "Twaalf nieuwe energiecoaches werven en opleiden vóór de zomer.",
            "step": {
                "title": "Twaalf nieuwe energiecoaches werven en opleiden",
                "goal": "De wachtlijst terug naar twee weken.",
                "owner": "energiecoaches",
                "due": 180,
            },
        },
        {
            "title": "Nazorg na de uitvoering",
            "marker": "nazorg",
            "minutes": "Niemand heeft het nu in handen. Idee: een nazorgbezoek door coaches.",
        },
    ],
}
UPCOMING_MEETING = {
    "title": "Regieoverleg winter",
    "days": 14,
    "participants": "Gemeente, energieloket, coöperatie, energiecoaches, Duurzaam Thuis",
    "items": [
        {"title": "Nazorg: wie pakt het op?", "marker": "nazorg", "minutes": ""},
        {"title": "Bewoners haken af na de offerte", "marker": "afhakers_offerte", "minutes": ""},
        {"title": "Ronde 2 starten en de brug vergelijken", "minutes": ""},
    ],
}
