"""Latency and memory: a cold `check`, `check` through the service, the service under load.

All on loopback (127.0.0.1) in a throw-away production folder with a `promptguard.toml`,
every shipped wordlist and a 100-script fingerprint index (synthetic feature-length
screenplays from bench/bench_scripts.py), so the service holds what a real one would:

1. cold `promptguard check` on a 300-character prompt (English, and French), service off;
   the pre-commit hook (`promptguard hook run`, what the installed hook runs) on 20 staged
   files of 12 KB (240 KB), and plain Presidio analysing the same 20 files (one process);
2. `promptguard check` when `promptguard serve` is running (the whole process);
3. the service alone (`serve --workers N`, `--workers`, default 1): one client, then 8
   concurrent client processes, over keep-alive connections, each sending distinct
   300-character prompts (`--single-requests`, default 2,000, for one client; `--requests`
   in all, default 20,000, for 8): p50 / p99 latency, throughput, and the service's memory
   sampled along the 8-client run (flat = within 10 % of its level after the first tenth).
   Beside it, the same prompts one at a time in one warm process: plain Presidio's
   `analyze` and spaCy's entity recognizer alone (the floor of any check that runs it).
   With several processes (a parent and its workers), memory is reported two ways: the
   largest RSS of any one process (`rss_mb_*`, as with one process) and the total PSS of
   them all (`pss_mb_total_*`, from /proc/PID/smaps_rollup: pages shared copy-on-write are
   counted once, split between the processes sharing them);
4. plain Presidio's start-up time and peak memory, for comparison.

Every loop is bounded in count and in time (`--deadline`). `--only service-load` runs part 3
alone (no cold checks, no Presidio).

    python bench/bench_latency.py [--requests 20000] [--scripts 100] [--clients 8]
        [--workers 2] [--max-requests N] [--only service-load]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
PYTHON = sys.executable

PROMPTS_EN = [
    "Moodboard for the rooftop scene in episode four: a neon alley in the rain at dusk, "
    "wet asphalt reflecting pink and teal signs, steam rising from a grate, a lone cyclist "
    "in a yellow raincoat crossing frame left to right, anamorphic lens flare, shallow "
    "depth of field, 1980s Tokyo mood, wide establishing shot, then a tighter two-shot.",
    "Call sheet summary for day 12: crew call 06:30 at the harbour car park, unit base by "
    "the old warehouse. Please send the gaffer's notes to Tom Okafor on +1 415 555 0143 "
    "or crew.desk@example.org before wrap. Weather backup is the studio stage B interior, "
    "same lighting plan, and catering moves to the tent.",
    "Write three alternative loglines for a heist comedy set in a provincial museum, where "
    "a retired night guard and her teenage grandson plan to return a painting that was "
    "stolen decades ago. Keep each under forty words, warm and a little absurd, no real "
    "artists or titles, and suggest a working title for each version.",
]
PROMPT_FR = (
    "Planning du jour 7 : convocation de l'équipe à 7h00 au parking du port, base vie près "
    "de l'ancien entrepôt. Merci d'envoyer le plan de feu à Camille Moreau au 06 12 34 56 "
    "78 ou à regie@example.fr avant la fin de journée. Repli météo : plateau B, même plan "
    "de lumière, la cantine passe sous la tente."
)
CONFIG = """\
[tools.midjourney]
enterprise = false
name = "Midjourney"

[tools.studio-llm]
enterprise = true
name = "Studio LLM (enterprise)"
"""

PEAK_WRAPPER = (
    "import atexit, runpy, sys\n"
    "def _peak():\n"
    "    try:\n"
    "        for line in open('/proc/self/status'):\n"
    "            if line.startswith('VmHWM:'):\n"
    "                sys.stderr.write('PEAK_RSS_KB=' + line.split()[1] + '\\n')\n"
    "    except OSError:\n"
    "        pass\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['promptguard'] + sys.argv[1:]\n"
    "runpy.run_module('promptguard', run_name='__main__')\n"
)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process: psutil if installed, else /proc/PID/status."""
    try:
        import psutil

        return round(psutil.Process(pid).memory_info().rss / 2**20, 1)
    except ImportError:
        pass
    except Exception:  # noqa: BLE001 - process gone
        return None
    return _proc_mb(f"/proc/{pid}/status", "VmRSS:")


