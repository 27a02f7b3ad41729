#!/usr/bin/env python3
"""Export a memray capture (.bin) as JSON for Profile First.

Run it with the interpreter that recorded the capture: memray can only read captures written
by its own version, and this helper uses the memray importable by the interpreter it runs on.
Standard library + memray only; Python 3.8+.

    memray_export.py CAPTURE.bin [--mode peak|leaks|both] [--max-records N]
                     [--max-snapshots N] [-o FILE]

Output (stdout, or FILE): one JSON object, keys in this order:
    {"format": "profile-first-memray", "version": 1, "memrayVersion": "1.20.0",
     "capture": path, "metadata": {...}, "snapshots": [{"time_ms", "rss", "heap"}...],
     "peak": {"records": [{"size", "n_allocations", "stack": [[func, file, line], ...]}...],
              "total_size", "total_allocations", "omitted": {...}},
     "leaks": {... same, plus "exact"},          (only the sections --mode asked for)
     "warnings": ["...", ...]}
Stacks are root first. A native frame (captures made with --native) has a 4th element,
"native". Records with the same stack are merged (sizes and counts added); only the
--max-records largest are listed, the rest is summed in "omitted" (its "records" counts
memray stack ids), so the totals stay exact. The frames memray's own `run` command puts
under the program (memray's runner and runpy) are removed from the root of every stack.

Memory: memray aggregates the records at the peak and at the end in C++ (one entry per
stack and allocator), so this helper holds one entry per distinct stack, never one per
allocation, and writes records one at a time. memray's own replay of the capture needs
memory for the allocations alive at once (measured: 240 MB for a capture with millions of
small live allocations; 42 MB for 25 million allocations few of which live together).

Exit status: 0 success; 2 the file is not a readable capture (one line on stderr naming the
file and the problem, never a traceback); 3 memray cannot be imported by this interpreter.
"""

import argparse
import contextlib
import json
import os
import struct
import sys
import tempfile

FORMAT = "profile-first-memray"
VERSION = 1
EXIT_BAD_CAPTURE = 2
EXIT_NO_MEMRAY = 3

MEMRAY_MAGIC = b"memray\0"
LZ4_MAGIC = b"\x04\x22\x4d\x18"


class CaptureError(Exception):
    """A problem with the capture, worded for people; printed as `FILE: problem`."""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="memray_export.py", description="Export a memray capture as JSON.")
    parser.add_argument("capture")
    parser.add_argument("--mode", choices=("peak", "leaks", "both"), default="peak")
    parser.add_argument("--max-records", type=int, default=20000, help="largest stacks listed per section")
    parser.add_argument("--max-snapshots", type=int, default=2000, help="memory snapshots kept (downsampled)")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    args = parser.parse_args(argv)
    if args.max_records < 1 or args.max_snapshots < 2:
        parser.error("--max-records must be >= 1 and --max-snapshots >= 2")
    return args


# --- the capture's header, read directly -------------------------------------------------
#
# memray's FileReader replaces the header's allocation count with the number of records it
# could read, and stops silently at a damaged record, so a truncated capture reads as a
# shorter one. The header written when tracking ended still holds the real count: comparing
# the two tells truncated and unfinished captures apart. Layout measured on memray 1.20.0
# (header version 13): magic[7], int32 version, int32 python_version, u8 native_traces,
# u8 file_format, then u64 n_allocations, u64 n_frames, i64 start_time_ms, i64 end_time_ms.
# It is only trusted when its start time equals the one memray reports (see check_complete).

HEADER_STRUCT = struct.Struct("<iiBBQQqq")


def lz4_frame_prefix(data, want):
    """The first `want` bytes of an LZ4 frame's content (first block only), or None."""
    try:
        flags = data[4]
        pos = 6 + (8 if flags & 0x08 else 0) + (4 if flags & 0x01 else 0) + 1
        size = int.from_bytes(data[pos:pos + 4], "little")
        pos += 4
        if size & 0x80000000:  # stored uncompressed
            return bytes(data[pos:pos + min(want, size & 0x7FFFFFFF)])
        block = data[pos:pos + size]
        out = bytearray()
        i = 0
        while i < len(block) and len(out) < want:
            token = block[i]
            i += 1
            length = token >> 4
            if length == 15:
                while True:
                    extra = block[i]
                    i += 1
                    length += extra
                    if extra != 255:
                        break
            out += block[i:i + length]
            i += length
            if i >= len(block):
                break
            offset = block[i] | (block[i + 1] << 8)
            i += 2
            length = (token & 15) + 4
            if (token & 15) == 15:
                while True:
                    extra = block[i]
                    i += 1
                    length += extra
                    if extra != 255:
                        break
            if offset == 0 or offset > len(out):
                return None
            for _ in range(length):
                out.append(out[-offset])
        return bytes(out[:want])
    except IndexError:
        return None


