"""The domain's fixed vocabularies (DOMAIN.md), with their Dutch labels."""

from flask_babel import lazy_gettext as _l

# Default phases of the resident's journey (bewonersreis), DOMAIN.md.
DEFAULT_PHASES = (
    "Bewustwording",
    "Oriëntatie",
    "Advies & plan",
    "Offertes & keuze",
    "Financiering & subsidie",
    "Uitvoering",
    "Oplevering & nazorg",
)

LANE_TEMPLATES = {
    "measure_type": (
        "Kleine klussen",
        "Eenvoudige grotere maatregelen",
        "Moeilijke maatregelen",
        "Integrale renovatie",
    ),
    "target_group": (
        "Eigenaar-bewoners",
        "VvE's",
        "Huishoudens met energiearmoede",
        "Particuliere verhuurders",
    ),
}

ORGANISATION_KINDS = {
    "gemeente": _l("Gemeente"),
    "energieloket": _l("Energieloket"),
    "energiecooperatie": _l("Energiecoöperatie / bewonersinitiatief"),
    "energiecoach": _l("Energiecoaches"),
    "marktpartij": _l("Marktpartij"),
    "warmtefonds": _l("Nationaal Warmtefonds"),
    "rvo": _l("RVO"),
    "provincie": _l("Provincie"),
    "woningcorporatie": _l("Woningcorporatie"),
    "vve_ondersteuning": _l("VvE-ondersteuning"),
    "sociaal_domein": _l("Sociaal domein"),
    "overig": _l("Overig"),
}

CARD_STATUSES = {
    "existing": _l("Bestaand"),
    "planned": _l("Gepland"),
    "pilot": _l("Pilot"),
    "stopped": _l("Gestopt"),
}

ROLE_LABELS = {
    "coordinator": _l("Regisseur"),
    "partner": _l("Partner"),
    "viewer": _l("Meelezer"),
}

# Patterns that tell organisations apart without colour (static/css: .bw-pattern-N).
PATTERN_COUNT = 6

# Colours a new organisation gets in turn: each at least 4.5:1 against white (text, and the
# light pattern ink drawn over it), far enough apart to be told apart beside each other.
ORGANISATION_PALETTE = (
    "#0b5fa5",  # blue
    "#b3261e",  # red
    "#1e7b34",  # green
    "#7b3fa0",  # purple
    "#9a5b00",  # ochre
    "#00727c",  # teal
    "#a3195b",  # magenta
    "#4a5560",  # slate
)

# Reading the bridge (app/reading): markers, their workflow, next steps, the three lenses.
MARKER_KINDS = {"gap": _l("Gat"), "overlap": _l("Overlap"), "bottleneck": _l("Knelpunt")}
MARKER_STATUSES = {
    "open": _l("Open"),
    "being_addressed": _l("In aanpak"),
    "resolved": _l("Opgelost"),
    "dismissed": _l("Vervallen"),
}
SEVERITIES = {"low": _l("Laag"), "medium": _l("Middel"), "high": _l("Hoog")}
NEXT_STEP_STATUSES = {
    "proposed": _l("Voorgesteld"),
    "agreed": _l("Afgesproken"),
    "in_progress": _l("In uitvoering"),
    "done": _l("Afgerond"),
    "stopped": _l("Gestopt"),
}
QUALITY_LABELS = {"good": _l("Goed"), "adequate": _l("Voldoende"), "weak": _l("Zwak")}
LENSES = {
    "effective": _l("Effectief"),
    "efficient": _l("Efficiënt"),
    "coherent": _l("Samenhangend"),
}

# The labels of a card's controls. A canvas repeats them on every card, so they are translated
# once per render (app/web.py) instead of once per card.
# A card's fields as a round's diff names them.
CARD_FIELDS = {
    "title": _l("titel"),
    "description": _l("beschrijving"),
    "organisation_id": _l("organisatie"),
    "capacity_per_year": _l("capaciteit"),
    "capacity_unit": _l("eenheid"),
    "status": _l("status"),
    "quality": _l("kwaliteit"),
    "quality_reason": _l("toelichting kwaliteit"),
}

CARD_LABELS = {
    "left": _l("Naar de vorige fase"),
    "up": _l("Omhoog"),
    "down": _l("Omlaag"),
    "right": _l("Naar de volgende fase"),
    "edit": _l("Bewerken"),
    "delete": _l("Verwijderen"),
    "confirm_delete": _l(
        "Deze kaart verwijderen? Je kunt haar terugzetten vanuit de geschiedenis."
    ),
}
