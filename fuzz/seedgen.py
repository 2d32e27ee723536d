#!/usr/bin/env python3
"""Seed inputs that need a binary writer, with the standard library only (no pyarrow on the machines that
run the fuzz harness): small Parquet files, and GLB files that keep a sample model's JSON chunk but not its
megabytes of vertex data. Also writes the hostile inputs of the bounded-memory probes (RELIABILITY.md).

    seedgen.py parquet OUT_DIR               small Parquet files in the cement plant's columns
    seedgen.py glb MODEL.glb OUT.glb         the model's JSON chunk with an empty BIN chunk
    seedgen.py glb-json JSON_FILE OUT.glb    a glTF JSON document wrapped as GLB (BIN chunk of its buffer 0)
    seedgen.py hostile OUT_DIR               the probe inputs
"""

import json
import os
import struct
import sys

# --- Thrift compact protocol (Parquet's metadata encoding) -------------------------------------------------

T_TRUE, T_FALSE, T_I32, T_I64, T_BINARY, T_LIST, T_STRUCT = 1, 2, 5, 6, 8, 9, 12


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return (n << 1) ^ (n >> 63)


class Struct:
    """A Thrift struct: fields as (id, type, value), written in id order."""

    def __init__(self, *fields):
        self.fields = [f for f in fields if f[2] is not None]

    def encode(self):
        out = bytearray()
        last = 0
        for fid, ftype, value in sorted(self.fields, key=lambda f: f[0]):
            wire = ftype
            if ftype == "bool":
                wire = T_TRUE if value else T_FALSE
            delta = fid - last
            if 0 < delta <= 15:
                out.append((delta << 4) | wire)
            else:
                out.append(wire)
                out += varint(zigzag(fid))
            last = fid
            if ftype != "bool":
                out += encode_value(ftype, value)
        out.append(0)
        return bytes(out)


def encode_value(ftype, value):
    if ftype in (T_I32, T_I64):
        return varint(zigzag(value))
    if ftype == T_BINARY:
        b = value.encode() if isinstance(value, str) else value
        return varint(len(b)) + b
    if ftype == T_STRUCT:
        return value.encode()
    if ftype == T_LIST:
        etype, items = value
        head = bytes([(len(items) << 4) | etype]) if len(items) < 15 else bytes([0xF0 | etype]) + varint(len(items))
        return head + b"".join(encode_value(etype, i) for i in items)
    raise ValueError(ftype)


# --- Parquet ----------------------------------------------------------------------------------------------

INT32, INT64, DOUBLE, BYTE_ARRAY = 1, 2, 5, 6
UTF8, TIMESTAMP_MILLIS = 0, 9
PLAIN, RLE = 0, 3


def plain(ptype, values):
    if ptype == INT64:
        return b"".join(struct.pack("<q", v) for v in values)
    if ptype == INT32:
        return b"".join(struct.pack("<i", v) for v in values)
    if ptype == DOUBLE:
        return b"".join(struct.pack("<d", v) for v in values)
    if ptype == BYTE_ARRAY:
        return b"".join(struct.pack("<I", len(v.encode())) + v.encode() for v in values)
    raise ValueError(ptype)


