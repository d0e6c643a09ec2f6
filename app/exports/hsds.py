"""The board's offer as an Open Referral HSDS 2.0.1 tabular data package (a zip of CSV files).

HSDS ("who offers which service to whom") is what a sociale kaart or an energy desk's site can
load (DOMAIN.md). Each organisation is an HSDS organization, each live card a service; the phase
and lane a card sits in are taxonomy terms, linked to the service through service_attributes.
The CSVs carry every column of their HSDS table, in the specification's order, so that the files
validate against it (tests/exports/hsds/, checked with frictionless).
"""

import io
import json
import uuid
import zipfile

from flask import request
from flask_babel import get_locale
from flask_babel import gettext as _

from app.boards.queries import BoardState
from app.exports.cells import csv_text
from app.vocab import ORGANISATION_KINDS

# The HSDS 2.0.1 columns of each table we write, in the specification's order.
TABLES = {
    "organization": (
        "organizations.csv",
        "id name alternate_name description email url tax_status tax_id year_incorporated "
        "legal_status",
    ),
    "service": (
        "services.csv",
        "id organization_id program_id name alternate_name description url email status "
        "interpretation_services application_process wait_time fees accreditations licenses",
    ),
    "taxonomy_term": ("taxonomy_terms.csv", "id term description parent_id taxonomy language"),
    "service_attribute": ("service_attributes.csv", "id service_id taxonomy_term_id"),
}
REQUIRED = {
    "organization": ("id", "name", "description"),
    "service": ("id", "organization_id", "name", "status"),
    "taxonomy_term": ("id", "term", "description"),
    "service_attribute": ("id", "service_id"),
}
FOREIGN_KEYS = {
    "service": (("organization_id", "organization"),),
    "service_attribute": (("service_id", "service"), ("taxonomy_term_id", "taxonomy_term")),
}
# A card's status as HSDS says it: a stopped offer is defunct, a planned one not yet active.
SERVICE_STATUS = {
    "existing": "active",
    "pilot": "active",
    "planned": "inactive",
    "stopped": "defunct",
}


def _ids(board_id: int):
    """Return a function naming a row with a stable UUID: the same row keeps its id in every
    export of this installation (uuid5 of the site's URL, the board and the row)."""
    base = uuid.uuid5(uuid.NAMESPACE_URL, f"{request.url_root}boards/{board_id}")

    def name(kind: str, key: object) -> str:
        return str(uuid.uuid5(base, f"{kind}/{key}"))

    return name


def _row(table: str, **values) -> list:
    return [values.get(column, "") for column in TABLES[table][1].split()]


def tables(state: BoardState) -> dict[str, list[list]]:
    """Return the package's rows per HSDS table."""
    uid = _ids(state.board.id)
    language = str(get_locale() or "nl")
    organisations = [
        _row(
            "organization",
            id=uid("organization", o.id),
            name=o.name,
            description=" · ".join(
                part for part in (str(ORGANISATION_KINDS.get(o.kind, o.kind)), o.contact) if part
            ),
        )
        for o in state.organisations
    ]
    roots = {
        "phase": (_("Fase"), _("Fase van de bewonersreis waarin het aanbod helpt.")),
        "lane": (_("Baan"), _("Maatregeltype of doelgroep waarvoor het aanbod is.")),
    }
    terms = [
        _row(
            "taxonomy_term",
            id=uid("term", kind),
            term=term,
            description=description,
            taxonomy=f"brugwerk:{kind}",
            language=language,
        )
        for kind, (term, description) in roots.items()
    ]
    for kind, items in (("phase", state.phases), ("lane", state.lanes)):
        terms += [
            _row(
                "taxonomy_term",
                id=uid(kind, item.id),
                term=item.name,
                description=f"{roots[kind][0]}: {item.name}",
                parent_id=uid("term", kind),
                taxonomy=f"brugwerk:{kind}",
                language=language,
            )
            for item in items
        ]
    services, attributes = [], []
    for cell in state.cells().values():
        for card in cell:
            service = uid("service", card.id)
            services.append(
                _row(
                    "service",
                    id=service,
                    organization_id=uid("organization", card.organisation_id),
                    name=card.title,
                    description=card.description,
                    status=SERVICE_STATUS.get(card.status, "active"),
                )
            )
            for kind, item_id in (("phase", card.phase_id), ("lane", card.lane_id)):
                if item_id is not None:
                    attributes.append(
                        _row(
                            "service_attribute",
                            id=uid(f"{kind}-attribute", card.id),
                            service_id=service,
                            taxonomy_term_id=uid(kind, item_id),
                        )
                    )
    return {
        "organization": organisations,
        "service": services,
        "taxonomy_term": terms,
        "service_attribute": attributes,
    }


def descriptor(board_name: str) -> dict:
    """Return the package's datapackage.json: HSDS's tables with the columns we write."""
    resources = []
    for table, (path, columns) in TABLES.items():
        schema = {
            "fields": [
                {
                    "name": column,
                    "type": "string",
                    "constraints": {"required": column in REQUIRED[table]},
                }
                for column in columns.split()
            ],
            "primaryKey": "id",
        }
        if table in FOREIGN_KEYS:
            schema["foreignKeys"] = [
                {"fields": field, "reference": {"resource": target, "fields": "id"}}
                for field, target in FOREIGN_KEYS[table]
            ]
        resources.append(
            {
                "name": table,
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema,
            }
        )
    return {
        "name": "human_services_data",
        "title": board_name,
        "profile": "tabular-data-package",
        "version": "2.0.1",
        "homepage": "http://docs.openreferral.org",
        "resources": resources,
    }


def to_zip(state: BoardState) -> bytes:
    """Return the HSDS package as a zip with its files at the root."""
    buffer = io.BytesIO()
    rows = tables(state)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(descriptor(state.board.name), ensure_ascii=False, indent=2),
        )
        for table, (path, columns) in TABLES.items():
            archive.writestr(path, csv_text(columns.split(), rows[table]).encode("utf-8"))
    return buffer.getvalue()
