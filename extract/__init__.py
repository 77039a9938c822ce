"""Reading the news: Indonesian articles → psikg records of innovations, awards, officials, replications.

The pipeline, one module per step (docs/extraction.md):

* :mod:`.reading` — bytes or saved HTML → text; headline, byline and boilerplate set apart;
  bad input (empty, binary, huge, not Indonesian) refused with a clear message.
* :mod:`.dates` — Indonesian dates ("Rabu (25/11/2020)", "(6/12)", "20 Sep") and the year
  inferred from context when missing.
* :mod:`.mentions` — regions (Kota vs Kabupaten), innovations and acronyms, officials and
  their titles, award schemes and ranks, found in a line.
* :mod:`.sentences` — where the sentences of a line start and end (initials are no full stop).
* :mod:`.assemble` — mentions → the facts of one article, resolved against the reference data.
* :mod:`.awards` — the award rules of :mod:`.assemble`: recipients, schemes, ranks, years,
  hand-overs, earlier editions, headline claims.
* :mod:`.replications` — which region copies which named innovation of another, from what
  :mod:`.assemble` found.
* :mod:`.records` — the record written atomically, after the loader's own checks.
* :mod:`.loading` — extracted records into a store, in graphs of their own.
* :mod:`.evaluation` — precision, recall and F1 against annotated gold files.

The language knowledge (month and day names, titles, cue words, boilerplate markers, SDG words)
is in ``extract/lexicon/*.yaml``.

>>> from psikg.extract.reading import article_from_text
>>> article_from_text("Judul Berita Tentang Inovasi Daerah\\nIsi berita.", check_language=False).headline
'Judul Berita Tentang Inovasi Daerah'
"""