def read_raw_header(path):
    """(version, n_allocations, start_ms, end_ms) from the file's header, or None."""
    with open(path, "rb") as f:
        head = f.read(256 * 1024)
    raw = lz4_frame_prefix(head, 64) if head.startswith(LZ4_MAGIC) else head[:64]
    if raw is None or not raw.startswith(MEMRAY_MAGIC) or len(raw) < len(MEMRAY_MAGIC) + HEADER_STRUCT.size:
        return None
    version, _py, _native, _fmt, n_allocations, _frames, start_ms, end_ms = HEADER_STRUCT.unpack_from(raw, len(MEMRAY_MAGIC))
    return version, n_allocations, start_ms, end_ms


def looks_like_capture(path):
    """True when the file starts like a memray capture (plain or LZ4-compressed)."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return False
    return head.startswith(MEMRAY_MAGIC) or head.startswith(LZ4_MAGIC)


# --- reading ------------------------------------------------------------------------------


@contextlib.contextmanager
def native_stderr_captured():
    """Collects what memray's C++ code prints on fd 2 ("Memray ERROR: …") instead of showing it."""
    sys.stderr.flush()
    saved = os.dup(2)
    sink = tempfile.TemporaryFile()
    os.dup2(sink.fileno(), 2)
    lines = []
    try:
        yield lines
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        sink.seek(0)
        text = sink.read(64 * 1024).decode("utf-8", "replace")
        sink.close()
        lines.extend(line.strip() for line in text.splitlines() if line.strip())


def open_reader(path, max_snapshots):
    from memray import FileReader

    try:
        return FileReader(path, max_memory_records=max_snapshots)
    except OSError as exc:
        raise CaptureError(describe_open_error(path, str(exc))) from None


def describe_open_error(path, message):
    import memray

    here = f"memray {memray.__version__}"
    if "incompatible with this version of memray" in message:
        header = read_raw_header(path)
        if header and not 0 < header[0] < 1000:
            # memray's header versions are small numbers (13 in 1.20.0): this one is noise.
            return "the memray capture is damaged (its header is not valid); record it again"
        made = f" (capture format {header[0]})" if header else ""
        return (f"this capture was written by another memray version{made}, which {here} cannot read; "
                "read it with the interpreter that recorded it, or install the memray version that wrote it")
    if "does not look like a binary generated by memray" in message or "Failed to read input file header" in message:
        if looks_like_capture(path):
            return "the memray capture is damaged or truncated (its data ends early); record it again"
        return "not a memray capture (expected a .bin file written by `memray run` or `memray attach`)"
    if "Could not open file" in message:
        return "cannot open the file: " + message.split(": ", 1)[-1]
    return f"{here} could not read it: {message}"


def is_aggregated(metadata):
    """True for `memray run --aggregate` captures (FileFormat.AGGREGATED_ALLOCATIONS)."""
    return getattr(metadata.file_format, "name", "") == "AGGREGATED_ALLOCATIONS"


def check_complete(path, metadata, warnings):
    """Raises CaptureError for a truncated capture; warns about one never closed by memray."""
    try:
        header = read_raw_header(path)
    except OSError:
        return
    if header is None:
        return
    version, n_allocations, start_ms, _end = header
    if start_ms != int(metadata.start_time.timestamp() * 1000 + 0.5):
        return  # not the layout we know: trust memray
    if is_aggregated(metadata):
        return  # aggregated: the header counts allocations, the reader counts aggregated records
    if n_allocations == 0 and metadata.total_allocations > 0:
        warnings.append("memray did not finish this capture (the program was killed before tracking ended): "
                        "peak and leaks cover only what had been written, and leaks are not meaningful")
    elif metadata.total_allocations < n_allocations:
        raise CaptureError(f"the memray capture is truncated: its header lists {n_allocations:,} allocation records "
                           f"but only {metadata.total_allocations:,} could be read; record it again")


