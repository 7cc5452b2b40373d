"""German (and, via ``english``, English) named-entity recognition: taggers, spaCy components, stage."""
