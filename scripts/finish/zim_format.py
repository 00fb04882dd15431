"""The few bytes of a ZIM file that the build sets itself, after libzim has written it.

Why: a ZIM file from libzim is not reproducible, and not readable by every checker in use.
- Two identifiers come from the clock and the system's random source: the archive's UUID in the
  header (libzim's ``Uuid::generate()`` hashes the time; the Python bindings do not offer its
  ``Creator::setUuid``), and the UUID that libxapian writes into the title index it builds for
  Kiwix's suggestions (libzim makes that index whether full-text indexing is on or off). Two
  builds of one commit differed in exactly these 32 bytes and the checksum. Both are set here from
  the file's own content, so the same pages give the same file and a changed page a new UUID
  (Kiwix tells versions of a book apart by it).
- libzim 9.3 and later no longer write the old ("v0") title pointer list and mark it absent in
  the header; libzim 8 (Debian 12's zimcheck and kiwix-tools) reads that mark as a list outside
  the file and fails the integrity check (openzim/zim-tools#484). The list is added here, as the
  libzim before 9.3 wrote it: every entry's number, ordered by namespace and title.
- The MD5 checksum at the end of the file covers everything before it, so it is written again.

The layout read and written here is the ZIM format's (https://wiki.openzim.org/wiki/ZIM_file_format):
an 80-byte header, the path pointer list of entry records (dirents), clusters of blobs.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

MAGIC = 72173914
HEADER = struct.Struct("<IHH16sIIQQQQIIQ")
UUID_AT = 8
UUID_SIZE = 16
REDIRECT = 0xFFFF
UNCOMPRESSED = (0, 1)
XAPIAN_TYPE = "application/octet-stream+xapian"
# libxapian's "glass" version data: this magic and a 2-byte format version, then the UUID.
XAPIAN_MAGIC = b"\x0f\x0dXapian Glass"
XAPIAN_UUID_AT = 16
NO_TITLE_LIST = 0xFFFFFFFFFFFFFFFF


class ZimFormatError(ValueError):
    """The file is not laid out as this module expects (a libzim upgrade changed it)."""


@dataclass(frozen=True)
class Header:
    entry_count: int
    cluster_count: int
    path_pointers: int
    title_pointers: int
    cluster_pointers: int
    checksum_at: int


@dataclass(frozen=True)
class Dirent:
    index: int
    namespace: str
    path: str
    title: str
    mimetype: str
    cluster: int  # -1 for a redirect
    blob: int


def header(data: bytes | bytearray) -> Header:
    fields = HEADER.unpack_from(data, 0)
    if fields[0] != MAGIC or fields[1] != 6:
        raise ZimFormatError("not a ZIM file of major version 6")
    _, _, _, _, entries, clusters, paths, titles, cluster_list, _, _, _, checksum = fields
    return Header(entries, clusters, paths, titles, cluster_list, checksum)


def mimetypes(data: bytes | bytearray) -> list[str]:
    """The MIME type list after the header: zero-terminated names, ended by an empty one."""
    names, at = [], HEADER.size
    while True:
        end = data.index(b"\0", at)
        if end == at:
            return names
        names.append(data[at:end].decode("utf-8"))
        at = end + 1


def text_at(data: bytes | bytearray, at: int) -> tuple[str, int]:
    end = data.index(b"\0", at)
    return data[at:end].decode("utf-8"), end + 1


def dirents(data: bytes | bytearray) -> list[Dirent]:
    """Every entry record, in path order (the order of the path pointer list)."""
    head, types = header(data), mimetypes(data)
    found = []
    for index in range(head.entry_count):
        (at,) = struct.unpack_from("<Q", data, head.path_pointers + 8 * index)
        kind, _, namespace = struct.unpack_from("<HBc", data, at)
        if kind == REDIRECT:
            cluster, blob, at = -1, -1, at + 12
        elif kind > REDIRECT - 3:  # the old formats' "link target" and "deleted" records
            raise ZimFormatError(f"entry {index} is of a kind libzim no longer writes")
        else:
            cluster, blob = struct.unpack_from("<II", data, at + 8)
            at += 16
        path, at = text_at(data, at)
        title, at = text_at(data, at)
        mimetype = "" if kind >= len(types) else types[kind]
        found.append(Dirent(index, namespace.decode("ascii"), path, title, mimetype, cluster, blob))
    return found


def blob_at(data: bytes | bytearray, head: Header, dirent: Dirent) -> int:
    """Where a blob of an uncompressed cluster starts in the file."""
    (cluster_at,) = struct.unpack_from("<Q", data, head.cluster_pointers + 8 * dirent.cluster)
    info = data[cluster_at]
    if info & 0x0F not in UNCOMPRESSED:
        raise ZimFormatError(f"{dirent.namespace}/{dirent.path} is in a compressed cluster")
    offset_format = "<Q" if info & 0x10 else "<I"
    width = struct.calcsize(offset_format)
    (offset,) = struct.unpack_from(offset_format, data, cluster_at + 1 + width * dirent.blob)
    return cluster_at + 1 + offset


def xapian_uuid_positions(data: bytes | bytearray, head: Header, entries: list[Dirent]) -> list[int]:
    """Where the UUID of each Xapian database in the file is (the title index, a full-text index)."""
    positions = []
    for dirent in entries:
        if dirent.namespace == "X" and dirent.mimetype == XAPIAN_TYPE:
            start = blob_at(data, head, dirent)
            if data[start : start + len(XAPIAN_MAGIC)] != XAPIAN_MAGIC:
                raise ZimFormatError(f"X/{dirent.path} does not start as a Xapian glass database")
            positions.append(start + XAPIAN_UUID_AT)
    return positions


def title_order(entries: list[Dirent]) -> bytes:
    """The v0 title pointer list: every entry's number, ordered as libzim 8 checks it (namespace,
    then the title, or the path where the title is empty, compared byte by byte)."""
    key = {item.index: f"{item.namespace}/{item.title or item.path}".encode() for item in entries}
    ordered = sorted(key, key=lambda index: (key[index], index))
    return struct.pack(f"<{len(ordered)}I", *ordered)


def finish(written: bytes) -> bytes:
    """The file libzim wrote, with reproducible identifiers, the v0 title pointer list, and its
    checksum written again. Raises ZimFormatError when the file is not as expected."""
    head = header(written)
    if head.checksum_at != len(written) - 16:
        raise ZimFormatError("the checksum is not at the end of the file")
    if head.title_pointers != NO_TITLE_LIST:
        raise ZimFormatError("the file already has a v0 title pointer list")
    entries = dirents(written)
    data = bytearray(written[: head.checksum_at])
    # The list goes after everything libzim wrote, where the checksum was.
    titles_at = len(data)
    data += title_order(entries)
    struct.pack_into("<Q", data, 40, titles_at)
    struct.pack_into("<Q", data, 72, len(data))
    uuids = [UUID_AT, *xapian_uuid_positions(data, head, entries)]
    for at in uuids:
        data[at : at + UUID_SIZE] = bytes(UUID_SIZE)
    digest = hashlib.sha256(data).digest()
    for number, at in enumerate(uuids):
        data[at : at + UUID_SIZE] = hashlib.sha256(digest + bytes([number])).digest()[:UUID_SIZE]
    return bytes(data + hashlib.md5(data).digest())  # the ZIM format's checksum