# --- stacks -------------------------------------------------------------------------------


def _is_runner_file(file):
    f = file.replace("\\", "/")
    return f.endswith("memray/commands/run.py") or f == "<frozen runpy>" or f.endswith("/runpy.py")


def trim_runner(stack):
    """Drops memray run's own frames (its runner and runpy) from the root of a root-first stack."""
    if not stack or not stack[0][1].replace("\\", "/").endswith("memray/commands/run.py"):
        return stack
    i = 0
    while i < len(stack) and (_is_runner_file(stack[i][1]) or len(stack[i]) > 3):
        i += 1
    return stack[i:]


def cpython_internal_filter():
    """memray's own test for interpreter-internal native frames (hidden in its flame graphs)."""
    try:
        from memray.reporters.frame_tools import is_cpython_internal
    except ImportError:
        return lambda frame: False
    return is_cpython_internal


class StackTable:
    """Groups records by memray's stack ids, then merges the largest groups by their stacks.

    memray's stack_trace() costs 0.1-0.6 ms per record (measured on 1.20.0, growing with the
    capture), so stacks are only built for the --max-records largest groups; the others are
    summed by size without ever being looked at. A stack id names one Python stack (a node of
    memray's frame tree), so grouping by it merges what merging by stack would, except the
    few stacks that become equal once memray's runner frames are trimmed: those are merged in
    the second step, among the groups that are listed.
    """

    def __init__(self, native):
        self.native = native
        self.groups = {}
        self.native_failed = False
        self.is_internal = cpython_internal_filter() if native else None

    def add(self, record):
        size = record.size
        if size <= 0:
            return
        key = (record.stack_id, record.native_stack_id) if self.native else record.stack_id
        group = self.groups.get(key)
        if group is None:
            self.groups[key] = [size, record.n_allocations, record]
        else:
            group[0] += size
            group[1] += record.n_allocations

    def stack_of(self, record):
        """The record's stack, root first, memray's runner frames trimmed."""
        python = record.stack_trace()
        if not self.native:
            return trim_runner([(f, file, line) for f, file, line in reversed(python)])
        try:
            hybrid = record.hybrid_stack_trace()
        except Exception:  # memray raises plain exceptions for records without native data
            self.native_failed = True
            return trim_runner([(f, file, line) for f, file, line in reversed(python)])
        known = set(python)
        out = []
        for frame in reversed(hybrid):
            if frame in known:
                out.append(tuple(frame))
            elif not self.is_internal(frame):
                out.append((frame[0], frame[1], frame[2], "native"))
        return trim_runner(out)

    def ranked(self, max_records):
        """(listed entries [(stack, size, count)] largest first, totals, omitted summary)."""
        groups = sorted(self.groups.values(), key=lambda g: (-g[0], -g[1]))
        total_size = sum(g[0] for g in groups)
        total_count = sum(g[1] for g in groups)
        merged = {}
        for size, count, record in groups[:max_records]:
            key = tuple(self.stack_of(record))
            entry = merged.get(key)
            if entry is None:
                merged[key] = [size, count]
            else:
                entry[0] += size
                entry[1] += count
        rest = groups[max_records:]
        omitted = {"records": len(rest), "size": sum(g[0] for g in rest), "n_allocations": sum(g[1] for g in rest)}
        listed = sorted(((k, v[0], v[1]) for k, v in merged.items()), key=lambda e: (-e[1], -e[2]))
        return listed, total_size, total_count, omitted


def frame_json(frame):
    return [str(frame[0]), str(frame[1]), int(frame[2])] + ([frame[3]] if len(frame) > 3 else [])


def write_section(out, name, records, native, max_records, extra):
    table = StackTable(native)
    for record in records:
        table.add(record)
    listed, total_size, total_count, omitted = table.ranked(max_records)
    out.write(f',\n"{name}": {{"records": [')
    for index, (stack, size, count) in enumerate(listed):
        record = {"size": size, "n_allocations": count, "stack": [frame_json(f) for f in stack]}
        out.write(("," if index else "") + "\n" + json.dumps(record))
    tail = {"total_size": total_size, "total_allocations": total_count, "omitted": omitted}
    tail.update(extra)
    out.write("\n], " + json.dumps(tail)[1:])
    return table.native_failed


