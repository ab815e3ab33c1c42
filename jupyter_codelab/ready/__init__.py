"""A notebook that arrives ready to run: the files it reads, or its repository, come along.

- ``paths``: root-relative and notebook-relative paths; nothing outside the contents root.
- ``tree``: what detection asks of the files (``FileTree``): over a local folder or a Jupyter contents manager.
- ``candidates``: the paths a notebook's code cells name (literals, imports, ``%run``, ``!`` lines). Pure.
- ``detect``: those that exist under the root, as rows (file or folder, size, reason) and the ones skipped.
- ``limits``: the size and count limits of the files sent with a notebook, and their error (field ``files``).
- ``selection``: the files a person chose (``files: [...]``), folders expanded, checked against the limits.
- ``repositories``: a share_url inside a GitHub/GitLab/Gitee repository, and its archive link.
- ``added_cell``: the first code cell (tag ``codelab-files``) that fetches the files or the repository.
- ``in_codelab``: the functions that cell runs in CodeLab's kernel (standard library only).
"""
