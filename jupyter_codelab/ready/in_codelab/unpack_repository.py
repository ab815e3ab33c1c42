"""The added cell's download of a notebook's repository (its source is copied into the cell)."""


def codelab_unpack_repository(url, folder, notebook_folder):
    """Unpack the repository's archive (tar.gz or zip) into `folder` beside this notebook, once, then work in the
    notebook's own folder inside it, so that its relative paths and imports find the repository's files.
    Running this again unpacks nothing (a marker keeps the archive's link) and changes into the same folder."""
    import hashlib
    import os
    import shutil
    import tarfile
    import tempfile
    import urllib.error
    import urllib.request
    import zipfile

    home = os.environ.setdefault("CODELAB_REPOSITORY_HOME", os.getcwd())  # where the first run started
    target = os.path.join(home, folder)
    marker = os.path.join(target, ".codelab-archive")

    def parts_of(name):
        parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
        if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise RuntimeError(f"The archive holds a path outside its folder ({name!r}): nothing was unpacked.")
        return parts

    def extract(entries, into):
        """Regular files and folders only (links and devices are left out by the caller), each inside `into`;
        a single top folder (GitHub's "repo-ref/") is dropped. Returns the number of files."""
        named = [(parts_of(name), is_dir, mode, opener) for name, is_dir, mode, opener in entries]
        tops = {parts[0] for parts, *_rest in named if parts}
        strip = 1 if len(tops) == 1 and all(len(parts) > 1 or is_dir for parts, is_dir, *_rest in named) else 0
        os.makedirs(into)
        count = 0
        for parts, is_dir, mode, opener in named:
            if not parts[strip:]:
                continue
            path = os.path.join(into, *parts[strip:])
            os.makedirs(path if is_dir else os.path.dirname(path), exist_ok=True)
            if not is_dir:
                with opener() as source, open(path, "wb") as out:
                    shutil.copyfileobj(source, out)
                os.chmod(path, 0o755 if mode & 0o111 else 0o644)
                count += 1
        return count

    def unpack(archive_path, into):
        if zipfile.is_zipfile(archive_path):
            with zipfile.ZipFile(archive_path) as zipped:
                files = [i for i in zipped.infolist() if (i.external_attr >> 16) & 0o170000 != 0o120000]  # not S_IFLNK
                return extract([(i.filename, i.is_dir(), i.external_attr >> 16, lambda i=i: zipped.open(i)) for i in files], into)
        with tarfile.open(archive_path, "r:*") as tarred:
            return extract([(i.name, i.isdir(), i.mode, lambda i=i: tarred.extractfile(i))
                            for i in tarred.getmembers() if i.isfile() or i.isdir()], into)  # fmt: skip

    unpacked_from = ""
    if os.path.isfile(marker):
        with open(marker) as handle:
            unpacked_from = handle.readline().strip()
    if unpacked_from == url:
        print(f"{folder}  already unpacked from {url}, kept")
    elif os.path.exists(target):
        raise RuntimeError(f"{target} is already there and holds something else: rename it, then run this cell again.")
    else:
        with tempfile.TemporaryDirectory(dir=home) as scratch:
            archive_path, unpacked, digest = os.path.join(scratch, "archive"), os.path.join(scratch, "unpacked"), hashlib.sha256()
            try:
                with urllib.request.urlopen(url, timeout=120) as answer, open(archive_path, "wb") as out:
                    for block in iter(lambda: answer.read(1 << 20), b""):
                        digest.update(block)
                        out.write(block)
            except (urllib.error.URLError, OSError) as error:
                raise RuntimeError(f"Could not download the repository's archive {url}: {error}") from None
            count = unpack(archive_path, unpacked)
            with open(os.path.join(unpacked, ".codelab-archive"), "w") as note:
                note.write(f"{url}\n{digest.hexdigest()}\n")
            os.rename(unpacked, target)
        print(f"{folder}  unpacked: {count} files from {url} (SHA-256 {digest.hexdigest()[:16]})")
    work = os.path.join(target, *[part for part in notebook_folder.split("/") if part])
    if not os.path.isdir(work):
        raise RuntimeError(f"The repository has no folder {notebook_folder!r} at this ref: open the notebook from its own link.")
    os.chdir(work)
    print(f"Working in {os.path.relpath(work, home)}: this notebook's relative paths now point into the repository.")