# --- output -------------------------------------------------------------------------------


def iso(moment):
    return moment.isoformat() if moment is not None else None


def export(args, out, warnings):
    import memray

    reader = open_reader(args.capture, args.max_snapshots)
    with reader:
        md = reader.metadata
        check_complete(args.capture, md, warnings)
        aggregated = is_aggregated(md)
        metadata = {
            "command_line": md.command_line,
            "pid": md.pid,
            "peak_memory": md.peak_memory,
            "total_allocations": md.total_allocations,
            "start_time": iso(md.start_time),
            "end_time": iso(md.end_time),
            "python_allocator": md.python_allocator,
            "has_native_traces": bool(md.has_native_traces),
            "trace_python_allocators": bool(md.trace_python_allocators),
            "file_format": "aggregated" if aggregated else "all",
        }
        out.write(json.dumps({"format": FORMAT, "version": VERSION, "memrayVersion": memray.__version__,
                              "capture": args.capture, "metadata": metadata})[:-1])
        out.write(',\n"snapshots": [')
        for i, snap in enumerate(reader.get_memory_snapshots()):
            out.write(("," if i else "") + json.dumps({"time_ms": snap.time, "rss": snap.rss, "heap": snap.heap}))
        out.write("]")
        native = bool(md.has_native_traces)
        native_failed = False
        if args.mode in ("peak", "both"):
            records = reader.get_high_watermark_allocation_records(merge_threads=True)
            native_failed |= write_section(out, "peak", records, native, args.max_records, {})
        if args.mode in ("leaks", "both"):
            exact = md.python_allocator == "malloc"
            records = reader.get_leaked_allocation_records(merge_threads=True)
            native_failed |= write_section(out, "leaks", records, native, args.max_records, {"exact": exact})
            if not exact:
                warnings.append(f"leaks were recorded with the {md.python_allocator} allocator, which keeps freed memory "
                                "in its own pools, so some reported leaks may not be real; re-run with "
                                "PYTHONMALLOC=malloc for exact results")
        if native_failed:
            warnings.append("some records had no native stack; their Python stack is shown instead")
        if aggregated:
            warnings.append("this is an aggregated capture (memray run --aggregate): it keeps the memory at the peak "
                            "and at the end per stack, but not each allocation, so memory over time by location, "
                            "temporary allocations and allocation statistics cannot be shown")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    path = args.capture
    try:
        import memray  # noqa: F401
    except ImportError as exc:
        print(f"{path}: memray cannot be imported by {sys.executable} ({exc}); install it: "
              f"{sys.executable} -m pip install memray", file=sys.stderr)
        return EXIT_NO_MEMRAY
    if not os.path.exists(path):
        print(f"{path}: file not found", file=sys.stderr)
        return EXIT_BAD_CAPTURE
    if not os.path.isfile(path):
        print(f"{path}: not a regular file", file=sys.stderr)
        return EXIT_BAD_CAPTURE

    target = None
    if args.output:
        target = args.output + f".tmp-{os.getpid()}"
        stream = open(target, "w", encoding="utf-8", newline="\n")
    else:
        stream = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False, buffering=1 << 20)
    warnings = []
    problem = None
    try:
        with native_stderr_captured() as native_lines:
            try:
                export(args, stream, warnings)
            except CaptureError as exc:
                problem = str(exc)
            except MemoryError:
                problem = "ran out of memory while reading the capture; lower --max-records or record with --aggregate"
            except Exception as exc:  # memray's own errors: one line, never a traceback
                problem = f"memray could not read it: {type(exc).__name__}: {exc}".splitlines()[0]
        if problem is None:
            errors = sorted({line for line in native_lines if "ERROR" in line})
            warnings.extend(f"memray reported: {line}" for line in errors[:5])
            stream.write(',\n"warnings": ' + json.dumps(warnings) + "}\n")
            stream.flush()
    except KeyboardInterrupt:
        problem = problem or "interrupted"
    finally:
        stream.close()
    if problem is not None:
        if target:
            with contextlib.suppress(OSError):
                os.unlink(target)
        print(f"{path}: {problem}", file=sys.stderr)
        return EXIT_BAD_CAPTURE
    if target:
        os.replace(target, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