def service_processes(pid: int) -> list[int]:
    """The service's parent and its worker processes (children, from /proc)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:  # the field after the state is the parent pid
                pids.append(int(entry))
    return pids


def pss_mb(pid: int) -> float | None:
    """Proportional set size: shared pages split between the processes sharing them."""
    return _proc_mb(f"/proc/{pid}/smaps_rollup", "Pss:")


def _proc_mb(path: str, field: str) -> float | None:
    """A "<field> <n> kB" line of a /proc file, in MB (None: no such process or line)."""
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (how evenly the workers shared the load)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 2)


def memory(pid: int) -> dict:
    """One sample over the service's processes: largest RSS of one, total PSS of all."""
    pids = service_processes(pid)
    rss = [v for v in (rss_mb(p) for p in pids) if v is not None]
    pss = [v for v in (pss_mb(p) for p in pids) if v is not None]
    return {
        "processes": len(pids),
        "rss_mb_max_one": max(rss) if rss else None,
        "pss_mb_total": round(sum(pss), 1) if pss else None,
    }


def make_project(
    folder: Path, scripts: int, pages: int, seed: int, languages: tuple[str, ...] = ("en", "fr")
) -> dict:
    """promptguard.toml (with `languages`) and a script index of `scripts` synthetic
    screenplays."""
    listed = ", ".join(f'"{language}"' for language in languages)
    (folder / "promptguard.toml").write_text(f"languages = [{listed}]\n{CONFIG}", "utf-8")
    info: dict = {"scripts": 0}
    if scripts:
        from bench_scripts import Vocabulary, build, synthetic_script

        rng = random.Random(seed)
        vocab = Vocabulary(rng)
        corpus = [(f"Script {i:03d}", synthetic_script(rng, vocab, pages)) for i in range(scripts)]
        started = time.perf_counter()
        index, _ = build(corpus, rng.randbytes(16))
        state = folder / ".promptguard"
        state.mkdir(exist_ok=True)
        index.save(state / "scripts.idx")
        info = {
            "scripts": scripts,
            "pages_each": pages,
            "index_mb": round((state / "scripts.idx").stat().st_size / 2**20, 1),
            "build_seconds": round(time.perf_counter() - started, 1),
        }
    return info


def env_for(service: str | None) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PROMPTGUARD_CONFIG", None)
    env["PROMPTGUARD_SERVICE"] = service or "off"
    return env


def time_check(folder: Path, prompt: str, service: str | None, runs: int) -> dict:
    """Whole-process `python -m promptguard check` wall time (median of `runs`), peak RSS."""
    prompt_file = folder / "prompt.txt"
    prompt_file.write_text(prompt, encoding="utf-8")
    times, peaks, codes = [], [], set()
    for _ in range(runs):
        command = [PYTHON, "-c", PEAK_WRAPPER, "check", "--tool", "midjourney", str(prompt_file)]
        started = time.perf_counter()
        result = subprocess.run(
            command, cwd=folder, env=env_for(service), capture_output=True, timeout=300
        )
        times.append(time.perf_counter() - started)
        codes.add(result.returncode)
        for line in result.stderr.decode(errors="replace").splitlines():
            if line.startswith("PEAK_RSS_KB="):
                peaks.append(int(line.split("=")[1]) / 1024)
        if result.returncode not in (0, 1, 3):
            raise RuntimeError(f"check exited {result.returncode}: {result.stderr[-300:]!r}")
    return {
        "median_seconds": round(statistics.median(times), 3),
        "all_seconds": [round(t, 3) for t in times],
        "peak_rss_mb": round(max(peaks), 1) if peaks else None,
        "exit_codes": sorted(codes),
        "prompt_chars": len(prompt),
    }


#: The pre-commit measurement: 20 staged files of about 12 KB each (240 KB).
HOOK_FILES, HOOK_FILE_BYTES = 20, 12 * 1024


