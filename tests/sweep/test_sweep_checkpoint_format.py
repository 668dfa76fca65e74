"""Checkpoints are data only, verified, locked and safe to resume (see docs/sweep.md)."""

from __future__ import annotations

import io
import json
import math
import os
import pickle
import signal
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from wirelesseff.sweep import (
    CheckpointLockedError,
    CheckpointMismatchError,
    sweep,
)
from wirelesseff.sweep import _checkpoint as ckmod
from wirelesseff.sweep._codec import (
    CorruptChunkError,
    decode_chunk,
    decode_value,
    encode_chunk,
    encode_value,
    payload_digest,
)


def _strip(ds):
    ds = ds.copy()
    for key in ("created", "executor", "elapsed_s"):
        ds.attrs.pop(key, None)
    return ds


# ----------------------------------------------------------------------------- exactness helper

def assert_same(a, b, path="value"):
    """Same type, same structure, same bytes (NaN payloads and signed zeros included)."""
    assert type(a) is type(b), f"{path}: {type(a)} != {type(b)}"
    if isinstance(a, xr.DataArray):
        xr.testing.assert_identical(a, b)
        assert a.name == b.name
        assert_same(a.values, b.values, f"{path}.values")
        assert list(a.coords) == list(b.coords)
        for name in a.coords:
            assert_same(a[name].values, b[name].values, f"{path}.coords[{name}]")
            assert_same(dict(a[name].attrs), dict(b[name].attrs), f"{path}.coords[{name}].attrs")
        assert_same(dict(a.attrs), dict(b.attrs), f"{path}.attrs")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.dtype.str == b.dtype.str, path
        assert a.shape == b.shape, path
        if a.dtype.kind == "O":
            for i, (x, y) in enumerate(zip(a.ravel(), b.ravel())):
                assert_same(x, y, f"{path}[{i}]")
        else:
            assert a.tobytes() == b.tobytes(), path
    elif isinstance(a, np.generic):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), path
    elif isinstance(a, float):
        assert struct.pack("<d", a) == struct.pack("<d", b), path
    elif isinstance(a, complex):
        assert struct.pack("<dd", a.real, a.imag) == struct.pack("<dd", b.real, b.imag), path
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for k in a:
            assert_same(a[k], b[k], f"{path}[{k!r}]")
    else:
        assert a == b, path


# ----------------------------------------------------------------------------- codec properties

DTYPES = ["?", "i1", "<i2", ">i4", "<i8", "u1", "<u2", ">u8", "<f2", "<f4", ">f8", "<f8",
          "<c8", ">c16", "<c16", "U1", "<U7", ">U3", "S1", "S5", "<M8[ns]", "<m8[s]"]

arrays = st.sampled_from(DTYPES).flatmap(
    lambda d: hnp.arrays(np.dtype(d), hnp.array_shapes(min_dims=0, max_dims=3, min_side=0,
                                                        max_side=3)))
np_scalars = arrays.filter(lambda a: a.size > 0).map(lambda a: a.ravel()[0])
py_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(2**200), max_value=2**200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(width=64).map(lambda f: -0.0 if f == 0 else f),
    st.complex_numbers(allow_nan=True, allow_infinity=True), st.text(), st.binary(),
)
nan_payloads = st.integers(0, 2**52 - 1).map(
    lambda m: struct.unpack("<d", struct.pack("<Q", 0x7FF8000000000000 | m | 1))[0])
leaves = st.one_of(py_scalars, np_scalars, arrays, nan_payloads)
attr_values = st.one_of(st.text(max_size=5), st.integers(), st.floats(), arrays)
attrs = st.dictionaries(st.text(max_size=5), attr_values, max_size=3)


@st.composite
def dataarrays(draw):
    values = draw(hnp.arrays(np.dtype(draw(st.sampled_from(DTYPES))),
                             hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3)))
    dims = [f"d{i}" for i in range(values.ndim)]
    coords = {}
    for d, n in zip(dims, values.shape):
        if draw(st.booleans()):
            coords[d] = xr.Variable(d, np.arange(n) * draw(st.sampled_from([1, 0.5])),
                                    attrs=draw(attrs))
    if values.ndim and draw(st.booleans()):
        coords["label"] = xr.Variable(dims[0], np.array([f"l{i}" for i in range(values.shape[0])],
                                                        dtype=object))
    name = draw(st.one_of(st.none(), st.text(max_size=4)))
    return xr.DataArray(values, dims=dims, coords=coords, attrs=draw(attrs), name=name)


