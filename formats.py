"""Writing query results for people (aligned tables) and for programs (CSV, JSON).

>>> from psikg.queries import Cell, Table
>>> print(render(Table(["a", "b"], [[Cell("x"), Cell("yy")]]), "csv"), end="")
a,b
x,yy
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap

from .queries import Table

FORMATS = ("table", "csv", "json")


def as_table(table: Table, width: int | None = None, max_cell: int = 48) -> str:
    """Columns aligned, long cells wrapped, a rule under the header, a row count at the end."""
    width = width or shutil.get_terminal_size((160, 24)).columns
    cols = table.columns
    texts = [[c.text for c in row] for row in table.rows]
    widths = [min(max([len(col), *(len(r[i]) for r in texts)]), max_cell) for i, col in enumerate(cols)]
    lines = [
        " | ".join(col.ljust(widths[i]) for i, col in enumerate(cols)).rstrip(),
        "-+-".join("-" * w for w in widths),
    ]
    for row in texts:
        wrapped = [textwrap.wrap(v, widths[i]) or [""] for i, v in enumerate(row)]
        for k in range(max(len(w) for w in wrapped)):
            lines.append(
                " | ".join((w[k] if k < len(w) else "").ljust(widths[i]) for i, w in enumerate(wrapped)).rstrip()
            )
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def as_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([c.text for c in row])
    return out.getvalue()


def as_json(table: Table) -> str:
    rows = [{col: cell.to_json() for col, cell in zip(table.columns, row, strict=True)} for row in table.rows]
    return json.dumps({"columns": table.columns, "rows": rows}, ensure_ascii=False, indent=2) + "\n"


def render(table: Table, fmt: str) -> str:
    return {"table": as_table, "csv": as_csv, "json": as_json}[fmt](table)