def parquet(columns, num_rows=None, page_values=None, chunk_values=None):
    """columns: [(name, physical type, converted type or None, values)], all REQUIRED, one PLAIN page each.
    num_rows (file and row group), chunk_values (column chunks) and page_values (page headers) override
    what the metadata claims (for hostile files); chunk_values defaults to num_rows."""
    rows = len(columns[0][3])
    out = bytearray(b"PAR1")
    chunks = []
    total = 0
    for name, ptype, conv, values in columns:
        data = plain(ptype, values)
        header = Struct(
            (1, T_I32, 0),  # DATA_PAGE
            (2, T_I32, len(data)),
            (3, T_I32, len(data)),
            (5, T_STRUCT, Struct((1, T_I32, page_values if page_values is not None else len(values)), (2, T_I32, PLAIN), (3, T_I32, RLE), (4, T_I32, RLE))),
        ).encode()
        offset = len(out)
        out += header + data
        size = len(header) + len(data)
        total += size
        meta = Struct(
            (1, T_I32, ptype),
            (2, T_LIST, (T_I32, [PLAIN, RLE])),
            (3, T_LIST, (T_BINARY, [name])),
            (4, T_I32, 0),  # UNCOMPRESSED
            (5, T_I64, chunk_values if chunk_values is not None else num_rows if num_rows is not None else len(values)),
            (6, T_I64, size),
            (7, T_I64, size),
            (9, T_I64, offset),
        )
        chunks.append(Struct((2, T_I64, offset), (3, T_STRUCT, meta)))
    schema = [Struct((4, T_BINARY, "schema"), (5, T_I32, len(columns)))]
    for name, ptype, conv, _ in columns:
        schema.append(Struct((1, T_I32, ptype), (3, T_I32, 0), (4, T_BINARY, name), (6, T_I32, conv)))
    claimed = num_rows if num_rows is not None else rows
    row_group = Struct((1, T_LIST, (T_STRUCT, chunks)), (2, T_I64, total), (3, T_I64, claimed))
    footer = Struct(
        (1, T_I32, 1),
        (2, T_LIST, (T_STRUCT, schema)),
        (3, T_I64, claimed),
        (4, T_LIST, (T_STRUCT, [row_group])),
        (6, T_BINARY, "plant-twin fuzz/seedgen.py"),
    ).encode()
    out += footer + struct.pack("<I", len(footer)) + b"PAR1"
    return bytes(out)


T0 = 1_794_268_800_000  # 2026-11-10T00:00:00Z


