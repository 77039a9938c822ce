"""Entity resolution: region forms, Kota vs Kabupaten, ambiguity reported, people's spellings."""

from __future__ import annotations

import pytest
from psikg.loaders.resolver import ResolutionError


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kota Pekalongan", "33.75"),
        ("Pemkot Pekalongan", "33.75"),
        ("Pemerintah Kota Pekalongan", "33.75"),
        ("Kabupaten Pekalongan", "33.26"),
        ("Kab. Pekalongan", "33.26"),
        ("Pemkab Pekalongan", "33.26"),
        ("KAB PEKALONGAN", "33.26"),
        ("33.26", "33.26"),
        ("Palembang", "16.71"),
        ("Jawa Tengah", "33"),
        ("Provinsi Jawa Tengah", "33"),
        ("Cibinong, Bogor", "32.01"),
        ("Jakarta Selatan", "31.74"),
    ],
)
def test_region_forms(reference, name: str, code: str) -> None:
    assert reference[1].region(name).code == code


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Pekalongan", "ambiguous: Kabupaten Pekalongan (33.26), Kota Pekalongan (33.75)"),
        ("Bekasi", "ambiguous"),
        ("Kota Atlantis", "no region is named"),
        ("99.99", "no region has Kemendagri code 99.99"),
    ],
)
def test_region_problems_are_reported_not_guessed(reference, name: str, words: str) -> None:
    with pytest.raises(ResolutionError, match=words.replace("(", r"\(").replace(")", r"\)")):
        reference[1].region(name)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kemenpan ARB", "kemenpanrb"),
        ("Kementerian PANRB", "kemenpanrb"),
        ("KemenPANRB", "kemenpanrb"),
        ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "kemenpanrb"),
        ("Pemkot Palembang", "pemda-16.71"),
        ("Pemerintah Kabupaten Pekalongan", "pemda-33.26"),
        ("Kemensos", "kemensos"),
    ],
)
def test_agency_forms(reference, name: str, key: str) -> None:
    assert reference[1].agency(name).key == key


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Cahyo Kumolo", "Tjahjo Kumolo"),
        ("Tjahjo Kumolo", "Tjahjo Kumolo"),
        ("H.M Saelany Machfudz", "Saelany Machfudz"),
        ("H. Harnojoyo", "Harnojoyo"),
    ],
)
def test_people_spellings_meet_at_one_node(reference, spelling: str, canonical: str) -> None:
    person = reference[1].person(spelling)
    assert person.name == canonical and person.iri == reference[1].person(canonical).iri


@pytest.mark.parametrize(
    ("role", "key"),
    [
        ("Walikota", "wali-kota"),
        ("Wali Kota", "wali-kota"),
        ("Sekda", "sekretaris-daerah"),
        ("Wawalkot", "wakil-wali-kota"),
    ],
)
def test_role_spellings(reference, role: str, key: str) -> None:
    assert reference[1].role(role)[0] == key
