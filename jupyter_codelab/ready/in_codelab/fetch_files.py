"""The added cell's download of the files sent with a notebook (its source is copied into the cell)."""


def codelab_fetch_files(files):
    """Download each (path, size, SHA-256, link) to its path beside this notebook, checking the SHA-256.
    A file already here with the same SHA-256 is kept, so running this again is harmless."""
    import hashlib
    import os
    import re
    import time
    import urllib.error
    import urllib.parse
    import urllib.request

    def sha256_of(path):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def size_text(size):
        if size < 1024:
            return f"{size} bytes"
        return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size / 1024:.1f} KB"

    def refusal(url, error):
        """What the storage said, and for an expired link when it expired (OBS: 403 AccessDenied, "Request has expired")."""
        body = error.read(4096).decode("utf-8", "replace")
        expires = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("Expires", [""])[0]
        past = expires.isdigit() and int(expires) < time.time()
        if error.code == 403 and ("expired" in body.lower() or past):
            when = " at " + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(int(expires))) if expires.isdigit() else ""
            return True, f"the link expired{when}: send the notebook again from Jupyter to get new links"
        code = re.search(r"<Code>([^<]*)</Code>", body)
        return False, f"HTTP {error.code} {code.group(1) if code else error.reason}".strip()

    kept, fetched, failed, expired = 0, 0, [], False
    for path, size, sha256, url in files:
        if os.path.isfile(path) and os.path.getsize(path) == size and sha256_of(path) == sha256:
            kept += 1
            print(f"{path}  already here ({size_text(size)}), kept")
            continue
        partial = path + ".codelab-part"
        try:
            if os.path.dirname(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
            digest = hashlib.sha256()
            with urllib.request.urlopen(url, timeout=60) as answer, open(partial, "wb") as out:
                for block in iter(lambda: answer.read(1 << 20), b""):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != sha256:
                raise ValueError("the bytes that arrived are not the ones sent (another SHA-256)")
            os.replace(partial, path)
            fetched += 1
            print(f"{path}  downloaded ({size_text(size)})")
        except urllib.error.HTTPError as error:
            failed.append(path)
            link_expired, sentence = refusal(url, error)
            print(f"{path}  not downloaded: {'its link expired too' if link_expired and expired else sentence}")
            expired = expired or link_expired
        except (OSError, ValueError) as error:  # no connection, a timeout, a full disk, other bytes
            failed.append(path)
            print(f"{path}  not downloaded: {error}")
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    total = sum(size for _path, size, _sha256, _url in files)
    missing = f", {len(failed)} not downloaded" if failed else ""
    print(f"{len(files)} files, {size_text(total)}: {fetched} downloaded, {kept} already here{missing}.")
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(files)} files are not here (see above): the cells that read them will fail.")
