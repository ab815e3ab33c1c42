"""``jupyter codelab doctor``: what a person runs when the first call fails.

``report`` (the answer), ``setup`` (checks without network), ``probes`` (the calls, sans-IO, and a
driver per transport), ``judge`` (what the answers mean). ``checks`` puts them in the order read.
"""
