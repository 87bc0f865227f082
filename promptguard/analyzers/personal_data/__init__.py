"""Personal data: Presidio with one recognizer per file, as Presidio itself lays them out.

`analyzer` is the `PersonalDataAnalyzer`; the other modules are the recognizers promptguard
adds to Presidio's. Presidio is imported lean and offline (`promptguard.nlp.boot`) here,
before any module of this package imports it.
"""

from promptguard.nlp import boot

boot(presidio=True)
