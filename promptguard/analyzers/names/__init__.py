"""Names: public and deceased figures, copyrighted works, artists' styles, from packed lists.

`lexicon` packs the shipped wordlists; `prepass` says which capitalised words only NER can
explain; `public_figures` and `copyrighted_works` are the analyzers.
"""
