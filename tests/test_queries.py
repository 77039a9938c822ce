"""Canned query catalogue and parameter binding."""

from __future__ import annotations

import pyoxigraph
import pytest
from psikg import queries
from psikg.errors import UsageError

CONTRACT = {
    "awards": [
        "award",
        "rank",
        "year",
        "date",
        "recipient",
        "innovation",
        "region",
        "province",
        "handed_by",
        "received_by",
        "venue",
        "source",
    ],
    "innovations": ["innovation", "acronym", "region", "province", "agency", "sdgs", "source"],
    "post-holders": ["person", "post", "organization", "start", "end", "source"],
    "sdg-coverage": ["sdg", "label", "innovations", "regions"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_columns_come_first_in_order(name: str) -> None:
    store = pyoxigraph.Store()
    result = store.query(queries.get(name).text)
    assert [v.value for v in result.variables][: len(CONTRACT[name])] == CONTRACT[name]


def test_binding_escapes_values_as_literals() -> None:
    q = queries.get("awards")
    text = q.bind({"year": 'x" } DROP ALL #', "rank": "Top 45"})
    assert '"x\\" } DROP ALL #"' in text and '"Top 45"' in text
    pyoxigraph.Store().query(text)  # still one well-formed query


def test_unbound_parameters_stay_undef() -> None:
    text = queries.get("awards").bind({})
    assert "(UNDEF UNDEF UNDEF UNDEF)" in text


def test_unknown_and_missing_parameters() -> None:
    with pytest.raises(UsageError, match="has no parameter"):
        queries.get("awards").bind({"colour": "red"})
    with pytest.raises(UsageError, match="needs --param region"):
        queries.get("region-profile").bind({})
    with pytest.raises(UsageError, match="no canned query"):
        queries.get("nothing")
