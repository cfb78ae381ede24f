"""Time scorecard on N synthetic jurisdictions against the floors it should approach.

For each N, clones the shipped city and county files N times (new ids, names
and FIPS codes; the data stays valid), then times each command as a child
process, several times, and reports the median wall time and the peak memory:

    scorecard validate (cold)   scorecard rank (cold, warm)
    a minimal C-loader parse of the same files, in one and in two processes
    check-jsonschema --schemafile <jurisdiction schema> on the same files

and once per invocation `scorecard --help`, `scorecard assess denver` and the
import floors. It prints a table, the acceptance ratios with PASS/FAIL, and
optionally the results as JSON.

    python benchmarks/run.py                       # N = 1,000, 5,000, 20,000
    python benchmarks/run.py --sizes 300           # quick (under a minute)
    python benchmarks/run.py --json results.json --keep

Standard library only (PyYAML for one sanity check of the generator). See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scorecard.vocab import STATES  # each state's FIPS prefix

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WORK = REPO / "benchmarks" / "work"
GENERATOR_VERSION = 3  # 2: clones drop the template's aliases (one namespace for ids); 3: and county_fips
BIN = Path(sys.executable).parent


# The floor: read every file and parse it with libyaml, nothing else. With
# JOBS=2 the parent forks one child and each parses every other file.
FLOOR_PARSE = """
import os, sys, yaml

folder, jobs = sys.argv[1], int(sys.argv[2])
paths = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".yaml"))
def parse(part):
    for p in part:
        with open(p, "rb") as f:
            yaml.load(f.read(), Loader=yaml.CSafeLoader)
if jobs == 1:
    parse(paths)
else:
    pid = os.fork()
    if pid == 0:
        parse(paths[1::2])
        os._exit(0)
    parse(paths[0::2])
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))
"""
IMPORT_HELP_FLOOR = "import typer.rich_utils"
IMPORT_STACK_FLOOR = "import yaml, pydantic, rich.console, typer"
MODEL_SCHEMA = (
    "import json; from scorecard.input.models import Jurisdiction; "
    "print(json.dumps(Jurisdiction.model_json_schema(), indent=2))"
)

# --- generating data ----------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A shipped jurisdiction file, split into lines, with the facts a clone changes."""

    stem: str
    name: str
    state: str
    kind: str
    lines: tuple[str, ...]


