"""Send a local notebook to CodeLab through OBS: content-addressed upload, signed link, publish.

- ``naming``: bucket names, object keys, endpoints, public URLs (pure).
- ``redact``: signed URLs for log lines (pure).
- ``gateway``: esdk-obs-python's ObsClient behind a small blocking API (run it in a thread).
- ``notebook_file``: the notebook's bytes through the Jupyter contents manager.
- ``sender``: preview, send (upload + signed link + open) as a job with progress, publish.
"""