def make_staged_files(folder: Path, count: int, size: int, seed: int = 5) -> list[Path]:
    """A git work tree in `folder` with `count` staged Markdown notes of about `size` bytes
    (production notes and prompts, some with personal data), as a commit would stage them."""
    from gen_pii_prompts import generate

    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q", str(folder)], check=True, capture_output=True)
    # generated prompts average ~140 characters: ask for plenty
    texts = iter(r["text"] for r in generate(count * size // 50, seed))
    paths = []
    for k in range(count):
        lines = [f"# Notes {k:02d}", ""]
        while sum(len(line) + 1 for line in lines) < size:
            lines.append(next(texts).replace("\n", " "))
        path = folder / "notes" / f"day-{k:02d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(lines)[:size] + "\n", encoding="utf-8")
        paths.append(path)
    subprocess.run([*git, "add", "-A"], cwd=folder, check=True, capture_output=True)
    return paths


def time_precommit(folder: Path, runs: int) -> dict:
    """`promptguard hook run` (what the installed hook runs) over the staged files, as a
    whole process, and plain Presidio analysing the same files in one process."""
    repo = folder / "repo"
    repo.mkdir()
    (repo / "promptguard.toml").write_text((folder / "promptguard.toml").read_text("utf-8"))
    if (folder / ".promptguard/scripts.idx").exists():
        (repo / ".promptguard").mkdir()
        (repo / ".promptguard/scripts.idx").write_bytes(
            (folder / ".promptguard/scripts.idx").read_bytes()
        )
    paths = make_staged_files(repo, HOOK_FILES, HOOK_FILE_BYTES)
    times, codes = [], set()
    for _ in range(runs):
        command = [PYTHON, "-m", "promptguard", "hook", "run"]
        started = time.perf_counter()
        result = subprocess.run(command, cwd=repo, env=env_for(None), capture_output=True,
                                timeout=300)  # fmt: skip
        times.append(time.perf_counter() - started)
        codes.add(result.returncode)
        if result.returncode not in (0, 1):
            raise RuntimeError(f"hook exited {result.returncode}: {result.stderr[-300:]!r}")
    files = [str(p) for p in paths]
    return {
        "files": len(paths),
        "kb": round(sum(p.stat().st_size for p in paths) / 1024),
        "spacy_ner_floor_median_seconds": median_run("spacy_floor.py", files, repo, runs),
        "median_seconds": round(statistics.median(times), 3),
        "all_seconds": [round(t, 3) for t in times],
        "exit_codes": sorted(codes),
        "presidio_median_seconds": median_run("plain_presidio.py", files, repo, runs),
    }


def median_run(script: str, files: list[str], cwd: Path, runs: int) -> float:
    """Median wall time of `bench/SCRIPT --files FILES`, a whole process each run."""
    times = []
    for _ in range(runs):
        command = [PYTHON, str(ROOT / "bench" / script), "--files", *files]
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, timeout=300, check=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def per_prompt_floors(prompts: list[str]) -> dict:
    """The same prompts one at a time in one warm process: plain Presidio's `analyze`, and
    spaCy's entity recognizer alone (no HTTP, no other analyzer)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(prompts, handle)
    try:
        out = {}
        for name, script in (("presidio", "plain_presidio.py"), ("spacy_ner", "spacy_floor.py")):
            result = subprocess.run(
                [PYTHON, str(ROOT / "bench" / script), "--latency", handle.name],
                capture_output=True, timeout=900, check=True,
            )  # fmt: skip
            data = json.loads(result.stdout.decode().strip().splitlines()[-1])
            out[name] = {"p50_ms": round(data["p50_ms"], 2), "p99_ms": round(data["p99_ms"], 2)}
        return out
    finally:
        os.unlink(handle.name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_service(
    folder: Path, port: int, deadline: float, workers: int = 1, max_requests: int = 0
) -> tuple[subprocess.Popen, float]:
    started = time.perf_counter()
    command = [PYTHON, "-m", "promptguard", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers != 1:
        command += ["--workers", str(workers)]
    if max_requests:
        command += ["--max-requests", str(max_requests)]
    process = subprocess.Popen(
        command,
        cwd=folder,
        env=env_for(None),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    while time.perf_counter() - started < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"service exited: {process.stderr.read()[-300:]!r}")
        try:
            status, body = http_get(port, "/healthz")
            if status == 200 and json.loads(body).get("status") == "ok":
                return process, time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("service did not become ready in time")


def http_get(port: int, path: str) -> tuple[int, bytes]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _client(port: int, prompts: list[str], count: int, deadline: float, queue) -> None:  # noqa: ANN001
    """One client process: `count` requests on a keep-alive connection, latencies out."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + deadline
    for i in range(count):
        if time.monotonic() > stop:
            break
        body = json.dumps({"prompt": prompts[i % len(prompts)], "tool": "midjourney"})
        started = time.perf_counter()
        try:
            connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except OSError:
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()
    queue.put((latencies, errors))


def load_prompts(count: int = 400, seed: int = 11) -> list[str]:
    """Distinct 300-character prompts (production notes and creative prompts, English and
    French), so no cache of repeated prompts can flatter the service."""
    from gen_pii_prompts import generate

    texts = [r["text"] for r in generate(count * 3, seed)] + PROMPTS_EN
    prompts, current = [], ""
    for text in texts:
        current = f"{current} {text}".strip()
        if len(current) >= 300:
            prompts.append(current[:300])
            current = ""
        if len(prompts) >= count:
            break
    return prompts


def load_test(port: int, pid: int, clients: int, requests: int, deadline: float,
              prompts: list[str] | None = None) -> dict:  # fmt: skip
    """`clients` processes share `requests`; the service's memory is sampled meanwhile
    (every process of it: `pid` and its workers)."""
    per_client = max(1, requests // clients)
    # every request of the run sends a prompt no earlier request sent (warm-up included)
    prompts = prompts or load_prompts(per_client * clients + 30)
    context = multiprocessing.get_context("spawn")
    # Warm-up, so the first samples are not model loading.
    warm_queue = context.Queue()
    _client(port, prompts[-30:], 30, 60, warm_queue)
    warm_queue.get()
    memory_start = memory(pid)
    rss_start = memory_start["rss_mb_max_one"]
    queue = context.Queue()
    workers = [
        context.Process(
            target=_client,
            args=(
                port,
                prompts[i * per_client : (i + 1) * per_client],
                per_client,
                deadline,
                queue,
            ),
        )
        for i in range(clients)
    ]
    samples: list[tuple[float, float]] = []
    pss_samples: list[tuple[float, float]] = []
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    results = []
    while len(results) < clients and time.perf_counter() - started < deadline + 60:
        with contextlib.suppress(Exception):  # queue.Empty: sample memory and wait on
            results.append(queue.get(timeout=0.5))
        sample, moment = memory(pid), round(time.perf_counter() - started, 1)
        if sample["rss_mb_max_one"] is not None:
            samples.append((moment, sample["rss_mb_max_one"]))
        if sample["pss_mb_total"] is not None:
            pss_samples.append((moment, sample["pss_mb_total"]))
    elapsed = time.perf_counter() - started
    for worker in workers:
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()
    latencies = sorted(t for lat, _ in results for t in lat)
    errors = sum(err for _, err in results)
    memory_end = memory(pid)
    rss_end = memory_end["rss_mb_max_one"]
    values = [v for _, v in samples] or [rss_end or 0.0]
    first_tenth = values[: max(1, len(values) // 10)]
    pss_values = [v for _, v in pss_samples] or [memory_end["pss_mb_total"] or 0.0]
    pss_first_tenth = pss_values[: max(1, len(pss_values) // 10)]
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(elapsed, 1),
        "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else None,
        "p50_ms": round(_percentile(latencies, 50) * 1000, 2) if latencies else None,
        "p90_ms": round(_percentile(latencies, 90) * 1000, 2) if latencies else None,
        "p99_ms": round(_percentile(latencies, 99) * 1000, 2) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else None,
        "rss_mb_after_warmup": rss_start,
        "rss_mb_end": rss_end,
        "rss_mb_max": max(values),
        "rss_growth_mb_after_first_10pct": round(max(values) - max(first_tenth), 1),
        "rss_growth_pct_after_first_10pct": round(
            100 * (max(values) - max(first_tenth)) / max(first_tenth), 1
        )
        if max(first_tenth)
        else None,
        "rss_samples": samples[:: max(1, len(samples) // 20)],
        "processes": memory_end["processes"],
        "pss_mb_total_after_warmup": memory_start["pss_mb_total"],
        "pss_mb_total_end": memory_end["pss_mb_total"],
        "pss_mb_total_max": max(pss_values),
        "pss_growth_mb_after_first_10pct": round(max(pss_values) - max(pss_first_tenth), 1),
        "pss_growth_pct_after_first_10pct": round(
            100 * (max(pss_values) - max(pss_first_tenth)) / max(pss_first_tenth), 1
        )
        if max(pss_first_tenth)
        else None,
        "pss_samples": pss_samples[:: max(1, len(pss_samples) // 20)],
        "cpu_seconds_by_process": {str(p): cpu_seconds(p) for p in service_processes(pid)},
    }


def _percentile(sorted_values: list[float], pct: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def presidio_startup(runs: int) -> dict:
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(
            [PYTHON, str(ROOT / "bench/plain_presidio.py"), "--startup-only"],
            capture_output=True,
            timeout=300,
        )
        times.append(time.perf_counter() - started)
        data = json.loads(result.stdout.decode().strip().splitlines()[-1])
        peaks.append(data.get("peak_rss_mb") or 0.0)
    return {"median_seconds": round(statistics.median(times), 3), "peak_rss_mb": max(peaks)}


#: The floor of any cold check that runs spaCy's NER: a fresh interpreter that imports spaCy,
#: loads the English model with only its NER components and parses the prompt once.
COLD_FLOOR_SCRIPT = """
import sys
import spacy
skip = ["parser", "tagger", "lemmatizer", "attribute_ruler", "senter"]
nlp = spacy.load(sys.argv[1], exclude=skip)
nlp(open(sys.argv[2], encoding="utf-8").read())
"""


def cold_ner_floor(folder: Path, prompt: str, runs: int) -> dict:
    """Median wall time of `COLD_FLOOR_SCRIPT` on the prompt: what a cold `check` cannot beat
    while it parses in process (the service path is the way around it)."""
    from promptguard.config.defaults import DEFAULT_MODELS

    prompt_file = folder / "floor-prompt.txt"
    prompt_file.write_text(prompt, encoding="utf-8")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "-c", COLD_FLOOR_SCRIPT, DEFAULT_MODELS["en"], str(prompt_file)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
    return {"median_seconds": round(statistics.median(times), 3)}


def compile_bytecode() -> None:
    """Byte-compile promptguard as `pip install` does. An editable checkout under
    PYTHONDONTWRITEBYTECODE (set on some CI machines) would otherwise compile every module
    again in every timed process, a cost no installed user pays (about 35 ms per `check`)."""
    import compileall

    import promptguard

    compileall.compile_dir(Path(promptguard.__file__).parent, quiet=1)


def run(requests: int = 20000, clients: int = 8, scripts: int = 100, pages: int = 110,
        runs: int = 3, deadline: float = 300.0, seed: int = 7, workers: int = 1,
        only: str = "all", languages: tuple[str, ...] = ("en", "fr"),
        max_requests: int = 0, single_requests: int = 2000) -> dict:  # fmt: skip
    """Every measurement, or with `only="service-load"` the service under load alone;
    `languages` is the project's `languages` setting (which models the service loads)."""
    everything = only == "all"
    compile_bytecode()
    summary: dict = {
        "cores": os.cpu_count(), "workers": workers, "only": only, "languages": list(languages),
        "max_requests": max_requests,
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="pg-latency-") as tmp:
        folder = Path(tmp)
        summary["project"] = make_project(folder, scripts, pages, seed, languages)
        prompt_en = PROMPTS_EN[1][:300]
        prompt_fr = PROMPT_FR[:300]
        if everything:
            summary["cold_check_en"] = time_check(folder, prompt_en, None, runs)
            summary["cold_check_fr"] = time_check(folder, prompt_fr, None, runs)
            summary["cold_ner_floor"] = cold_ner_floor(folder, prompt_en, runs)
            summary["precommit"] = time_precommit(folder, runs)
        # distinct prompts: the one-client run's first, then the 8 clients' (no prompt twice)
        prompts = load_prompts(single_requests + 30 + requests + 30) if single_requests else []
        single_prompts, load_prompts_ = (
            prompts[: single_requests + 30],
            prompts[single_requests + 30 :] or None,
        )
        port = free_port()
        process, ready = start_service(
            folder, port, deadline=120, workers=workers, max_requests=max_requests
        )
        try:
            url = f"http://127.0.0.1:{port}"
            summary["service_start_seconds"] = round(ready, 2)
            summary["service_rss_mb_ready"] = memory(process.pid)["rss_mb_max_one"]
            summary["service_pss_mb_total_ready"] = memory(process.pid)["pss_mb_total"]
            if everything:
                # 9 runs: one slow run in 5 (the VM's noise, or the service's first request)
                # moved the median by 10 ms
                summary["check_via_service"] = time_check(folder, prompt_en, url, max(runs, 9))
            if single_requests:
                summary["service_load_one_client"] = load_test(
                    port, process.pid, 1, single_requests, deadline, single_prompts
                )
            summary["service_load"] = load_test(
                port, process.pid, clients, requests, deadline, load_prompts_
            )
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if everything:
            summary["presidio_startup"] = presidio_startup(runs)
            summary["per_prompt_floors"] = per_prompt_floors(
                (single_prompts or load_prompts(200))[:500]
            )
    return summary


#: Targets (issue 20): cold check, pre-commit, service latency with one client, scaling
#: from one client to 8, memory flat within this share of its level after the first tenth.
COLD_CHECK_S, PRECOMMIT_S, P50_MS, P99_MS, SCALE_8, FLAT_PCT = 0.8, 1.0, 5.0, 20.0, 2.0, 10.0


def markdown(summary: dict) -> str:
    load = summary["service_load"]
    one = summary.get("service_load_one_client")
    floors = summary.get("per_prompt_floors") or {}
    presidio_floor = floors.get("presidio")
    setup = []
    if summary.get("workers", 1) != 1:
        setup.append(f"`serve --workers {summary['workers']}`")
    if summary.get("max_requests"):
        setup.append(f"`--max-requests {summary['max_requests']}`")
    languages = summary.get("languages", ["en", "fr"])
    if languages != ["en", "fr"]:
        setup.append(f"`languages = {json.dumps(languages)}`")
    tag = f" ({', '.join(setup)})" if setup else ""
    rows = []
    if "cold_check_en" in summary:
        cold_en, cold_fr = summary["cold_check_en"], summary["cold_check_fr"]
        presidio = summary.get("presidio_startup") or {}
        rows += [
            ("cold `check`, 300-char English prompt", f"{cold_en['median_seconds']:.2f} s",
             _s(presidio.get("median_seconds")) + " (start-up + 1 prompt)",
             f"≤ {COLD_CHECK_S} s"),
            ("cold `check`, 300-char French prompt", f"{cold_fr['median_seconds']:.2f} s", "",
             f"≤ {COLD_CHECK_S} s"),
        ]  # fmt: skip
        if "cold_ner_floor" in summary:
            rows.append((
                "floor: fresh Python, spaCy English NER loaded, 1 parse",
                f"{summary['cold_ner_floor']['median_seconds']:.2f} s", "", "–",
            ))  # fmt: skip
        if "precommit" in summary:
            hook = summary["precommit"]
            rows.append((
                f"pre-commit hook, {hook['files']} staged files ({hook['kb']} KB)",
                f"{hook['median_seconds']:.2f} s", _s(hook["presidio_median_seconds"]),
                f"≤ {PRECOMMIT_S} s",
            ))  # fmt: skip
            if "spacy_ner_floor_median_seconds" in hook:
                rows.append((
                    "floor: spaCy's English NER alone on the same files (fresh process)",
                    f"{hook['spacy_ner_floor_median_seconds']:.2f} s", "", "–",
                ))  # fmt: skip
        via = summary["check_via_service"]
        rows.append(("`check` with the service running",
                     f"{via['median_seconds'] * 1000:.0f} ms", "", "< 50 ms"))  # fmt: skip
    if one:
        rows += [
            (f"service p50, 1 client{tag}", f"{one['p50_ms']:.1f} ms",
             _ms(presidio_floor, "p50_ms") + " (in process, no HTTP)", f"≤ {P50_MS:g} ms"),
            (f"service p99, 1 client{tag}", f"{one['p99_ms']:.1f} ms",
             _ms(presidio_floor, "p99_ms") + " (in process, no HTTP)", f"≤ {P99_MS:g} ms"),
            (f"service throughput, 1 client{tag}", f"{one['requests_per_second']:.0f} req/s",
             "", "–"),
        ]  # fmt: skip
    rows += [
        (f"service p50, {load['clients']} clients{tag}", f"{load['p50_ms']:.1f} ms", "", "–"),
        (f"service p99, {load['clients']} clients{tag}", f"{load['p99_ms']:.1f} ms", "", "–"),
        (f"service throughput, {load['clients']} clients{tag}",
         f"{load['requests_per_second']:.0f} req/s"
         + (f" ({load['requests_per_second'] / one['requests_per_second']:.1f}× one client)"
            if one and one["requests_per_second"] else ""),
         "", f"≥ {SCALE_8:g}× one client"),
        (f"service RSS over {load['requests']:,} requests (max)",
         f"{load['rss_mb_max']:.0f} MB", "", "–"),
        ("service RSS growth after the first 10 %",
         f"{load['rss_growth_mb_after_first_10pct']:+.1f} MB"
         f" ({load.get('rss_growth_pct_after_first_10pct') or 0:+.1f} %)", "",
         f"≤ {FLAT_PCT:g} %"),
    ]  # fmt: skip
    if load.get("pss_mb_total_max") is not None and load.get("processes", 1) > 1:
        rows += [
            (f"service total PSS, {load.get('processes', 1)} processes (max)",
             f"{load['pss_mb_total_max']:.0f} MB", "", "–"),
            ("service total PSS growth after the first 10 %",
             f"{load['pss_growth_mb_after_first_10pct']:+.1f} MB"
             f" ({load.get('pss_growth_pct_after_first_10pct') or 0:+.1f} %)", "",
             f"≤ {FLAT_PCT:g} %"),
        ]  # fmt: skip
    if floors.get("spacy_ner"):
        ner = floors["spacy_ner"]
        rows.append(("floor: spaCy NER alone, one prompt at a time, p50 / p99",
                     f"{ner['p50_ms']:.1f} / {ner['p99_ms']:.1f} ms", "", "–"))  # fmt: skip
    rows.append(("service start-up (models warm)", f"{summary['service_start_seconds']:.2f} s",
                 "", "–"))  # fmt: skip
    if "presidio_startup" in summary:
        rows.append(("cold `check` peak RSS", f"{summary['cold_check_en']['peak_rss_mb']:.0f} MB",
                     f"{summary['presidio_startup']['peak_rss_mb']:.0f} MB", "–"))  # fmt: skip
    lines = [
        f"Latency and memory{tag} ({summary['cores']} cores; script index: "
        f"{summary['project'].get('scripts', 0)} scripts; 300-character prompts, each sent once)",
        "",
        "| measure | promptguard | plain Presidio, same input | target |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {a} | {b} | {c or '–'} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _ms(data: dict | None, key: str) -> str:
    return "–" if not data else f"{data[key]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000, help="for the 8 clients")
    parser.add_argument(
        "--single-requests", type=int, default=2000, help="for one client (0: skip)"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--scripts", type=int, default=100)
    parser.add_argument("--pages", type=int, default=110)
    parser.add_argument("--runs", type=int, default=3, help="runs of each cold measurement")
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds, load test cap")
    parser.add_argument(
        "--workers", type=int, default=1, help="service processes (promptguard serve --workers)"
    )
    parser.add_argument(
        "--max-requests", type=int, default=0, help="serve --max-requests (0 = never recycle)"
    )
    parser.add_argument(
        "--only",
        choices=("all", "service-load"),
        default="all",
        help="service-load: only the service under load (part 3)",
    )
    parser.add_argument(
        "--languages", default="en,fr", help="the project's languages setting, e.g. en"
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    args = parser.parse_args()
    if args.out is None:
        name = "latency.json" if args.only == "all" and args.workers == 1 else (
            f"latency_{args.only}_w{args.workers}.json"
        )  # fmt: skip
        if args.max_requests:
            name = name.replace(".json", f"_recycle{args.max_requests}.json")
        args.out = ROOT / "bench/results" / name
    summary = run(
        args.requests,
        args.clients,
        args.scripts,
        args.pages,
        args.runs,
        args.deadline,
        workers=args.workers,
        only=args.only,
        languages=tuple(args.languages.split(",")),
        max_requests=args.max_requests,
        single_requests=args.single_requests,
    )
    print(markdown(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
