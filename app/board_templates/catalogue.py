"""The built-in board templates: the structures a new board can start from (DOMAIN.md)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.vocab import DEFAULT_PHASES

# The measures of the national isolation programme (Nationaal Isolatieprogramma) and the target
# groups of its grant (SpUk lokale aanpak isolatie); tenants get their own lane (DOMAIN.md).
ISOLATION_MEASURES = ("Vloer/bodem", "Gevel/spouw", "Dak/zolder", "Ramen", "Ventilatie")
ISOLATION_TARGET_GROUPS = ("Eigenaar-bewoners", "VvE's", "Huurders")


@dataclass(frozen=True)
class BuiltIn:
    key: str
    name: object  # a lazy string: the reader's language
    description: object
    phases: tuple[str, ...]
    lanes: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "name": str(self.name),
            "description": str(self.description),
            "phases": list(self.phases),
            "lanes": list(self.lanes),
            "saved": False,
        }


BUILT_IN = {
    template.key: template
    for template in (
        BuiltIn(
            "default",
            _l("Bewonersreis"),
            _l("De 7 standaardfasen van de bewonersreis, zonder banen."),
            DEFAULT_PHASES,
        ),
        BuiltIn(
            "lokale_aanpak_isolatie",
            _l("Lokale aanpak isolatie"),
            _l(
                "De bewonersreis met een baan per isolatiemaatregel en per doelgroep van het "
                "Nationaal Isolatieprogramma."
            ),
            DEFAULT_PHASES,
            ISOLATION_MEASURES + ISOLATION_TARGET_GROUPS,
        ),
        BuiltIn("empty", _l("Leeg bord"), _l("Geen fasen en geen banen."), ()),
    )
}
