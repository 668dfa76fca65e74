"""Data-only encoding of finished sweep records (the checkpoint chunk format).

A chunk holds records ``(flat_index, result, error)`` where ``result`` is ``None`` (a failed
point) or the ``{name: value}`` mapping the swept function returned. It is stored as an ``.npz``
archive (read with ``numpy.load(..., allow_pickle=False)``) of three ``uint8`` members:

``header``
    UTF-8 JSON: ``{"format": "wirelesseff-sweep-chunk", "version": 2, "records": [...]}``.
    Every value is a small tagged JSON node (see :func:`encode_value`); scalars are stored inline
    as the hex of their bytes, arrays as ``(dtype, shape, offset, nbytes)`` into ``blob``.
``blob``
    The raw bytes of every array, concatenated.
``sha256``
    Hex SHA-256 of the header and the blob (see :func:`payload_digest`).

Nothing is pickled and nothing executable is stored: decoding only builds numbers, strings,
numpy arrays of plain dtypes, lists, tuples, dicts and :class:`xarray.DataArray` objects, so
resuming a checkpoint someone sent you cannot run their code. The round trip is bit-exact,
including NaN payloads, signed zeros, byte order and fixed-width string dtypes.

The SHA-256 detects damaged files (a bit flipped on disk, a truncated copy); it is not a
signature (whoever can write the file can also recompute it) and does not need to be, because
the decoder never executes anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "CHUNK_FORMAT",
    "CHUNK_VERSION",
    "CorruptChunkError",
    "decode_chunk",
    "decode_value",
    "encode_chunk",
    "encode_value",
]

CHUNK_FORMAT = "wirelesseff-sweep-chunk"
#: Version of the chunk layout; version 1 was the pickle format of wirelesseff 0.1.
CHUNK_VERSION = 2

# Plain dtypes whose bytes are the whole value: booleans, integers, floats, complex numbers,
# fixed-width byte and unicode strings, datetimes and timedeltas. Object and structured (void)
# dtypes are excluded: they cannot be rebuilt from bytes without running code.
_PLAIN_KINDS = frozenset("biufcSUmM")

# Upper bound on a record list / nesting depth decoded from a file (protects against crafted
# files that would otherwise allocate without bound or recurse until the stack overflows).
_MAX_DEPTH = 64


class CorruptChunkError(ValueError):
    """A chunk file that is damaged, truncated, or not a chunk of this format."""


# ----------------------------------------------------------------------------- encoding

class _Encoder:
    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.offset = 0

    def array(self, arr: np.ndarray) -> dict[str, Any]:
        data = np.ascontiguousarray(arr).tobytes()
        node = {"t": "nd", "d": arr.dtype.str, "s": list(arr.shape), "o": self.offset,
                "n": len(data)}
        self.parts.append(data)
        self.offset += len(data)
        return node

    def value(self, v: Any, depth: int = 0) -> dict[str, Any]:
        if depth > _MAX_DEPTH:
            raise TypeError(f"sweep result nested deeper than {_MAX_DEPTH} levels")
        t = type(v)
        if v is None:
            return {"t": "none"}
        if t is bool:
            return {"t": "bool", "v": v}
        if t is int:
            return {"t": "int", "v": str(v)}
        if t is float:
            return {"t": "float", "v": struct.pack("<d", v).hex()}
        if t is complex:
            return {"t": "complex", "v": struct.pack("<dd", v.real, v.imag).hex()}
        if t is str:
            return {"t": "str", "v": v}
        if t is bytes:
            return {"t": "bytes", "v": v.hex()}
        if t is np.str_:  # str subclass: its text is the whole value
            return {"t": "npstr", "v": str(v)}
        if t is np.bytes_:
            return {"t": "npbytes", "v": bytes(v).hex()}
        if isinstance(v, np.generic):
            if v.dtype.kind not in _PLAIN_KINDS or v.dtype.kind in "SU":
                raise TypeError(f"numpy scalar of dtype {v.dtype} cannot be stored as data")
            return {"t": "np", "d": v.dtype.str, "v": v.tobytes().hex()}
        if t is np.ndarray:
            if v.dtype.kind in _PLAIN_KINDS:
                return self.array(v)
            if v.dtype.kind == "O":
                return {"t": "obj", "s": list(v.shape),
                        "v": [self.value(x, depth + 1) for x in v.ravel(order="C")]}
            raise TypeError(f"array of dtype {v.dtype} cannot be stored as data")
        if t is list or t is tuple:
            return {"t": "list" if t is list else "tuple",
                    "v": [self.value(x, depth + 1) for x in v]}
        if t is dict:
            return {"t": "dict",
                    "v": [[self.value(k, depth + 1), self.value(x, depth + 1)]
                          for k, x in v.items()]}
        import xarray as xr

        if t is xr.DataArray:
            return {
                "t": "da",
                "name": self.value(v.name, depth + 1),
                "dims": [str(d) for d in v.dims],
                "data": self.value(np.asarray(v.values), depth + 1),
                "coords": [[str(name), self.variable(var.variable, depth + 1)]
                           for name, var in v.coords.items()],
                "attrs": self.value(dict(v.attrs), depth + 1),
            }
        raise TypeError(
            f"a value of type {t.__module__}.{t.__qualname__} cannot be stored in a checkpoint "
            "(numbers, strings, numpy arrays, lists, dicts and DataArrays only)"
        )

    def variable(self, var: Any, depth: int) -> dict[str, Any]:
        return {"dims": [str(d) for d in var.dims],
                "data": self.value(np.asarray(var.values), depth + 1),
                "attrs": self.value(dict(var.attrs), depth + 1)}

    def blob(self) -> bytes:
        return b"".join(self.parts)


def encode_value(value: Any) -> tuple[dict[str, Any], bytes]:
    """Encode one value as ``(json_node, blob)`` (arrays go to ``blob``).

    Raises
    ------
    TypeError
        If the value (or something inside it) is not plain data.
    """
    enc = _Encoder()
    node = enc.value(value)
    return node, enc.blob()


def payload_digest(header: bytes, blob: bytes) -> str:
    """Hex SHA-256 of a chunk payload (header length, header, blob)."""
    h = hashlib.sha256(CHUNK_FORMAT.encode() + b"\0")
    h.update(len(header).to_bytes(8, "little"))
    h.update(header)
    h.update(blob)
    return h.hexdigest()


def encode_chunk(records: Sequence[tuple[int, Mapping[str, Any] | None, str]]) -> bytes:
    """The bytes of an ``.npz`` chunk file holding ``records``.

    Raises
    ------
    TypeError
        If a result holds a value that is not plain data; the message names the result key.
    """
    enc = _Encoder()
    out = []
    for index, res, err in records:
        if res is None:
            node = None
        else:
            node = []
            for key, value in res.items():
                try:
                    node.append([str(key), enc.value(value)])
                except TypeError as exc:
                    raise TypeError(f"sweep result {key!r}: {exc}") from None
        out.append([int(index), node, str(err)])
    header = json.dumps({"format": CHUNK_FORMAT, "version": CHUNK_VERSION, "records": out},
                        ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode()
    blob = enc.blob()
    buf = io.BytesIO()
    np.savez(buf, header=np.frombuffer(header, dtype=np.uint8),
             blob=np.frombuffer(blob, dtype=np.uint8),
             sha256=np.frombuffer(payload_digest(header, blob).encode(), dtype=np.uint8))
    return buf.getvalue()


# ----------------------------------------------------------------------------- decoding

class _Decoder:
    def __init__(self, blob: memoryview) -> None:
        self.blob = blob

    def value(self, node: Any, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH or not isinstance(node, dict):
            raise CorruptChunkError("malformed value node")
        t = node["t"]
        if t == "none":
            return None
        if t == "bool":
            v = node["v"]
            if type(v) is not bool:
                raise CorruptChunkError("malformed bool")
            return v
        if t == "int":
            return int(node["v"])
        if t == "float":
            return struct.unpack("<d", bytes.fromhex(node["v"]))[0]
        if t == "complex":
            re, im = struct.unpack("<dd", bytes.fromhex(node["v"]))
            return complex(re, im)
        if t in ("str", "npstr"):
            v = node["v"]
            if type(v) is not str:
                raise CorruptChunkError("malformed str")
            return v if t == "str" else np.str_(v)
        if t == "bytes":
            return bytes.fromhex(node["v"])
        if t == "npbytes":
            return np.bytes_(bytes.fromhex(node["v"]))
        if t == "np":
            dtype = _plain_dtype(node["d"])
            raw = bytes.fromhex(node["v"])
            if len(raw) != dtype.itemsize or dtype.kind in "SU":
                raise CorruptChunkError("malformed numpy scalar")
            return np.frombuffer(raw, dtype=dtype)[0]
        if t == "nd":
            dtype = _plain_dtype(node["d"])
            shape = tuple(int(s) for s in node["s"])
            off, n = int(node["o"]), int(node["n"])
            if min(shape, default=0) < 0 or off < 0 or n < 0 or off + n > len(self.blob):
                raise CorruptChunkError("array outside the blob")
            count = int(np.prod(shape, dtype=np.int64))
            if count * dtype.itemsize != n:
                raise CorruptChunkError("array size does not match its shape")
            if dtype.itemsize == 0:
                return np.zeros(shape, dtype=dtype)
            return np.frombuffer(self.blob[off:off + n], dtype=dtype).reshape(shape).copy()
        if t == "obj":
            shape = tuple(int(s) for s in node["s"])
            items = node["v"]
            if min(shape, default=0) < 0 or len(items) != int(np.prod(shape, dtype=np.int64)):
                raise CorruptChunkError("object array size does not match its shape")
            arr = np.empty(len(items), dtype=object)
            for i, x in enumerate(items):
                arr[i] = self.value(x, depth + 1)
            return arr.reshape(shape)
        if t == "list":
            return [self.value(x, depth + 1) for x in node["v"]]
        if t == "tuple":
            return tuple(self.value(x, depth + 1) for x in node["v"])
        if t == "dict":
            return {self.value(k, depth + 1): self.value(x, depth + 1) for k, x in node["v"]}
        if t == "da":
            import xarray as xr

            coords = {}
            for name, var in node["coords"]:
                coords[str(name)] = xr.Variable(
                    [str(d) for d in var["dims"]], self.value(var["data"], depth + 1),
                    attrs=self.value(var["attrs"], depth + 1))
            return xr.DataArray(
                self.value(node["data"], depth + 1), dims=[str(d) for d in node["dims"]],
                coords=coords, attrs=self.value(node["attrs"], depth + 1),
                name=self.value(node["name"], depth + 1))
        raise CorruptChunkError(f"unknown value type {t!r}")


def _plain_dtype(descr: Any) -> np.dtype:
    if not isinstance(descr, str):
        raise CorruptChunkError("malformed dtype")
    dtype = np.dtype(descr)
    if dtype.kind not in _PLAIN_KINDS or dtype.fields is not None:
        raise CorruptChunkError(f"dtype {descr!r} is not a plain data dtype")
    return dtype


def decode_value(node: Mapping[str, Any], blob: bytes) -> Any:
    """Inverse of :func:`encode_value`."""
    return _Decoder(memoryview(blob)).value(node)


def decode_chunk(data: bytes | str | Any) -> list[tuple[int, dict[str, Any] | None, str]]:
    """Records of a chunk file (a path, or its bytes).

    Raises
    ------
    CorruptChunkError
        If the file is not a valid chunk, is damaged, or fails its SHA-256 check.
    """
    src = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        with np.load(src, allow_pickle=False) as z:
            if sorted(z.files) != ["blob", "header", "sha256"]:
                raise CorruptChunkError(f"unexpected members {sorted(z.files)}")
            arrays = {k: z[k] for k in ("header", "blob", "sha256")}
    except CorruptChunkError:
        raise
    except Exception as exc:  # BadZipFile, CRC errors, truncated members, object arrays...
        raise CorruptChunkError(f"unreadable archive ({type(exc).__name__}: {exc})") from None
    for k, arr in arrays.items():
        if arr.dtype != np.uint8 or arr.ndim != 1:
            raise CorruptChunkError(f"member {k!r} is not a uint8 vector")
    header, blob = arrays["header"].tobytes(), arrays["blob"].tobytes()
    if arrays["sha256"].tobytes().decode("ascii", "replace") != payload_digest(header, blob):
        raise CorruptChunkError("SHA-256 mismatch")
    try:
        doc = json.loads(header)
        if doc.get("format") != CHUNK_FORMAT or doc.get("version") != CHUNK_VERSION:
            raise CorruptChunkError(
                f"format {doc.get('format')!r} version {doc.get('version')!r}, expected "
                f"{CHUNK_FORMAT!r} version {CHUNK_VERSION}")
        dec = _Decoder(memoryview(blob))
        records = []
        for index, res, err in doc["records"]:
            if type(index) is not int or type(err) is not str:
                raise CorruptChunkError("malformed record")
            result = None if res is None else {str(k): dec.value(v) for k, v in res}
            records.append((index, result, err))
    except CorruptChunkError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, RecursionError, struct.error) as exc:
        raise CorruptChunkError(f"malformed header ({type(exc).__name__}: {exc})") from None
    return records
