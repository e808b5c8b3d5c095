#!/usr/bin/env python3
"""Builds a tar archive from a JSON list of entries (read on stdin), for the extraction tests.

Usage: make_tar.py OUT  (compressed by OUT's suffix: .tar, .tar.gz, .tar.xz, .tar.bz2, .tar.zst)

Each entry: {"name": ..., "type": "file"|"dir"|"symlink"|"hardlink"|"fifo"|"chr",
             "data": "text" (file), "target": ... (links), "mode": 420, "mtime": 1000000000}
Names are written exactly as given: "../x" and "/abs" included. "name_hex" instead of "name"
gives the name's bytes in hex, for names that are not UTF-8 (stored as pax binary names).
"""
import io
import json
import subprocess
import sys
import tarfile

TYPES = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
         "hardlink": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE, "chr": tarfile.CHRTYPE}

out = sys.argv[1]
entries = json.load(sys.stdin)
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT, errors="surrogateescape") as tar:
    for entry in entries:
        name = entry["name"] if "name" in entry else bytes.fromhex(entry["name_hex"]).decode("utf-8", "surrogateescape")
        info = tarfile.TarInfo(name)
        info.type = TYPES[entry.get("type", "file")]
        info.mode = entry.get("mode", 0o755 if info.type == tarfile.DIRTYPE else 0o644)
        info.mtime = entry.get("mtime", 1_000_000_000)
        info.linkname = entry.get("target", "")
        data = entry.get("data", "").encode()
        info.size = len(data) if info.type == tarfile.REGTYPE else 0
        tar.addfile(info, io.BytesIO(data) if info.size else None)
raw = buffer.getvalue()
if out.endswith(".zst"):
    raw = subprocess.run(["zstd", "-q", "-c"], input=raw, stdout=subprocess.PIPE, check=True).stdout
elif out.endswith(".gz"):
    import gzip
    raw = gzip.compress(raw)
elif out.endswith(".xz"):
    import lzma
    raw = lzma.compress(raw)
elif out.endswith(".bz2"):
    import bz2
    raw = bz2.compress(raw)
open(out, "wb").write(raw)