def load_templates(cities: Path) -> list[Template]:
    """Every shipped jurisdiction file whose state has a FIPS prefix."""
    templates = []
    for path in sorted(cities.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if data.get("state") in STATES:
            lines = tuple(text.splitlines(keepends=True))
            templates.append(Template(path.stem, data["name"], data["state"], data["kind"], lines))
    if not templates:
        raise SystemExit(f"run.py: no jurisdiction files in {cities}")
    return templates


DROPPED = ("aliases", "county_fips")  # top-level keys a clone leaves out


def clone(template: Template, index: int, fips: str) -> tuple[str, str]:
    """A valid copy of a template: (id, YAML text) with a new id, name and 7-digit FIPS.

    Counties have 5-digit GEOIDs, only 1,000 per state, too few for 20,000
    clones; so every clone gets a place-style 7-digit code, and county clones
    become `consolidated-city-county`, the kind that takes either length.
    Everything else (statuses, sources, history, size) is the template's,
    except its `aliases:` and `county_fips:`, which would name (or govern)
    the same places from every clone at once.
    """
    new_id = f"{template.stem}-{index:06d}"
    kind = "consolidated-city-county" if template.kind == "county" else template.kind
    top = {
        "id": new_id,
        "name": json.dumps(f"{template.name} {index:06d}", ensure_ascii=False),
        "kind": kind,
        "fips": f'"{fips}"',
    }
    out: list[str] = []
    seen: set[str] = set()
    in_dropped = False
    for line in template.lines:
        key = line.partition(":")[0]
        if key in DROPPED or (in_dropped and line.startswith("  - ")):
            in_dropped = True  # the template's own aliases and counties would be claimed twice
            continue
        in_dropped = False
        if key in top and line.startswith(f"{key}:") and key not in seen:
            seen.add(key)
            out.append(f"{key}: {top[key]}\n")
        else:
            out.append(line)
    if "fips" not in seen:  # a template without fips: add it after kind
        at = next(i for i, line in enumerate(out) if line.startswith("kind:")) + 1
        out.insert(at, f"fips: {top['fips']}\n")
    return new_id, "".join(out)


def check_clone(text: str, new_id: str, fips: str) -> None:
    """Fail early if the line rewriting did not give the intended document."""
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if data.get("id") != new_id or data.get("fips") != fips or data.get("kind") == "county":
        raise SystemExit(f"run.py: cloning produced a wrong document for {new_id}")


def generate(root: Path, size: int, templates: Sequence[Template]) -> None:
    """Write `size` clones to root/cities and copy the shipped policies/ and states/."""
    digest = hashlib.sha256("".join(line for t in templates for line in t.lines).encode()).hexdigest()
    stamp = {"generator": GENERATOR_VERSION, "size": size, "templates": digest}
    stamp_file = root / "stamp.json"
    if stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp:
        return  # kept from an earlier run with --keep
    if root.exists():
        shutil.rmtree(root)
    cities = root / "cities"
    cities.mkdir(parents=True)
    for folder in ("policies", "states"):
        shutil.copytree(REPO / folder, root / folder)
    counters: dict[str, int] = {}
    for index in range(size):
        template = templates[index % len(templates)]
        serial = counters.get(template.state, 0)
        counters[template.state] = serial + 1
        if serial > 99_999:
            raise SystemExit(f"run.py: more than 100,000 clones in {template.state}")
        fips = f"{STATES[template.state].fips}{serial:05d}"
        new_id, text = clone(template, index, fips)
        if index < len(templates):
            check_clone(text, new_id, fips)
        (cities / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    stamp_file.write_text(json.dumps(stamp))


def data_bytes(cities: Path) -> int:
    """Total size of the generated files."""
    return sum(p.stat().st_size for p in cities.glob("*.yaml"))


# --- running and timing a child process ---------------------------------------


@dataclass
class Sample:
    """One timed run of a command."""

    seconds: float
    max_rss_mb: float  # the largest RSS of a single process of the tree (wait4, and sampled)
    tree_pss_mb: float  # the largest PSS summed over the process tree (sampled every 50 ms)
    returncode: int


@dataclass
class Outcome:
    """A command's runs, the digest of its last stdout and the tail of its output on failure."""

    samples: list[Sample] = field(default_factory=list)
    memory_samples: list[Sample] = field(default_factory=list)  # extra runs watched by the sampler
    stdout_sha256: list[str] = field(default_factory=list)
    failure: str | None = None
    accepted: tuple[int, ...] = (0,)

    @property
    def median(self) -> float | None:
        """Median wall time of the runs that exited with an accepted code."""
        ok = [s.seconds for s in self.samples if s.returncode in self.accepted]
        return statistics.median(ok) if ok and self.failure is None else None

    @property
    def peak_mb(self) -> float | None:
        """The highest memory seen over the runs (the tree's PSS or its largest process)."""
        if not self.samples:
            return None
        return max(max(s.max_rss_mb, s.tree_pss_mb) for s in [*self.samples, *self.memory_samples])


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _memory_kb(pid: str, stat_rss_pages: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in KB; PSS shares a page among the processes that map it."""
    try:
        text = Path("/proc", pid, "smaps_rollup").read_text()
    except OSError:
        return stat_rss_pages * _PAGE_KB, stat_rss_pages * _PAGE_KB
    found = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            found[name] = int(rest.split()[0])
    rss = found.get("Rss", stat_rss_pages * _PAGE_KB)
    return rss, found.get("Pss", rss)


def tree_memory_mb(root: int) -> tuple[float, float]:
    """(largest RSS of one process, PSS summed) over `root` and its descendants, in MB."""
    parents: dict[int, int] = {}
    pages: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) < root:
            continue  # children get higher pids than their parent (short of wrap-around)
        try:
            fields = Path(entry.path, "stat").read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        pages[int(entry.name)] = int(fields[21])
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    sizes = [_memory_kb(str(pid), pages[pid]) for pid in tree if pid in pages]
    return max((r for r, _ in sizes), default=0) / 1024, sum(p for _, p in sizes) / 1024


class _Sampler(threading.Thread):
    """Polls the memory of a process tree every 50 ms until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.largest = 0.0
        self.pss = 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            largest, pss = tree_memory_mb(self.pid)
            self.largest = max(self.largest, largest)
            self.pss = max(self.pss, pss)


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str], keep: Path | None = None, *, watch: bool = False
) -> tuple[Sample, str, bytes]:
    """Run a command once: its sample, the sha256 of its stdout and the tail of its output.

    With `keep` (a folder), the stdout is also saved there as <sha256 prefix>.out, once per
    distinct output, so that outputs that should be identical and are not can be diffed.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = _Sampler(proc.pid)
        if watch:  # reading /proc every 50 ms costs CPU on a 2-core machine: timed runs aren't watched
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if watch:
            sampler.done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        digest = hashlib.sha256()
        out.seek(0)
        for chunk in iter(lambda: out.read(1 << 20), b""):
            digest.update(chunk)
        saved_as = keep / f"{digest.hexdigest()[:16]}.out" if keep is not None and status == 0 else None
        if saved_as is not None and not saved_as.exists():
            saved_as.parent.mkdir(parents=True, exist_ok=True)
            out.seek(0)
            with saved_as.open("wb") as saved:
                shutil.copyfileobj(out, saved)
        out.seek(max(0, out.tell() - 2000))
        err.seek(0, os.SEEK_END)
        err.seek(max(0, err.tell() - 2000))
        tail = out.read() + err.read()
    # A child's ru_maxrss starts from this process's own at the fork: it is only news when above it.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    largest = max(usage.ru_maxrss if usage.ru_maxrss > own * 1.05 else 0, sampler.largest * 1024) / 1024
    sample = Sample(round(elapsed, 4), round(largest, 1), round(sampler.pss, 1), proc.returncode)
    return sample, digest.hexdigest(), tail


def measure(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str],
    repeat: int,
    before_each: Callable[[], None] | None = None,
    ok_codes: tuple[int, ...] = (0,),
    keep: Path | None = None,
) -> Outcome:
    """Run a command `repeat` times (calling `before_each` first); stop at the first failure."""
    outcome = Outcome(accepted=ok_codes)
    for _ in range(repeat):
        if before_each is not None:
            before_each()
        sample, digest, tail = run_once(argv, cwd, env, keep)
        if sample.returncode not in ok_codes:
            outcome.failure = f"exit {sample.returncode}: " + tail.decode("utf-8", "replace")[-600:]
            outcome.samples.append(sample)
            break
        outcome.samples.append(sample)
        outcome.stdout_sha256.append(digest)
    if outcome.failure is None:  # one more run, watched, for the memory of the whole process tree
        if before_each is not None:
            before_each()
        watched, _, _ = run_once(argv, cwd, env, None, watch=True)
        outcome.memory_samples.append(watched)
    return outcome


# --- the benchmark --------------------------------------------------------------


@dataclass
class Setup:
    """What every measurement needs: the commands, the environment and the options."""

    scorecard: str
    python: str
    check_jsonschema: str | None
    work: Path
    repeat: int
    env: dict[str, str]
    cache: Path

    def clear_cache(self) -> None:
        """Make the next run cold: no scorecard cache at all."""
        shutil.rmtree(self.cache, ignore_errors=True)
        self.cache.mkdir(parents=True)


def make_setup(args: argparse.Namespace) -> Setup:
    """Find the executables and build a clean environment with its own cache folder."""
    scorecard = BIN / "scorecard"
    if not scorecard.exists():
        found = shutil.which("scorecard")
        if found is None:
            raise SystemExit("run.py: no `scorecard` next to this Python or on PATH; install the package")
        scorecard = Path(found)
    jsonschema = BIN / "check-jsonschema"
    check = str(jsonschema) if jsonschema.exists() else shutil.which("check-jsonschema")
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "xdg-cache"
    skip = ("SCORECARD_", "XDG_CACHE", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update({"XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "COLUMNS": "100", "LC_ALL": "C.UTF-8"})
    env["SCORECARD_NO_SHIPPED"] = "1"  # the generated folder alone, not layered over the shipped data
    # Bytecode is cached (as after `pip install`), but under work/, never beside the sources.
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return Setup(str(scorecard), sys.executable, check, work, args.repeat, env, cache)


def obtain_schema(setup: Setup, given: str | None) -> tuple[Path | None, str]:
    """The jurisdiction JSON Schema: --schema, else `scorecard schema`, else the pydantic model's."""
    if given:
        return Path(given).resolve(), given
    target = setup.work / "jurisdiction.schema.json"
    attempts = [
        ("scorecard schema --kind jurisdiction", [setup.scorecard, "schema", "--kind", "jurisdiction"]),
        ("scorecard schema", [setup.scorecard, "schema"]),
        ("scorecard.input.models (no `scorecard schema` yet)", [setup.python, "-c", MODEL_SCHEMA]),
    ]
    for label, argv in attempts:
        done = subprocess.run(argv, capture_output=True, env=setup.env, cwd=setup.work, check=False)
        if done.returncode != 0:
            continue
        try:
            schema = json.loads(done.stdout)
        except ValueError:
            continue
        if isinstance(schema, dict) and "properties" not in schema:
            schema = schema.get("jurisdiction", schema)
        if isinstance(schema, dict) and "demands" in schema.get("properties", {}):
            target.write_text(json.dumps(schema, indent=2))
            return target, label
    return None, "n/a (no schema found)"


def help_text(setup: Setup, command: str) -> str:
    """`scorecard COMMAND --help`, to see which options exist yet."""
    done = subprocess.run(
        [setup.scorecard, command, "--help"],
        capture_output=True,
        env={**setup.env, "COLUMNS": "200"},
        cwd=setup.work,
        check=False,
    )
    return done.stdout.decode("utf-8", "replace")


def check_generated(setup: Setup, root: Path) -> tuple[bool, str]:
    """Run `scorecard validate` on the generated set: (whether to go on, its summary line or failure).

    Invalid data (exit 1) is a bug of the generator and stops everything; any
    other failure is scorecard's own (a crash while src/ is being edited?), so
    this N is skipped and the others still run.
    """
    setup.clear_cache()
    check = subprocess.run(
        [setup.scorecard, "validate", "--data-dir", str(root)],
        capture_output=True,
        env=setup.env,
        cwd=setup.work,
        check=False,
    )
    if check.returncode == 0:
        return True, check.stdout.decode().strip().splitlines()[-1]
    output = check.stdout.decode()[-4000:] + check.stderr.decode()[-4000:]
    if check.returncode == 1:
        sys.stderr.write(output)
        raise SystemExit(f"run.py: the generated data in {root} is not valid (exit 1)")
    return False, f"`scorecard validate` exited {check.returncode}: {output.strip()}"


def run_size(
    setup: Setup, size: int, templates: Sequence[Template], options: argparse.Namespace
) -> dict[str, Any]:
    """Generate N files, check them, and time every N-dependent command."""
    root = setup.work / f"n{size}"
    started = time.perf_counter()
    generate(root, size, templates)
    cities = root / "cities"
    megabytes = data_bytes(cities) / 1e6
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    took = time.perf_counter() - started
    print(f"\n== N = {size:,}: {megabytes:.1f} MB in {root} ({took:.1f} s to write; load {load})")
    valid, summary = check_generated(setup, root)
    print(f"   generated data is valid: {summary}" if valid else f"   skipped: {summary}", flush=True)
    if not valid:
        return {"size": size, "bytes": data_bytes(cities), "results": {}, "validate_summary": summary}
    data = ["--data-dir", str(root)]
    results: dict[str, Outcome] = {}

    def step(key: str, argv: Sequence[str], **kwargs: Any) -> None:
        print(f"   {key:<22}", end="", flush=True)
        kwargs.setdefault("repeat", setup.repeat)
        kwargs.setdefault("env", setup.env)
        if key.startswith("rank_") and key != "rank_warm_csv":  # outputs that must be identical
            kwargs["keep"] = setup.work / "outputs" / f"n{size}"
        outcome = measure(argv, cwd=setup.work, **kwargs)
        results[key] = outcome
        shown = f"{outcome.median:.2f} s" if outcome.median is not None else "failed"
        print(f"{shown}  {[s.seconds for s in outcome.samples]}", flush=True)
        if outcome.failure:
            print("      " + outcome.failure.strip().replace("\n", "\n      ")[-600:])

    step("floor_parse_1proc", [setup.python, "-c", FLOOR_PARSE, str(cities), "1"])
    step("floor_parse_2proc", [setup.python, "-c", FLOOR_PARSE, str(cities), "2"])
    step("validate_cold", [setup.scorecard, "validate", *data], before_each=setup.clear_cache)
    step("rank_cold", [setup.scorecard, "rank", *data], before_each=setup.clear_cache)
    step("rank_warm", [setup.scorecard, "rank", *data])  # the cache the last cold run left
    step("rank_warm_csv", [setup.scorecard, "rank", "-f", "csv", *data])  # the same without the table
    rank_help = help_text(setup, "rank")
    if "--no-cache" in rank_help:
        step("rank_no_cache", [setup.scorecard, "rank", "--no-cache", *data], repeat=1)
    # One process or two: a --jobs-like option if there is one, else $SCORECARD_JOBS (ignored if unknown).
    flag = next((f for f in ("--jobs", "--workers", "--processes") if f in rank_help), None)
    for jobs in ("1", "2"):
        argv = [setup.scorecard, "rank", *([flag, jobs] if flag else []), *data]
        env = {**setup.env, "SCORECARD_JOBS": jobs}
        step(f"rank_jobs_{jobs}", argv, repeat=1, before_each=setup.clear_cache, env=env)
    if setup.check_jsonschema and options.schema_path and size <= options.jsonschema_max:
        files = sorted(p.name for p in cities.glob("*.yaml"))
        print(f"   {'check_jsonschema':<22}", end="", flush=True)
        outcome = measure(
            [setup.check_jsonschema, "--schemafile", str(options.schema_path), *files],
            cwd=cities,
            env=setup.env,
            repeat=options.jsonschema_repeat,
            ok_codes=(0, 1),  # 1: some files fail the schema; the time still counts, noted below
        )
        results["check_jsonschema"] = outcome
        invalid = any(s.returncode == 1 for s in outcome.samples)
        note = "  (exit 1: some files fail the schema)" if invalid else ""
        shown = f"{outcome.median:.2f} s" if outcome.median is not None else "failed"
        print(f"{shown}  {[s.seconds for s in outcome.samples]}{note}")
    setup.clear_cache()
    return {
        "size": size,
        "bytes": data_bytes(cities),
        "results": results,
        "validate_summary": summary,
        "load_average": [load, ", ".join(f"{x:.1f}" for x in os.getloadavg())],
    }


def run_fixed(setup: Setup) -> dict[str, Outcome]:
    """The commands whose time does not depend on N (shipped data, start-up)."""
    print("\n== start-up (independent of N)")
    repeat = max(setup.repeat, 5)  # cheap and noisy: more repeats
    commands = {
        "help": [setup.scorecard, "--help"],
        "floor_import_rich_utils": [setup.python, "-c", IMPORT_HELP_FLOOR],
        "assess_denver": [setup.scorecard, "assess", "denver"],
        "floor_import_stack": [setup.python, "-c", IMPORT_STACK_FLOOR],
    }
    for argv in commands.values():  # warm the page cache and __pycache__
        run_once(argv, setup.work, setup.env)
    # Interleaved (a, b, c, d, a, b, ...), so that a burst of noise hits every command alike.
    results = {key: Outcome() for key in commands}
    for _ in range(repeat):
        for key, argv in commands.items():
            if results[key].failure is None:
                one = measure(argv, cwd=setup.work, env=setup.env, repeat=1)
                results[key].samples += one.samples
                results[key].failure = one.failure
    for key, outcome in results.items():
        shown = f"{outcome.median:.3f} s" if outcome.median is not None else f"failed: {outcome.failure}"
        print(f"   {key:<24}{shown}  {[s.seconds for s in outcome.samples]}")
    return results


# --- reporting ------------------------------------------------------------------


def extrapolate(sizes: dict[int, dict[str, Any]], key: str) -> None:
    """Fill a missing measurement linearly from the two largest measured sizes (or one, through 0)."""
    measured = sorted(
        (n, r["results"][key].median)
        for n, r in sizes.items()
        if key in r["results"] and r["results"][key].median is not None
    )
    if not measured:
        return
    for n, record in sizes.items():
        if key in record["results"]:
            continue
        if len(measured) >= 2:
            (a, ta), (b, tb) = measured[-2:]
            estimate = ta + (tb - ta) / (b - a) * (n - a)
        else:
            a, ta = measured[0]
            estimate = ta * n / a
        record.setdefault("extrapolated", {})[key] = round(estimate, 2)


def median_of(record: dict[str, Any], key: str) -> tuple[float | None, bool]:
    """A median and whether it was extrapolated."""
    outcome = record["results"].get(key)
    if outcome is not None and outcome.median is not None:
        return outcome.median, False
    value = record.get("extrapolated", {}).get(key)
    return value, value is not None


ROWS = [
    ("validate_cold", "scorecard validate (cold)"),
    ("rank_cold", "scorecard rank (cold)"),
    ("rank_warm", "scorecard rank (warm)"),
    ("rank_warm_csv", "scorecard rank -f csv (warm)"),
    ("rank_no_cache", "scorecard rank --no-cache (1 run)"),
    ("floor_parse_1proc", "floor: C-loader parse, 1 process"),
    ("floor_parse_2proc", "floor: C-loader parse, 2 processes"),
    ("check_jsonschema", "check-jsonschema --schemafile"),
]


def print_table(sizes: dict[int, dict[str, Any]], fixed: dict[str, Outcome], schema_label: str) -> None:
    """Medians (seconds) and peak memory (MB) per command and N, then the start-up rows."""
    ns = sorted(sizes)
    width = 20
    print("\n== medians: seconds (peak MB); ~ = extrapolated linearly, not measured")
    print(f"{'command':<38}" + "".join(f"{'N = ' + format(n, ','):>{width}}" for n in ns))
    for key, label in ROWS:
        cells = []
        for n in ns:
            value, guessed = median_of(sizes[n], key)
            outcome = sizes[n]["results"].get(key)
            if value is None:
                cells.append("n/a" if outcome is None else "failed")
            elif guessed:
                cells.append(f"~{value:.2f}")
            else:
                peak = outcome.peak_mb if outcome else None
                cells.append(f"{value:.2f} ({peak:.0f})" if peak else f"{value:.2f}")
        if any(c != "n/a" for c in cells):
            print(f"{label:<38}" + "".join(f"{c:>{width}}" for c in cells))
    print(
        f"{'ms per file, validate cold':<38}"
        + "".join(f"{_per_file(sizes[n], 'validate_cold'):>{width}}" for n in ns)
    )
    print(
        f"{'ms per file, 2-process parse floor':<38}"
        + "".join(f"{_per_file(sizes[n], 'floor_parse_2proc'):>{width}}" for n in ns)
    )
    print(f"(check-jsonschema schema: {schema_label})")
    for key, label in [
        ("help", "scorecard --help"),
        ("floor_import_rich_utils", f'python -c "{IMPORT_HELP_FLOOR}"'),
        ("assess_denver", "scorecard assess denver"),
        ("floor_import_stack", f'python -c "{IMPORT_STACK_FLOOR}"'),
    ]:
        outcome = fixed[key]
        value = f"{outcome.median:.3f} ({outcome.peak_mb:.0f})" if outcome.median is not None else "failed"
        print(f"{label:<58}{value:>20}")


def _per_file(record: dict[str, Any], key: str) -> str:
    value, _ = median_of(record, key)
    return f"{value / record['size'] * 1000:.2f}" if value is not None else "n/a"


@dataclass
class Verdict:
    """One acceptance ratio at one N."""

    criterion: str
    size: int | None
    value: float | None
    target: str
    passed: bool | None
    note: str = ""


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _check(
    criterion: str,
    size: int | None,
    value: float | None,
    target: str,
    ok: Callable[[float], bool],
    note: str = "",
) -> Verdict:
    return Verdict(
        criterion,
        size,
        None if value is None else round(value, 3),
        target,
        None if value is None else ok(value),
        note,
    )


def verdicts(sizes: dict[int, dict[str, Any]], fixed: dict[str, Outcome]) -> list[Verdict]:
    """Every acceptance ratio of the issue, at every N (the issue's figure is N = 20,000)."""
    found: list[Verdict] = []
    for n in sorted(sizes):
        record = sizes[n]
        results = record["results"]
        validate, _ = median_of(record, "validate_cold")
        floor2, _ = median_of(record, "floor_parse_2proc")
        jsonschema, guessed = median_of(record, "check_jsonschema")
        cold, _ = median_of(record, "rank_cold")
        warm, _ = median_of(record, "rank_warm")
        found += [
            _check(
                "1a validate cold / 2-process parse floor",
                n,
                _ratio(validate, floor2),
                "<= 1.3",
                lambda v: v <= 1.3,
            ),
            _check(
                "1b check-jsonschema / validate cold",
                n,
                _ratio(jsonschema, validate),
                ">= 15",
                lambda v: v >= 15,
                "extrapolated" if guessed else "",
            ),
            _check("2a rank warm, seconds", n, warm, "< 1", lambda v: v < 1),
            _check("2b rank warm / rank cold", n, _ratio(warm, cold), "<= 0.1", lambda v: v <= 0.1),
        ]
        for key in ("validate_cold", "rank_cold"):
            peak = results[key].peak_mb if key in results and results[key].median is not None else None
            found.append(
                _check(f"4 peak memory of {key.replace('_', ' ')}, MB", n, peak, "< 200", lambda v: v < 200)
            )
        found.append(_identical(n, results))
    found += [
        _check(
            "3a --help / import typer.rich_utils",
            None,
            _ratio(fixed["help"].median, fixed["floor_import_rich_utils"].median),
            "<= 1.2",
            lambda v: v <= 1.2,
        ),
        _check(
            "3b assess denver / import yaml,pydantic,rich,typer",
            None,
            _ratio(fixed["assess_denver"].median, fixed["floor_import_stack"].median),
            "<= 1.5",
            lambda v: v <= 1.5,
        ),
    ]
    found += [_linearity(sizes, key) for key in ("validate_cold", "rank_cold")]
    return found


def _identical(n: int, results: dict[str, Outcome]) -> Verdict:
    """Acceptance 5 as far as the CLI shows it: the same rank output cold, warm, uncached, 1 or 2 jobs."""
    digests: dict[str, set[str]] = {}
    for key in ("rank_cold", "rank_warm", "rank_no_cache", "rank_jobs_1", "rank_jobs_2"):
        if key in results and results[key].stdout_sha256:
            digests[key] = set(results[key].stdout_sha256)
    if len(digests) < 2:
        return Verdict("5 rank output byte-identical", n, None, "identical", None, "too few runs")
    same = len(set().union(*digests.values())) == 1
    missing = [k for k in ("rank_no_cache", "rank_jobs_1") if k not in digests]
    note = ", ".join(sorted(digests)) + (f" (no {' / '.join(missing)} option yet)" if missing else "")
    if not same:  # say which differ; the outputs are in work/outputs/n<N>/<sha256 prefix>.out
        note = "; ".join(f"{k}: {' '.join(sorted(d[:16] for d in v))}" for k, v in sorted(digests.items()))
    return Verdict("5 rank output byte-identical", n, None, "identical", same, note)


def _linearity(sizes: dict[int, dict[str, Any]], key: str) -> Verdict:
    """Time grows linearly: the largest N's time over the line through the two smallest N's times.

    t(N) = start-up + N x per-file cost; a ratio near 1 is linear, above 1 grows faster.
    """
    criterion = f"linear growth of {key.replace('_', ' ')} (actual / line)"
    points = sorted((n, median_of(r, key)[0]) for n, r in sizes.items())
    points = [(n, t) for n, t in points if t is not None]
    if len(points) < 3:
        return Verdict(criterion, None, None, "<= 1.3", None, "needs 3 sizes")
    (n0, t0), (n1, t1), (n2, t2) = points[0], points[1], points[-1]
    slope = (t1 - t0) / (n1 - n0)
    if slope <= 0:
        return Verdict(criterion, None, None, "<= 1.3", None, "too noisy: time fell as N grew")
    return _check(criterion, n2, t2 / (t0 + slope * (n2 - n0)), "<= 1.3", lambda v: v <= 1.3)


def print_verdicts(found: Sequence[Verdict]) -> None:
    """The acceptance table."""
    print("\n== acceptance (the issue's figures are at N = 20,000)")
    for v in found:
        where = f"N={v.size:,}" if v.size else "-"
        value = ("n/a" if v.passed is None else "-") if v.value is None else f"{v.value:g}"
        state = {True: "PASS", False: "FAIL", None: "n/a"}[v.passed]
        print(f"{state:<5} {v.criterion:<52} {where:>9} {value:>10} (target {v.target}) {v.note}")


# --- profile --------------------------------------------------------------------


def profile(setup: Setup, size: int, command: str, top: int = 30) -> Path:
    """cProfile of one cold `scorecard COMMAND` on the N-file set; writes and prints the top costs."""
    import pstats

    root = setup.work / f"n{size}"
    stats_file = setup.work / f"{command}-{size}.pstats"
    setup.clear_cache()
    subprocess.run(
        [
            setup.python,
            "-m",
            "cProfile",
            "-o",
            str(stats_file),
            "-m",
            "scorecard",
            command,
            "--data-dir",
            str(root),
        ],
        env={**setup.env, "SCORECARD_JOBS": "1"},  # all the work in the profiled process
        cwd=setup.work,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    report = setup.work / f"profile-{command}-{size}.txt"
    with report.open("w") as handle:
        stats = pstats.Stats(str(stats_file), stream=handle)
        stats.sort_stats("cumulative").print_stats(r"scorecard|yaml|pydantic|rich", top)
        stats.sort_stats("tottime").print_stats(top)
    print(f"\n== profile of a cold `scorecard {command}` at N = {size:,} (all of it in {report})")
    stats = pstats.Stats(str(stats_file), stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(15)
    return report


# --- main -----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,5000,20000", help="comma-separated N (default 1000,5000,20000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per command; the median counts (default 3)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated files (and reuse them next time)"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument(
        "--work", default=str(DEFAULT_WORK), help="where data and caches go (default benchmarks/work)"
    )
    parser.add_argument(
        "--schema", help="JSON Schema for check-jsonschema [default: `scorecard schema`, else the model's]"
    )
    parser.add_argument("--no-jsonschema", action="store_true", help="skip check-jsonschema entirely")
    parser.add_argument(
        "--jsonschema-max",
        type=int,
        default=10**9,
        metavar="N",
        help="run check-jsonschema only up to this N; larger N are extrapolated linearly",
    )
    parser.add_argument(
        "--jsonschema-repeat", type=int, default=1, help="runs of check-jsonschema (default 1: it is slow)"
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="also cProfile a cold `scorecard validate` and `rank` on the N-file set (one of --sizes)",
    )
    args = parser.parse_args(argv)
    args.size_list = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, measure, report."""
    args = parse_args(argv)
    setup = make_setup(args)
    templates = load_templates(REPO / "cities")
    print(
        f"scorecard benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {setup.scorecard}; repeat {args.repeat}, median shown"
    )
    args.schema_path, schema_label = (None, "skipped (--no-jsonschema)")
    if not args.no_jsonschema:
        if setup.check_jsonschema is None:
            schema_label = "n/a (check-jsonschema is not installed)"
        else:
            args.schema_path, schema_label = obtain_schema(setup, args.schema)
    print(f"check-jsonschema: {setup.check_jsonschema or 'not installed'}; schema from {schema_label}")
    started = time.perf_counter()
    fixed = run_fixed(setup)
    sizes = {n: run_size(setup, n, templates, args) for n in args.size_list}
    if args.schema_path:
        extrapolate(sizes, "check_jsonschema")
    if args.profile is not None:
        if args.profile not in sizes:
            raise SystemExit(f"run.py: --profile {args.profile} is not one of --sizes {args.sizes}")
        for command in ("validate", "rank"):
            profile(setup, args.profile, command)
    print_table(sizes, fixed, schema_label)
    found = verdicts(sizes, fixed)
    print_verdicts(found)
    print(
        f"\n(total {time.perf_counter() - started:.0f} s; "
        f"rerun: python benchmarks/run.py {shlex.join(sys.argv[1:] if argv is None else argv)})"
    )
    if args.json:
        write_json(Path(args.json), args, sizes, fixed, found, schema_label)
    if not args.keep:
        for n in sizes:
            shutil.rmtree(setup.work / f"n{n}", ignore_errors=True)
    shutil.rmtree(setup.cache, ignore_errors=True)
    return 0


def write_json(
    path: Path,
    args: argparse.Namespace,
    sizes: dict[int, dict[str, Any]],
    fixed: dict[str, Outcome],
    found: Sequence[Verdict],
    schema_label: str,
) -> None:
    """Every sample, median and verdict as JSON."""

    def outcome(o: Outcome) -> dict[str, Any]:
        return {
            "median_s": o.median,
            "peak_mb": o.peak_mb,
            "failure": o.failure,
            "stdout_sha256": o.stdout_sha256,
            "samples": [asdict(s) for s in o.samples],
        }

    document = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
        "schema": schema_label,
        "fixed": {k: outcome(v) for k, v in fixed.items()},
        "sizes": {
            str(n): {
                "bytes": r["bytes"],
                "validate_summary": r["validate_summary"],
                "results": {k: outcome(v) for k, v in r["results"].items()},
                "extrapolated": r.get("extrapolated", {}),
                "load_average_before_after": r.get("load_average"),
            }
            for n, r in sorted(sizes.items())
        },
        "acceptance": [asdict(v) for v in found],
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    print(f"results written to {path}")


if __name__ == "__main__":
    sys.exit(main())
