"""Annotation stages: language, structure, sentences, dating; entities, time and quotes build on these."""
