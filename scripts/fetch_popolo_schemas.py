"""Fetch the Popolo JSON schemas the Popolo export is validated against in the tests.

The schemas are not ours to commit, and the tests run offline, so CI (and a developer, once)
takes them from a package registry before the tests: mySociety's ``popit-api`` npm package
ships the Popolo project's draft-03 schemas in ``schemas/popolo/``. The tarball is pinned by
its registry integrity hash; only the ``*.json`` files of that folder are extracted, and the
target folder appears whole or not at all.

    python scripts/fetch_popolo_schemas.py [TARGET]   # default: build/popolo-schemas
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

TARBALL = "https://registry.npmjs.org/popit-api/-/popit-api-0.0.14.tgz"
INTEGRITY = (
    "sha512-q5hEcE2rwJMt9TPKqomdhEvS/JTcxdpsT8/lo1q34K/rk3Z8jDH477thG3p3nnW4JJx6TdiQlZKMq5l8CMhMLw=="
)
MEMBER_PREFIX = "package/schemas/popolo/"
DEFAULT_TARGET = Path(__file__).resolve().parent.parent / "build" / "popolo-schemas"
MAX_BYTES = 5_000_000


def download(url: str = TARBALL, timeout: float = 60.0) -> bytes:
    """The tarball's bytes, refused unless they match the pinned integrity hash."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # a pinned https URL
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"{url}: larger than {MAX_BYTES} bytes")
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if digest != INTEGRITY:
        raise ValueError(f"{url}: integrity {digest} is not the pinned {INTEGRITY}")
    return data


def extract_schemas(tarball: bytes, target: Path) -> list[Path]:
    """Write the schema files into ``target`` atomically (a sibling temp folder, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".popolo-", dir=target.parent))
    try:
        names: list[str] = []
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            for member in archive.getmembers():
                name = member.name
                if not (member.isfile() and name.startswith(MEMBER_PREFIX)):
                    continue
                leaf = name[len(MEMBER_PREFIX) :]
                if "/" in leaf or not leaf.endswith(".json"):
                    continue
                source = archive.extractfile(member)
                assert source is not None
                (staging / leaf).write_bytes(source.read())
                names.append(leaf)
        if "membership.json" not in names:
            raise ValueError(f"{TARBALL}: no {MEMBER_PREFIX}membership.json inside")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(target / name for name in names)


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else DEFAULT_TARGET
    try:
        written = extract_schemas(download(), target)
    except (OSError, ValueError, tarfile.TarError) as error:
        print(f"error: could not fetch the Popolo schemas: {error}", file=sys.stderr)
        return 1
    print(f"{len(written)} Popolo schemas in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
