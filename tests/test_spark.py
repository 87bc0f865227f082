"""promptguard on Apache Spark (`local[1]`): the same findings as `promptguard scan`.

These tests start a real Spark (a JVM and PySpark's Python workers), so they need the
`spark` extra and a Java 17+ runtime; CI installs both. Without Java they are skipped.
"""

from __future__ import annotations

import csv
import ipaddress
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "Spark needs a Java 17+ runtime: apt-get install openjdk-17-jre-headless",
        allow_module_level=True,
    )
try:
    import pyspark  # noqa: F401
except ImportError:
    if os.environ.get("CI"):
        raise  # CI installs the extra: a missing PySpark there is a broken CI, not a skip
    pytest.skip('PySpark is missing: pip install -e ".[spark]"', allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import BinaryType, StringType, StructField, StructType  # noqa: E402

from promptguard.analyzers.scripts.script_index import ScriptIndex  # noqa: E402
from promptguard.config.load import load_config  # noqa: E402
from promptguard.spark import ERRORS_SCHEMA, FINDINGS_SCHEMA, scan_dataframe  # noqa: E402
from promptguard.spark.__main__ import main as spark_main  # noqa: E402

#: Fields compared between `promptguard scan --format json` and the Spark findings.
COMPARED = ("field", "start", "end", "category", "type", "subject", "score", "message", "analyzer")

#: Watches the Python side of the job (driver and workers): every connection to an address
#: that is not loopback, and every name lookup but localhost, is written to a log.
SITECUSTOMIZE = """
import ipaddress, os, socket, sys

_LOG = os.environ.get("PROMPTGUARD_NET_LOG")


def _local(host):
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _hook(event, args):
    if event == "socket.connect":
        sock, address = args
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _write(f"{os.getpid()} connect {address!r}")
    elif event == "socket.getaddrinfo" and not _local(args[0]):
        _write(f"{os.getpid()} getaddrinfo {args[0]!r}")


def _write(line):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(line + "\\n")


if _LOG:
    sys.addaudithook(_hook)
"""


@pytest.fixture(scope="module")
def net_log(tmp_path_factory) -> Path:
    """Python processes started from here on (the JVM's Python workers too) log any
    non-loopback connection to this file."""
    folder = tmp_path_factory.mktemp("netwatch")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = folder / "net.log"
    with pytest.MonkeyPatch.context() as patch:
        path = os.environ.get("PYTHONPATH")
        patch.setenv("PYTHONPATH", f"{folder}{os.pathsep}{path}" if path else str(folder))
        patch.setenv("PROMPTGUARD_NET_LOG", str(log))
        yield log


@pytest.fixture(scope="module")
def spark(net_log):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("promptguard-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A production: its config (a code name, an enterprise tool), a registered script, and
    a prompt log in two formats with what `promptguard scan` reports as errors."""
    root = tmp_path_factory.mktemp("production")
    (root / "promptguard.toml").write_text(
        'code_names = ["BLUE HARVEST"]\n[tools.studio-llm]\nenterprise = true\n',
        encoding="utf-8",
    )
    index = ScriptIndex.new()
    from promptguard.readers.scripts import read_script

    index.add(read_script(DATA / "scripts" / "harbour_lights.fountain"), "Harbour Lights")
    (root / ".promptguard").mkdir()
    index.save(root / ".promptguard" / "scripts.idx")
    logs = root / "logs"
    logs.mkdir()
    lines = [json.dumps(record) for record in _records()]
    lines[3:3] = ["not json at all", "", '{"id": "no-text", "user": "ana"}']
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    raw += b'{"id": "latin1", "text": "caf\xe9 with Meryl Streep"}\n'
    (logs / "prompts.jsonl").write_bytes(raw)
    with (logs / "requests.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "tool", "prompt"])
        for record in _records()[:12]:
            if "text" in record:
                writer.writerow([f"csv-{record['id']}", "midjourney", record["text"]])
        writer.writerow(["csv-multi", "", "line one\nmail crew.desk@example.org"])
    return root


def _records() -> list[dict]:
    """Personal data (EN/FR), names, works, intents, a code name, a script excerpt, and
    chat-shaped records; one without an id."""
    records = [json.loads(line) for line in (DATA / "pii_prompts.jsonl").open(encoding="utf-8")]
    picked = [{"id": r["id"], "text": r["text"]} for r in records[:40]]
    scene = (DATA / "scripts" / "harbour_lights.fountain").read_text(encoding="utf-8")
    excerpt = scene[scene.index("Rain hammers") : scene.index("Rain hammers") + 700]
    picked += [
        {"id": 1001, "text": "a portrait of Meryl Streep as an aviator", "tool": "midjourney"},
        {"id": "n2", "text": "Storyboard BLUE HARVEST night shoot for the studio-llm test"},
        {"id": "n3", "text": "Rewrite this scene: " + excerpt, "tool": "studio-llm"},
        {"id": "n4", "text": "Clone the voice of our lead actor so we can redo lines."},
        {"id": "n5", "text": "A fake news photo of the president resigning, make it real."},
        {
            "id": "chat-1",
            "model": "studio-llm",
            "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Email Tomasz Wierzbicki at t.w@example.org"},
            ],
        },
        {"request": {"prompt": "Harry Potter in the style of Banksy, call +33 6 12 34 56 78"}},
    ]
    return picked


def _scan_json(*args: str, cwd: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", "from promptguard.cli import main; main()", "scan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        env={**os.environ, "PROMPTGUARD_CONFIG": str(cwd / "promptguard.toml")},
    )
    # 2: a line of the log could not be read (the malformed one the tests plant); the rest
    # is scanned and reported all the same
    assert result.returncode in (0, 1, 2), result.stderr
    return json.loads(result.stdout)


def _line_ids(path: Path, id_col: str = "id") -> dict[int, str]:
    """Line number -> the id the Spark reader gives that line's records."""
    ids = {}
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        try:
            data = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            data = None
        if isinstance(data, dict) and id_col in data:
            ids[number] = str(data[id_col])
        else:
            ids[number] = f"{path}:{number}"
    return ids


def _csv_ids(path: Path) -> dict[int, str]:
    ids = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        start = reader.line_num + 1
        for row in reader:
            ids[start] = row[0]
            start = reader.line_num + 1
    return ids


def _expected(report: dict, ids_by_path: dict[str, dict[int, str]]) -> list[tuple]:
    return sorted(
        (ids_by_path[Path(f["path"]).name][f["line"]], *(f[k] for k in COMPARED))
        for f in report["findings"]
    )


def _rows(frame) -> list[tuple]:
    return sorted((r["id"], *(r[k] for k in COMPARED)) for r in frame.collect())


# -- the API ---------------------------------------------------------------------------------


def test_scan_dataframe_finds_what_promptguard_scan_finds(spark, project):
    records = [r for r in _records() if "text" in r]
    log = project / "plain.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = _scan_json(str(log), "--format", "json", cwd=project)
    expected = _expected(report, {"plain.jsonl": _line_ids(log)})

    frame = spark.createDataFrame(
        [(str(r["id"]), r["text"], r.get("tool")) for r in records],
        "id string, text string, tool string",
    )
    config = load_config(project / "promptguard.toml")
    findings, errors = scan = scan_dataframe(frame, config=config, field_col=None, tool_col="tool")
    try:
        got = _rows(findings)
        assert errors.count() == 0
        # scan_dataframe has no field: the records were whole texts, scan's field is "text"
        assert got == [(e[0], None, *e[2:]) for e in expected]
        categories = {row[4] for row in got}
        assert {"personal_data", "public_figure", "confidential", "unreleased_script"} <= categories
        by_id = {(r["id"], r["category"]): r for r in findings.collect()}
        # decision follows the record's tool; severity is the non-enterprise action
        script = by_id[("n3", "unreleased_script")]
        assert (script["tool"], script["severity"], script["decision"]) == (
            "studio-llm",
            "block",
            "clearance",
        )
    finally:
        scan.unpersist()
    assert findings.schema == FINDINGS_SCHEMA


def test_values_stay_out_unless_show_values(spark, project):
    text = "Call the gaffer, Tomasz Wierzbicki, on +1 415 555 0143 or mail crew.desk@example.org"
    frame = spark.createDataFrame([("r1", text)], "id string, text string")
    config = load_config(project / "promptguard.toml")
    hidden = scan_dataframe(frame, config=config)
    rows = hidden.findings.collect()
    hidden.unpersist()
    assert {r["type"] for r in rows} >= {"PHONE_NUMBER", "EMAIL_ADDRESS", "PERSON"}
    assert all(r["value"] is None and r["subject"] == "" for r in rows)
    dumped = json.dumps([r.asDict() for r in rows])
    assert "Wierzbicki" not in dumped and "555 0143" not in dumped and "crew.desk" not in dumped

    shown = scan_dataframe(frame, config=config, show_values=True)
    values = {r["type"]: r["value"] for r in shown.findings.collect()}
    shown.unpersist()
    assert values["EMAIL_ADDRESS"] == "crew.desk@example.org"
    assert values["PERSON"] == "Tomasz Wierzbicki"


def test_what_cannot_be_scanned_goes_to_the_errors_output(spark, project):
    config = load_config(project / "promptguard.toml")
    frame = spark.createDataFrame(
        [
            ("ok", "mail crew.desk@example.org"),
            ("none", None),
            ("long", "x" * 200),
            (None, "call +1 415 555 0143"),
        ],
        "id string, text string",
    )
    scan = scan_dataframe(frame, config=config, max_chars=100)
    errors = sorted((r["id"] or "", r["reason"]) for r in scan.errors.collect())
    found = sorted((r["id"] or "", r["type"]) for r in scan.findings.collect())
    scan.unpersist()
    assert errors == [
        ("", "missing id"),
        ("long", "oversize: 200 characters (limit 100), not scanned"),
        ("none", "missing text: nothing scanned"),
    ]
    # the record without an id is still scanned: its finding is there, keyed by nothing
    assert found == [("", "PHONE_NUMBER"), ("ok", "EMAIL_ADDRESS")]
    assert scan.errors.schema.fieldNames() == ERRORS_SCHEMA.fieldNames()

    schema = StructType([StructField("id", StringType()), StructField("text", BinaryType())])
    raw = spark.createDataFrame([("bytes", b"caf\xe9: mail crew.desk@example.org")], schema)
    scan = scan_dataframe(raw, config=config)
    assert [r["reason"] for r in scan.errors.collect()] == [
        "not valid UTF-8: undecodable bytes replaced"
    ]
    assert [r["type"] for r in scan.findings.collect()] == ["EMAIL_ADDRESS"]
    scan.unpersist()


def test_analyzer_failures_are_errors_not_clean_records(spark, project):
    """A model that cannot load fails the records that needed it, by id (fail closed)."""
    config = load_config(project / "promptguard.toml")
    config.models = {"en": "no_such_spacy_model", "fr": "no_such_spacy_model"}
    frame = spark.createDataFrame(
        # one capitalised word no cue or list explains: only the NER model can tell
        [("name", "Ask Okonkwo about the grip truck"), ("mail", "mail a@example.org")],
        "id string, text string",
    )
    scan = scan_dataframe(frame, config=config)
    errors = {r["id"]: r["reason"] for r in scan.errors.collect()}
    found = {(r["id"], r["type"]) for r in scan.findings.collect()}
    scan.unpersist()
    assert list(errors) == ["name"] and "NLP model unavailable" in errors["name"]
    assert ("mail", "EMAIL_ADDRESS") in found


def test_the_script_index_travels_with_the_job(spark, project, tmp_path):
    """Executors scan with the copy Spark ships (`addFile`), not a path of the driver's."""
    index = tmp_path / "moved.idx"
    shutil.copyfile(project / ".promptguard" / "scripts.idx", index)
    config = load_config(project / "promptguard.toml")
    config.corpus_override = index
    scene = (DATA / "scripts" / "harbour_lights.fountain").read_text(encoding="utf-8")
    text = scene[scene.index("Rain hammers") : scene.index("Rain hammers") + 700]
    frame = spark.createDataFrame([("s1", text.upper())], "id string, text string")
    scan = scan_dataframe(frame, config=config)
    index.unlink()  # before any job ran: only the shipped copy is left
    found = [(r["category"], r["subject"]) for r in scan.findings.collect()]
    scan.unpersist()
    assert any(
        category == "unreleased_script" and subject.startswith("Harbour Lights")
        for category, subject in found
    ), found


# -- the command -----------------------------------------------------------------------------


def test_command_writes_findings_identical_to_promptguard_scan(spark, project, tmp_path):
    from click.testing import CliRunner

    logs = project / "logs"
    report = _scan_json(str(logs), "--format", "json", cwd=project)
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        spark_main,
        [str(logs), str(out), "--config", str(project / "promptguard.toml")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["errors", "findings", "summary.json"]
    findings = spark.read.parquet(str(out / "findings"))
    errors = spark.read.parquet(str(out / "errors"))

    ids = {
        "prompts.jsonl": _line_ids(logs / "prompts.jsonl"),
        "requests.csv": _csv_ids(logs / "requests.csv"),
    }
    expected = _expected(report, ids)
    assert _rows(findings) == expected
    assert len(expected) > 60

    expected_errors = sorted(
        (ids[Path(e["path"]).name].get(e["line"], e["path"]), e["message"])
        for e in report["errors"]
    )
    got_errors = sorted((r["id"], r["reason"]) for r in errors.collect())
    assert got_errors == expected_errors
    assert {reason for _, reason in got_errors} == {
        "invalid JSON: Expecting value",
        "no prompt field (prompt, text, content, messages): nothing to scan",
        "not valid UTF-8: decoded as Windows-1252 (latin-1)",
    }
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["findings"] == len(expected) and summary["errors"] == len(expected_errors)
    assert summary["by_tool"]["midjourney"] > 0
    assert "Wierzbicki" not in (out / "summary.json").read_text(encoding="utf-8")
    assert "findings" in result.output and str(summary["records"]) in result.output

    again = CliRunner().invoke(spark_main, [str(logs), str(out)], catch_exceptions=False)
    assert again.exit_code == 2 and "--overwrite" in again.output


def test_python_m_promptguard_spark_matches_promptguard_scan_on_the_same_file(project, tmp_path):
    """The command as a user runs it (`python -m promptguard.spark`, its own Spark), on the
    file `promptguard scan` reads: the same findings keyed by id (with the decision the
    policy gives the record's tool), the same errors, and no value written by default."""
    import pyarrow.parquet as pq

    from promptguard.gate.policy import action_for

    log = project / "logs" / "prompts.jsonl"
    report = _scan_json(str(log), "--format", "json", cwd=project)
    out = tmp_path / "audit"
    result = subprocess.run(
        [sys.executable, "-m", "promptguard.spark", str(log), str(out), "--master", "local[1]"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=project,
        env={**os.environ, "PROMPTGUARD_CONFIG": str(project / "promptguard.toml")},
    )
    assert result.returncode == 0, result.stderr[-3000:]

    config = load_config(project / "promptguard.toml")
    ids = _line_ids(log)
    tools = {}
    for number, raw in enumerate(log.read_bytes().splitlines(), start=1):
        try:
            data = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            data = None
        if isinstance(data, dict):
            tools[number] = data.get("tool") or data.get("model")
    expected = sorted(
        (
            ids[f["line"]],
            *(f[k] for k in COMPARED),
            action_for(config, config.tool(tools.get(f["line"])), f["category"]),
            None,
        )
        for f in report["findings"]
    )
    rows = pq.read_table(out / "findings").to_pylist()
    got = sorted((r["id"], *(r[k] for k in COMPARED), r["decision"], r["value"]) for r in rows)
    assert got == expected
    assert len(expected) > 50
    assert {r["decision"] for r in rows} >= {"block", "clearance"}

    expected_errors = sorted(
        (ids.get(e["line"], e["path"]), e["message"]) for e in report["errors"]
    )
    errors = pq.read_table(out / "errors").to_pylist()
    assert sorted((r["id"], r["reason"]) for r in errors) == expected_errors
    assert len(expected_errors) == 3

    written = b"".join(path.read_bytes() for path in out.rglob("*") if path.is_file())
    for value in (b"Wierzbicki", b"t.w@example.org", b"12 34 56 78"):
        assert value not in written


def test_command_reads_parquet_logs_by_the_same_field_rules(spark, project, tmp_path):
    """A Parquet log's rows are read as the JSON records they would be in a JSONL log."""
    from click.testing import CliRunner

    records = [r for r in _records() if "id" in r][-8:]
    log = tmp_path / "log.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    spark.read.json(str(log)).write.parquet(str(tmp_path / "log.parquet"))
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        spark_main,
        [str(tmp_path / "log.parquet"), str(out), "--format", "json"],
        catch_exceptions=False,
        env={"PROMPTGUARD_CONFIG": str(project / "promptguard.toml")},
    )
    assert result.exit_code == 0, result.output
    report = _scan_json(str(log), "--format", "json", cwd=project)
    expected = sorted(
        (str(records[f["line"] - 1]["id"]), f["field"], f["start"], f["category"], f["type"])
        for f in report["findings"]
    )
    got = sorted(
        (r["id"], r["field"], r["start"], r["category"], r["type"])
        for r in spark.read.json(str(out / "findings")).collect()
    )
    assert got == expected and len(got) > 5


# -- offline ---------------------------------------------------------------------------------


def _tree(root: int) -> set[int]:
    """`root` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


def _remote_addresses(pids: set[int]) -> set[str]:
    """Remote ends of the TCP connections the processes hold (listening sockets aside)."""
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    remotes = set()
    for table, width in (("tcp", 8), ("tcp6", 32)):
        try:
            lines = Path(f"/proc/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if parts[9] not in inodes or parts[3] == "0A":  # 0A: LISTEN
                continue
            address = parts[2].split(":")[0]
            raw = bytes.fromhex(address)
            if width == 8:
                host = ipaddress.IPv4Address(raw[::-1])
            else:
                words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]
                host = ipaddress.IPv6Address(b"".join(words))
                host = host.ipv4_mapped or host
            remotes.add(str(host))
    return remotes


def test_no_connection_leaves_the_machine_during_a_job(spark, project, net_log):
    """Python side: an audit hook in every Python process of the job; JVM side: its TCP
    connections, sampled while the job runs. Only loopback addresses are allowed."""
    jvm = spark.sparkContext._gateway.proc.pid  # noqa: SLF001 - the JVM PySpark started
    seen: set[str] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.update(_remote_addresses(_tree(jvm)))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        texts = [r["text"] for r in _records() if "text" in r]
        frame = spark.createDataFrame(
            [(f"r{i}", text) for i, text in enumerate(texts * 3)], "id string, text string"
        ).repartition(3)
        scan = scan_dataframe(frame, config=load_config(project / "promptguard.toml"))
        assert scan.findings.count() > 50
        scan.unpersist()
    finally:
        done.set()
        watcher.join()
    assert seen, "the watcher saw none of Spark's own loopback connections"
    assert all(ipaddress.ip_address(host).is_loopback for host in seen), seen
    assert not net_log.exists() or net_log.read_text(encoding="utf-8") == ""


def test_command_runs_with_networking_disabled(project, tmp_path):
    """In a network namespace with only a loopback interface, the whole job still runs."""
    probe = (
        subprocess.run(
            ["unshare", "-rn", "sh", "-c", "ip link set lo up"], capture_output=True, timeout=30
        )
        if shutil.which("unshare") and shutil.which("ip")
        else None
    )
    if probe is None or probe.returncode != 0:
        pytest.skip("no network namespaces here (unshare -rn and ip are needed)")
    out = tmp_path / "audit"
    command = (
        "ip link set lo up && exec "
        f"{sys.executable} -m promptguard.spark {project / 'logs' / 'requests.csv'} {out} "
        "--master 'local[1]'"
    )
    result = subprocess.run(
        ["unshare", "-rn", "sh", "-c", command],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=project,
        env={**os.environ, "PROMPTGUARD_CONFIG": str(project / "promptguard.toml")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["findings"] > 5 and summary["errors"] == 0
