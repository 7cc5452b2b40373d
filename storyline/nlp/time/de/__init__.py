"""German time expressions: word lists (``words``), regex pieces (``fragments``), match builders
(``builders``), the rule table (``rules``) and which words can start which rule (``triggers``).

Nothing is imported here: the tagger loads a language's rules on first use, so importing the shared
machinery (or the English rules) never compiles the German regular expressions.
"""
