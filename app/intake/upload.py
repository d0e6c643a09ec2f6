"""Take an inventory upload off a request (API or page): the file read, the person's choices."""

import json

from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from app.errors import ValidationFailed
from app.intake.schemas import ImportChoices
from app.intake.sheet import MAX_BYTES, Sheet, TooLarge, read
from app.validation import parse

# The file and the form around it; the app's usual limit (2 MiB) is too small for a workbook.
REQUEST_LIMIT = MAX_BYTES + 256 * 1024


# The endpoints that take a spreadsheet upload (the inventory's, the figures', the target groups').
UPLOADS = {
    "api.import_inventory",
    "intake.check",
    "intake.run",
    "api.import_figures",
    "monitor.check_figures_import",
    "monitor.run_figures_import",
    "api.import_target_groups",
    "monitor.check_target_groups_import",
    "monitor.run_target_groups_import",
}


def allow_upload_size(endpoint: str | None, _values: dict | None) -> None:
    """Raise the body limit for an upload, before anything reads the form.

    A URL value preprocessor, because these run before every before_request function, and the
    CSRF check (one of those) reads the form under the app's 2 MiB limit.
    """
    if endpoint in UPLOADS:
        request.max_content_length = REQUEST_LIMIT


def uploaded_sheet() -> Sheet:
    """Read the uploaded `file`, or raise 413 / 422 with what is wrong."""
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge:
        raise TooLarge(_("Het bestand is groter dan 5 MB; splits het op.")) from None
    if upload is None or not upload.filename:
        message = _("Kies een bestand (.xlsx of .csv).")
        raise ValidationFailed(message, fields={"file": message})
    return read(upload.read(MAX_BYTES + 1), upload.filename)


def _json(name: str) -> object:
    text = request.form.get(name) or request.args.get(name)
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        message = _("Geen geldige JSON.")
        raise ValidationFailed(message, fields={name: message}) from None


def api_choices() -> ImportChoices:
    """Return the API caller's `mapping`, `values` (JSON texts) and `dry_run`."""
    dry_run = (request.form.get("dry_run") or request.args.get("dry_run") or "false").lower()
    data = {"dry_run": dry_run in ("true", "1", "yes")}
    for name in ("mapping", "values"):
        value = _json(name)
        if value is not None:
            data[name] = value
    return parse(ImportChoices, data)


def form_choices(headers: list[str]) -> ImportChoices:
    """Return the page form's choices: `column-N` per header, `phase-value-N`/`phase-target-N`
    and `lane-value-N`/`lane-target-N` pairs for values mapped onto existing ones."""
    form = request.form
    data: dict = {}
    if any(f"column-{index}" in form for index in range(len(headers))):
        data["mapping"] = {
            header: form.get(f"column-{index}") or None for index, header in enumerate(headers)
        }
    values: dict = {}
    for kind in ("phase", "lane"):
        index = 0
        while f"{kind}-value-{index}" in form:
            target = form.get(f"{kind}-target-{index}", "")
            if target.isdigit():
                values.setdefault(kind, {})[form[f"{kind}-value-{index}"]] = int(target)
            index += 1
    data["values"] = values
    return parse(ImportChoices, data)
