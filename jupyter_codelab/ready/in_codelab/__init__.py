"""Functions that run in CodeLab's kernel, not ours: the added cell carries their source.

Standard library only, Python 3.7 and later (CodeLab's images), no module-level code. Their printed lines
stay English: the cell runs for whoever opens the notebook (a published link reaches anyone), not for the
person who sent it, and its source is code the reader sees.
"""
