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
# - gaps: "Offertes & keuze" x "Moeilijke maatregelen" and
#   "Oplevering & nazorg" x "Moeilijke maatregelen" are empty;
# - capacity well below demand in "Advies & plan" (about 540 against 1200 households);
# - overlap: energieloket and energiecoöperatie both run an offertecheck in
#   "Offertes & keuze" x "Eenvoudige grotere maatregelen";
# - a stopped regulation (energiebespaarvoucher) and a planned one not yet available.
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
        "capacity_unit": "gesprekken/jaar",
        "status": "existing",
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
        "capacity_unit": "gesprekken/jaar",
        "status": "existing",
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
        "capacity_unit": "adviezen/jaar",
        "status": "existing",
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
        "capacity_unit": "aanvragen/jaar",
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
    # --- Oplevering & nazorg (Moeilijke maatregelen left empty on purpose) ---
    {
        "phase": "Oplevering & nazorg",
        "lane": "Kleine klussen",
        "org": "wijkteam",
        "title": "Nabezoek energiefixers en meting van de besparing",
        "description": (
            "Na drie maanden belt of bezoekt de energiebank het huishouden om het verbruik te "
            "vergelijken en waar nodig door te verwijzen naar schuldhulp of een energiecoach."
        ),
        "capacity_per_year": 200,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Oplevering & nazorg",
        "lane": "Eenvoudige grotere maatregelen",
        "org": "energiecoaches",
        "title": "Warmtepomp-uitleg na installatie",
        "description": (
            "Een energiecoach legt na installatie uit hoe je de warmtepomp instelt voor laag "
            "verbruik en comfort, en wat je beter niet kunt doen."
        ),
        "capacity_per_year": 120,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
    {
        "phase": "Oplevering & nazorg",
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
    {
        "phase": "Oplevering & nazorg",
        "lane": "Integrale renovatie",
        "org": "duurzaam_thuis",
        "title": "Opleverkeuring en nazorg na renovatie",
        "description": (
            "Opleverkeuring met warmtecamera en luchtdichtheidsmeting; na een jaar volgt een "
            "controle van verbruik en comfort. Tevreden bewoners worden gevraagd ambassadeur te "
            "worden."
        ),
        "capacity_per_year": 30,
        "capacity_unit": "huishoudens/jaar",
        "status": "existing",
    },
]