def cement_columns(n, ts):
    kw = [600.0 + (i % 7) * 1.5 for i in range(n)]
    tph = [1150.0 - (i % 5) for i in range(n)]
    kiln = [float("nan") if i == 3 else 240.0 + i * 0.1 for i in range(n)]
    return [ts, ("crusher_kW", DOUBLE, None, kw), ("crusher_tph", DOUBLE, None, tph), ("kiln_drive_kW", DOUBLE, None, kiln)]


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def parquet_seeds(out):
    n = 50
    times = [T0 + 60_000 * i for i in range(n)]
    write(os.path.join(out, "datetime-ms.parquet"), parquet(cement_columns(n, ("timestamp", INT64, TIMESTAMP_MILLIS, times))))
    text = ["2026-11-10T%02d:%02d:00+08:00" % (8 + i // 60, i % 60) for i in range(n)]
    write(os.path.join(out, "text-iso.parquet"), parquet(cement_columns(n, ("timestamp", BYTE_ARRAY, UTF8, text))))
    secs = [t // 1000 for t in times]
    secs[10], secs[11] = secs[11], secs[10]  # out of order
    secs[20] = secs[19]  # duplicate
    write(os.path.join(out, "unix-seconds-messy.parquet"), parquet(cement_columns(n, ("timestamp", INT64, None, secs))))
    write(os.path.join(out, "int32-time.parquet"), parquet([("timestamp", INT32, None, list(range(n))), ("crusher_kW", INT32, None, list(range(n)))]))


# --- GLB --------------------------------------------------------------------------------------------------


def glb(json_bytes, bin_bytes=b""):
    json_bytes += b" " * (-len(json_bytes) % 4)
    bin_bytes += b"\0" * (-len(bin_bytes) % 4)
    chunks = struct.pack("<I4s", len(json_bytes), b"JSON") + json_bytes
    if bin_bytes:
        chunks += struct.pack("<I4s", len(bin_bytes), b"BIN\0") + bin_bytes
    return struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks


def json_chunk(path):
    data = open(path, "rb").read()
    magic, _version, _length = struct.unpack_from("<4sII", data, 0)
    if magic != b"glTF":
        raise SystemExit(f"{path} is not a GLB")
    length, kind = struct.unpack_from("<I4s", data, 12)
    if kind != b"JSON":
        raise SystemExit(f"{path}: first chunk is not JSON")
    return data[20 : 20 + length].rstrip(b" ")


def glb_without_vertices(model, out):
    doc = json.loads(json_chunk(model))
    # Keep the buffer declarations valid for a BIN chunk of the right size only when it is small; otherwise
    # declare an empty buffer list's worth of bytes: check_model reads names, extras, transforms and the
    # accessors' min/max, never the vertex data.
    size = sum(b.get("byteLength", 0) for b in doc.get("buffers", []))
    write(out, glb(json.dumps(doc, separators=(",", ":")).encode(), b"\0" * size if size <= 4096 else b""))


def glb_from_json(path, out):
    doc = json.load(open(path))
    size = sum(b.get("byteLength", 0) for b in doc.get("buffers", []))
    write(out, glb(json.dumps(doc, separators=(",", ":")).encode(), b"\0" * size))


# --- hostile inputs of the bounded-memory probes --------------------------------------------------------


def hostile(out):
    # GLB: an accessor that claims 2^32 - 1 VEC3 floats (48 GiB) in a 36-byte buffer, in the default scene.
    doc = {
        "asset": {"version": "2.0"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"name": "kiln-1", "mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 2**32 - 1, "type": "VEC3", "min": [0, 0, 0], "max": [1, 1, 1]},
            {"bufferView": 0, "componentType": 5125, "count": 2**32 - 1, "type": "SCALAR"},
        ],
        "bufferViews": [{"buffer": 0, "byteLength": 36}],
        "buffers": [{"byteLength": 36}],
    }
    write(os.path.join(out, "glb-accessor-2pow32.glb"), glb(json.dumps(doc).encode(), b"\0" * 36))
    # GLB whose header and chunk header claim 4 GiB - 1 bytes.
    write(os.path.join(out, "glb-chunk-claims-4gib.glb"), struct.pack("<4sII", b"glTF", 2, 0xFFFFFFFF) + struct.pack("<I4s", 0xFFFFFFF0, b"JSON") + b"{}")
    # Node tree 100,000 deep (each node the only child of the previous): recursion in the bounds walk.
    depth = 100_000
    nodes = [{"name": f"n{i}", "children": [i + 1]} for i in range(depth - 1)] + [{"name": "leaf"}]
    deep = {"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": nodes}
    write(os.path.join(out, "glb-node-chain-100000.glb"), glb(json.dumps(deep, separators=(",", ":")).encode()))
    # A node that is its own child: a cycle in the node graph.
    cyc = {"asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"name": "a", "children": [1]}, {"name": "b", "children": [0]}]}
    write(os.path.join(out, "glb-node-cycle.glb"), glb(json.dumps(cyc).encode()))
    # JSON nested 100,000 deep, for both JSON targets (live_json: first byte '4', RFC 3339).
    nested = "[" * 100_000 + "]" * 100_000
    write(os.path.join(out, "json-nested-100000.json"), nested.encode())
    write(os.path.join(out, "live-json-nested-100000.json"), b"4" + ('{"timestamp":' + nested + ',"meters":{}}').encode())
    # Parquet whose metadata claims 2^40 rows and a page of 2^31 - 1 values, with 3 rows of data.
    cols = [("timestamp", INT64, TIMESTAMP_MILLIS, [T0, T0 + 60_000, T0 + 120_000]), ("crusher_kW", DOUBLE, None, [1.0, 2.0, 3.0])]
    write(os.path.join(out, "parquet-claims-2pow40-rows.parquet"), parquet(cols, num_rows=2**40, page_values=2**31 - 1))
    # The same 3 rows, the file's row count true, but a page header claiming 2^31 - 1 values, or a column
    # chunk claiming 2^40 values.
    write(os.path.join(out, "parquet-page-claims-2pow31-values.parquet"), parquet(cols, page_values=2**31 - 1))
    write(os.path.join(out, "parquet-chunk-claims-2pow40-values.parquet"), parquet(cols, chunk_values=2**40))
    # TOML: 100,000 nested arrays and inline tables as a site.toml value.
    write(os.path.join(out, "toml-nested-arrays-100000.toml"), ('[site]\nname = ' + "[" * 100_000 + "]" * 100_000 + "\n").encode())
    write(os.path.join(out, "toml-nested-tables-100000.toml"), ("x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n").encode())


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "parquet":
        parquet_seeds(sys.argv[2])
    elif cmd == "glb":
        glb_without_vertices(sys.argv[2], sys.argv[3])
    elif cmd == "glb-json":
        glb_from_json(sys.argv[2], sys.argv[3])
    elif cmd == "hostile":
        hostile(sys.argv[2])
    else:
        raise SystemExit(__doc__)