values = st.recursive(
    st.one_of(leaves, dataarrays()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=3),
    ),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_codec_round_trip_is_bit_exact(value):
    node, blob = encode_value(value)
    json.dumps(node, allow_nan=False)  # the header is plain JSON
    assert_same(value, decode_value(node, blob))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.one_of(
    st.none(), st.dictionaries(st.text(max_size=6), values, max_size=3)), st.text(max_size=20)),
    max_size=5))
def test_chunk_round_trip_is_bit_exact(records):
    out = decode_chunk(encode_chunk(records))
    assert len(out) == len(records)
    for (i, r, e), (i2, r2, e2) in zip(records, out):
        assert (i, e) == (i2, e2)
        assert_same(r, r2)


def test_unsupported_values_are_refused_when_saving():
    class Opaque:
        pass

    with pytest.raises(TypeError, match="'bad'.*cannot be stored"):
        encode_chunk([(0, {"ok": 1.0, "bad": Opaque()}, "")])


def test_damaged_chunks_are_detected():
    data = encode_chunk([(3, {"v": np.arange(50.0), "s": "text"}, "")])
    rng = np.random.default_rng(1)
    n_detected = 0
    for pos in rng.choice(len(data), 300, replace=False):
        bad = bytearray(data)
        bad[pos] ^= 1 << int(rng.integers(8))
        try:
            out = decode_chunk(bytes(bad))
        except CorruptChunkError:
            n_detected += 1
            continue
        # a flip in zip metadata that does not touch the payload leaves it intact
        assert_same(out, decode_chunk(data))
    assert n_detected > 200


def _rewrite_chunk(path: Path, mutate) -> None:
    with np.load(path, allow_pickle=False) as z:
        parts = {k: z[k] for k in z.files}
    mutate(parts)
    buf = io.BytesIO()
    np.savez(buf, **parts)
    path.write_bytes(buf.getvalue())


def test_hash_mismatch_is_detected_even_in_a_well_formed_archive():
    data = encode_chunk([(0, {"v": np.arange(4.0)}, "")])
    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        parts = {k: z[k].copy() for k in z.files}
    parts["blob"][0] ^= 1
    buf = io.BytesIO()
    np.savez(buf, **parts)
    with pytest.raises(CorruptChunkError, match="SHA-256"):
        decode_chunk(buf.getvalue())
    # and a correct digest over a header naming a dtype that needs pickling is refused
    header = json.dumps({"format": "wirelesseff-sweep-chunk", "version": 2, "records": [
        [0, [["v", {"t": "nd", "d": "|O", "s": [1], "o": 0, "n": 8}]], ""]]}).encode()
    blob = b"\0" * 8
    buf = io.BytesIO()
    np.savez(buf, header=np.frombuffer(header, np.uint8), blob=np.frombuffer(blob, np.uint8),
             sha256=np.frombuffer(payload_digest(header, blob).encode(), np.uint8))
    with pytest.raises(CorruptChunkError, match="not a plain data dtype"):
        decode_chunk(buf.getvalue())


# ----------------------------------------------------------------------------- through a sweep

def many_types(i, rng):
    """Every result type the engine supports (see test_sweep_engine for their layout)."""
    curve = xr.DataArray(rng.standard_normal(3) * i, dims="t",
                         coords={"t": xr.Variable("t", [0.0, 0.5, 1.0], {"units": "s"})},
                         attrs={"units": "W", "note": "a curve"})
    return {
        "f": rng.standard_normal(), "f32": np.float32(rng.standard_normal()),
        "nan": math.nan if i == 1 else -0.0, "n": int(i) * 10**12, "i8": np.int8(i),
        "u": np.uint64(2**64 - 1 - i), "b": bool(i % 2), "b_": np.bool_(i % 2 == 0),
        "c": complex(rng.standard_normal(), -0.0), "c64": np.complex64(1j * i),
        "arr": rng.standard_normal((2, 2)), "iarr": np.arange(3, dtype=">i4") * i,
        "barr": np.array([True, False, bool(i)]), "carr": rng.standard_normal(2) * 1j,
        "status": "optimal" if i else "infeasible", "sarr": np.array(["a", "bc", "d" * i]),
        "curve": curve,
    }


def as_dataset(i, rng):
    return xr.Dataset({"x": xr.DataArray(rng.random(2) + i, dims="k",
                                         coords={"k": ["u", "v"]}, attrs={"units": "m"}),
                       "y": ((), float(i))}, attrs={"ignored": 1})


