"""English time expressions: word lists (``words``) and the rule table with its builders (``rules``).

The same meanings as the German rules, English surface forms. English runs every rule over the whole
text (no word triggers). Nothing is imported here: the tagger loads the rules on first use.
"""
