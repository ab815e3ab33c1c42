"""Send a local notebook to CodeLab through OBS: content-addressed upload, signed link, publish.

- ``naming``: bucket names, object keys, endpoints, public URLs (pure).
- ``gateway``: esdk-obs-python's ObsClient behind a small blocking API (run it in a thread).
- ``notebook_json``: JSON checked in parts, keeping only what is asked for (pure).
- ``notebook_strip``: a notebook without its outputs, as nbformat writes it (pure).
- ``prepare``: a notebook read once in parts, checked and hashed; its bytes again for the upload.
- ``notebook_file``: the notebook through the Jupyter contents manager (its size first, then its file).
- ``sender``: preview, send (upload + signed link + open) as a job with progress, publish.
"""