@pytest.mark.parametrize("func", [many_types, as_dataset])
def test_every_result_type_round_trips_through_a_checkpoint(tmp_path, func):
    """Guards: results must come back from the data-only format bit for bit (resumed run ==
    uninterrupted run), including complex, bool, strings, string arrays and DataArrays."""
    grid = {"i": np.arange(4)}
    full = sweep(func, grid, seed=5, progress=False)
    sweep(func, grid, seed=5, progress=False, checkpoint=tmp_path / "c")
    resumed = sweep(func, grid, seed=5, progress=False, checkpoint=tmp_path / "c")
    xr.testing.assert_identical(_strip(full), _strip(resumed))
    for name in full.variables:
        assert_same(full[name].values, resumed[name].values, name)
    files = sorted(p.name for p in (tmp_path / "c").iterdir())
    assert files[-1] == "meta.json" and all(f.endswith(".npz") for f in files[:-1])
    for f in files[:-1]:  # every chunk is readable without pickle
        with np.load(tmp_path / "c" / f, allow_pickle=False) as z:
            assert sorted(z.files) == ["blob", "header", "sha256"]


def counted(x, rng):
    counted.calls.append(x)
    return {"v": x + rng.random()}


counted.calls = []


def test_chunk_failing_its_hash_is_discarded_recomputed_and_warned(tmp_path):
    """Guards: a damaged chunk must not be trusted; it is dropped, said, and recomputed."""
    path = tmp_path / "c"
    grid = {"x": np.arange(6.0)}
    ref = sweep(counted, grid, progress=False, checkpoint=path, chunksize=2)
    victim = sorted(path.glob("chunk-*.npz"))[0]
    n_victim = len(decode_chunk(str(victim)))

    def flip(parts):  # a valid archive whose payload changed: only the SHA-256 can tell
        parts["header"] = parts["header"].copy()
        parts["header"][-20] ^= 0x01

    _rewrite_chunk(victim, flip)
    counted.calls.clear()
    with pytest.warns(RuntimeWarning, match="integrity check.*SHA-256 mismatch.*discarded"):
        again = sweep(counted, grid, progress=False, checkpoint=path)
    assert len(counted.calls) == n_victim
    assert not victim.exists()
    np.testing.assert_array_equal(ref.v.values, again.v.values)


def plain(x):
    return {"v": 2.0 * x}


def test_meta_json_is_written_before_any_chunk(tmp_path, monkeypatch):
    written = []
    real = ckmod._atomic_write

    def spy(target, data):
        written.append(target.name)
        real(target, data)

    monkeypatch.setattr(ckmod, "_atomic_write", spy)
    sweep(plain, {"x": [1.0, 2.0, 3.0]}, progress=False, checkpoint=tmp_path / "c")
    assert written[0] == "meta.json" and len(written) >= 2
    meta = json.loads((tmp_path / "c" / "meta.json").read_text())
    assert meta["format"] == "wirelesseff-sweep-checkpoint" and meta["format_version"] == 2


def test_chunks_without_meta_json_are_refused(tmp_path):
    """Guards: a directory holding another sweep's chunks but no meta.json was silently
    accepted (and its chunks mixed into the result)."""
    path = tmp_path / "c"
    sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)
    (path / "meta.json").unlink()
    chunk = sorted(path.glob("chunk-*"))[0].name
    with pytest.raises(CheckpointMismatchError, match=f"{chunk}.*no meta.json"):
        sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b"\xff\xfe", b"null"])
def test_empty_or_corrupt_meta_json_is_a_mismatch_naming_the_file(tmp_path, content):
    """Guards: an empty meta.json raised a bare JSONDecodeError."""
    path = tmp_path / "c"
    path.mkdir()
    (path / "meta.json").write_bytes(content)
    with pytest.raises(CheckpointMismatchError, match=r"meta\.json.*empty or corrupt"):
        sweep(plain, {"x": [1.0]}, progress=False, checkpoint=path)


