"""verifier/words/ tables: each file is parsed once, and every caller gets its own copy."""

from __future__ import annotations

import yaml

from verifier import lexicon


def test_a_table_reads_as_yaml_safe_load_reads_it() -> None:
    for path in sorted(lexicon.WORDS_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            assert lexicon.load_table(path.stem) == yaml.safe_load(fh), path.name


def test_a_caller_changing_its_table_does_not_change_the_next_callers() -> None:
    first = lexicon.load_table("qualifiers")
    first.clear()
    assert lexicon.load_table("qualifiers"), "the cached table was changed through a copy"


def test_each_file_is_parsed_once() -> None:
    lexicon.load_table("units")
    before = lexicon._parsed_table.cache_info().misses
    for _ in range(3):
        lexicon.load_table("units")
    assert lexicon._parsed_table.cache_info().misses == before