def test_newer_format_version_is_refused(tmp_path):
    path = tmp_path / "c"
    sweep(plain, {"x": [1.0]}, progress=False, checkpoint=path)
    meta = json.loads((path / "meta.json").read_text())
    meta["format_version"] = 99
    (path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(CheckpointMismatchError, match="version 99"):
        sweep(plain, {"x": [1.0]}, progress=False, checkpoint=path)


class _Evil:
    """Unpickling this creates a file: stands for arbitrary code in a pickle."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_old_pickle_checkpoint_is_refused_without_unpickling(tmp_path):
    """Guards: checkpoints were pickles, so resuming a checkpoint someone sent you ran their
    code. A format-1 directory must be refused with a clear message and nothing unpickled."""
    path = tmp_path / "c"
    path.mkdir()
    marker = tmp_path / "pwned"
    old_meta = ckmod.fingerprint(plain, {"x": np.array([1.0, 2.0])}, {}, 0)
    old_meta["record_version"] = 1
    (path / "meta.json").write_text(json.dumps(old_meta))
    (path / "chunk-000000000-1-deadbeef.pkl").write_bytes(
        pickle.dumps([(0, {"v": _Evil(marker)}, "")]))
    with pytest.raises(CheckpointMismatchError, match="pickle.*format version 1"):
        sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)
    assert not marker.exists()


def test_pickle_smuggled_into_a_chunk_is_never_loaded(tmp_path):
    path = tmp_path / "c"
    sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)
    marker = tmp_path / "pwned"
    evil = path / "chunk-99999999999999999999-000000000-1-evil.npz"
    np.savez(evil, header=np.array([_Evil(marker)], dtype=object))
    with pytest.warns(RuntimeWarning, match="evil.npz"):
        sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)
    assert not marker.exists()
    (path / "chunk-0-old.pkl").write_bytes(pickle.dumps(_Evil(marker)))
    with pytest.raises(CheckpointMismatchError, match="chunk-0-old.pkl"):
        sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)
    assert not marker.exists()


# ----------------------------------------------------------------------------- locking

HOLDER = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    import wirelesseff

    def slow(i):
        time.sleep(0.2)
        return {"v": float(i)}

    if __name__ == "__main__":
        wirelesseff.sweep(slow, {"i": np.arange(300)}, checkpoint=sys.argv[1], progress=False)
    """
)


def test_second_user_fails_fast_naming_the_pid_and_a_dead_holder_is_taken_over(tmp_path):
    """Guards: two processes could write one checkpoint at once. The second must fail fast,
    naming the holder's pid; once the holder is killed (-9), its lock is taken over."""
    path = tmp_path / "c"
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    proc = subprocess.Popen([sys.executable, str(script), str(path)], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not list(path.glob("chunk-*.npz")):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)
        t0 = time.monotonic()
        with pytest.raises(CheckpointLockedError, match=f"in use by process {proc.pid} on host"):
            sweep(plain, {"x": [1.0]}, progress=False, checkpoint=path)
        assert time.monotonic() - t0 < 2.0
        lock_info = json.loads((path / "lock").read_text())
        assert lock_info["pid"] == proc.pid
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        # the holder is dead: a new run with the holder's sweep takes the lock over
        meta = json.loads((path / "meta.json").read_text())
        fp = {k: meta[k] for k in ckmod.fingerprint(plain, {"x": np.array([1.0])}, {}, 0)}
        with ckmod.Checkpoint(path, fp, 300) as ck:
            records = ck.open()
            assert 0 < len(records) < 300
            assert json.loads((path / "lock").read_text())["pid"] == os.getpid()
        assert not (path / "lock").exists()  # released
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


@pytest.mark.parametrize("holder", ["dead", "reused"])
def test_stale_lock_file_is_taken_over(tmp_path, holder):
    """A lock file left by a dead process is taken over, also when its pid now belongs to
    another live process (pid reuse): the kernel lock, not the pid, decides."""
    path = tmp_path / "c"
    path.mkdir()
    pid = _dead_pid() if holder == "dead" else os.getppid()
    (path / "lock").write_text(json.dumps({"pid": pid, "host": "x", "acquired": "then"}))
    ds = sweep(plain, {"x": [1.0, 2.0]}, progress=False, checkpoint=path)
    assert ds.v.values.tolist() == [2.0, 4.0]


def test_concurrent_use_within_one_process_is_refused(tmp_path):
    path = tmp_path / "c"
    meta = ckmod.fingerprint(plain, {"x": np.array([1.0])}, {}, 0)
    with ckmod.Checkpoint(path, meta, 1) as ck:
        ck.open()
        with pytest.raises(CheckpointLockedError, match=f"process {os.getpid()}"):
            sweep(plain, {"x": [1.0]}, progress=False, checkpoint=path)
    sweep(plain, {"x": [1.0]}, progress=False, checkpoint=path)  # released: fine again


def test_checkpoint_path_that_is_a_file_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(ValueError, match="checkpoint must be a directory"):
        sweep(plain, {"x": [1.0]}, progress=False, checkpoint=f)
