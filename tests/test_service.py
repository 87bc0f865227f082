"""`promptguard serve`: a real uvicorn server on 127.0.0.1 and a real HTTP client."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

import httpx
import pytest
from live_server import CrashingAnalyzer, serving

from promptguard.config.load import Config, Tool
from promptguard.pipeline.checking import Checker
from promptguard.pipeline.scanner import Scanner
from promptguard.service.app import create_app
from promptguard.service.core import CheckService

PHONE = "+1 415 555 0143"
CLEAN = "A moody rooftop at dusk, rain, neon signs, wide lens."
TOKEN = "s3cret-token-for-tests"


def make_config(root: Path) -> Config:
    config = Config(root=root)
    config.tools["studio-gpt"] = Tool(id="studio-gpt", enterprise=True, name="Studio GPT")
    return config


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> CheckService:
    return CheckService(make_config(tmp_path_factory.mktemp("service")))


@pytest.fixture(scope="module")
def base_url(service: CheckService) -> str:
    with serving(create_app(service.config, service=service)) as url:
        yield url


def test_healthz_reports_warm_models(base_url: str) -> None:
    reply = httpx.get(f"{base_url}/healthz")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "ok"
    assert "en" in body["models_loaded"]  # loaded at start-up, before the first check
    assert "personal_data" in body["analyzers"]


def test_check_allows_a_clean_moodboard_prompt(base_url: str) -> None:
    reply = httpx.post(
        f"{base_url}/v1/check", json={"prompt": CLEAN, "tool": "midjourney", "purpose": "moodboard"}
    )
    assert reply.status_code == 200
    assert reply.json()["decision"] == "allow"
    assert reply.headers["x-promptguard-decision"] == "allow"


def test_check_blocks_personal_data_for_a_non_enterprise_tool(base_url: str) -> None:
    body = {"text": f"Call the gaffer on {PHONE}", "tool": "midjourney", "purpose": "ideation"}
    reply = httpx.post(f"{base_url}/v1/check", json=body)
    assert reply.status_code == 200
    data = reply.json()
    assert data["decision"] == "block"
    assert [f["type"] for f in data["findings"]] == ["PHONE_NUMBER"]
    assert PHONE not in reply.text  # the value is never echoed back


def test_check_needs_clearance_on_an_enterprise_tool(base_url: str) -> None:
    body = {"prompt": f"Call the gaffer on {PHONE}", "tool": "studio-gpt", "purpose": "temp"}
    data = httpx.post(f"{base_url}/v1/check", json=body).json()
    assert data["decision"] == "clearance"
    assert data["request_id"] and data["request_id"] in data["next_step"]


def test_same_json_as_check_command(base_url: str, service: CheckService, tmp_path: Path) -> None:
    body = {"prompt": f"Call the gaffer on {PHONE}", "tool": "midjourney", "purpose": "ideation"}
    served = httpx.post(f"{base_url}/v1/check", json=body).json()
    code = "from promptguard.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "check", "--tool", "midjourney", "--purpose", "ideation",
         "--format", "json", "--no-record"],
        input=body["prompt"], capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout) == served


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        (b"not json", 400, "JSON"),
        (b"[1, 2]", 400, "object"),
        (b'{"tool": "midjourney"}', 400, "prompt"),
        (b'{"prompt": "x", "purpose": "sequel"}', 400, "purpose"),
        (b'{"prompt": "x", "tool": 3}', 400, "tool"),
    ],
)
def test_bad_requests_get_a_clear_400(base_url: str, payload: bytes, status: int, needle: str):
    reply = httpx.post(
        f"{base_url}/v1/check", content=payload, headers={"Content-Type": "application/json"}
    )
    assert reply.status_code == status
    assert needle in reply.json()["error"]


def test_openapi_and_docs(base_url: str) -> None:
    schema = httpx.get(f"{base_url}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/v1/check" in schema["paths"] and "/healthz" in schema["paths"]
    page = httpx.get(f"{base_url}/docs")
    assert page.status_code == 200 and "/v1/check" in page.text
    assert "https://" not in page.text  # self-contained: no CDN


def test_bearer_token(service: CheckService) -> None:
    with serving(create_app(service.config, service=service, token=TOKEN, warm=False)) as url:
        body = {"prompt": CLEAN, "tool": "midjourney"}
        assert httpx.post(f"{url}/v1/check", json=body).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert httpx.post(f"{url}/v1/check", json=body, headers=wrong).status_code == 401
        right = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.post(f"{url}/v1/check", json=body, headers=right).status_code == 200
        assert httpx.get(f"{url}/healthz").status_code == 200


def test_scanner_failure_fails_closed(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    broken = CheckService(
        config, Checker(config, Scanner(config, analyzers=[CrashingAnalyzer(config)]))
    )
    with serving(create_app(config, service=broken)) as url:
        reply = httpx.post(f"{url}/v1/check", json={"prompt": CLEAN, "tool": "midjourney"})
    assert reply.status_code == 503
    assert reply.json()["decision"] == "block"
    assert "simulated analyzer crash" in reply.json()["next_step"]


def test_latency_p50_p99(base_url: str) -> None:
    """Warm service: the figures README quotes (printed with -s)."""
    prompts = [
        CLEAN,
        f"Call the gaffer on {PHONE}",
        "Jane Doe walks along the harbour at dawn, 35mm, soft light.",
        "Une ruelle pavée sous la pluie, lumière de néon, plan large.",
    ]
    timings = []
    with httpx.Client() as client:
        for index in range(80):
            body = {"prompt": prompts[index % len(prompts)], "tool": "midjourney"}
            started = time.perf_counter()
            assert client.post(f"{base_url}/v1/check", json=body).status_code == 200
            timings.append(time.perf_counter() - started)
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99) - 1]
    print(f"\nservice latency: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    assert p50 < 0.5


def test_a_one_language_service_warms_only_that_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from promptguard.analyzers.intents import base as intents
    from promptguard.analyzers.intents import key_documents

    monkeypatch.setattr(intents.IntentAnalyzer, "_compiled", {})  # as in a new process
    monkeypatch.setattr(key_documents, "_RESOURCES", {})
    config = make_config(tmp_path)
    config.languages = ["en"]
    service = CheckService(config)
    service.warm()
    assert service.checker.scanner.models.loaded_languages() == ["en"]
    # The intent rules' Matchers too, which ordinary prompts never build: no request pays.
    built = {
        key: compiled.has_matcher for key, compiled in intents.IntentAnalyzer._compiled.items()
    }
    assert len(built) == 3 and all(built.values()) and {lang for _, lang in built} == {"en"}


def _vocabulary_sizes(service: CheckService) -> dict[str, int]:
    from promptguard.analyzers.intents import key_documents
    from promptguard.nlp import models as nlp

    scanner = service.checker.scanner
    assert scanner is not None
    sizes = {f"model {p.lang}": len(p.vocab.strings) for p in scanner.models.loaded_pipelines()}
    sizes |= {f"tokenizer {lang}": len(p.vocab.strings) for lang, p in nlp._blanks.items()}
    sizes |= {
        f"intent keys {lang}": len(r.vocab.strings)
        for lang, r in key_documents._RESOURCES.items()
        if r.has_key_tables
    }
    return sizes


def _distinct_prompts(count: int) -> list[str]:
    """Prompts full of words spaCy has never seen: invented names, numbers, addresses, and
    a deepfake request so the intent rules' key docs are built too."""
    return [
        f"Deepfake of Zorblax{i} Quuxington{i} reading the news, then call Dr Vexmor{i} on "
        f"+1 415 555 01{i % 100:02d} or mail vex{i}@krellfield{i}.example, 4{i} Ombrage "
        f"Street. Ensuite, appelez Mme Plouvignac{i} au 06 12 34 {i % 100:02d} 78."
        for i in range(count)
    ]


def test_checks_of_distinct_prompts_leave_no_new_words_in_memory(
    service: CheckService,
) -> None:
    """spaCy keeps every new word for the life of the process; a service checking distinct
    prompts would grow for ever. A check forgets the words it brought (spaCy memory
    zones), and finds exactly what a plain scan of the same prompt finds."""
    service.warm()
    service.check(_distinct_prompts(1)[0], "midjourney", None, record=False)
    before = _vocabulary_sizes(service)
    # the blank tokenizer is only there if an earlier test of this process loaded it
    assert {"model en", "intent keys en"} <= set(before)
    prompts = _distinct_prompts(40)[1:]
    decisions = [service.check(p, "midjourney", None, record=False) for p in prompts]
    assert _vocabulary_sizes(service) == before
    scanner = service.checker.scanner
    assert scanner is not None
    for prompt, decision in zip(prompts, decisions, strict=True):
        found = [action.finding for action in decision.findings]
        assert found == scanner.scan_text(prompt)
        assert {f.category for f in found} >= {"personal_data", "talent_likeness"}
    # the plain scan above, outside any zone, keeps the words: what the check avoided
    assert _vocabulary_sizes(service)["model en"] > before["model en"]


class _ThreadRecorder(CrashingAnalyzer):
    """Finds nothing; notes the thread each scan ran on."""

    name = "thread_recorder"
    threads: ClassVar[set[str]] = set()

    def analyze(self, text):  # noqa: ANN001, ANN201
        self.threads.add(threading.current_thread().name)
        return []


def test_concurrent_requests_are_scanned_on_one_thread(tmp_path: Path) -> None:
    """Scans run one at a time (spaCy and Presidio are not thread-safe), on a single thread:
    spread over a thread pool, each thread kept its own malloc arena and the service's
    memory crept up with every thread that had ever scanned."""
    config = make_config(tmp_path)
    service = CheckService(config, Checker(config, Scanner(config, [_ThreadRecorder(config)])))
    with serving(create_app(config, service=service)) as url:

        def send(index: int) -> int:
            body = {"prompt": f"A lighthouse at dusk, take {index}", "tool": "midjourney"}
            return httpx.post(f"{url}/v1/check", json=body, timeout=30).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(send, range(40)))
    assert statuses == [200] * 40
    assert len(_ThreadRecorder.threads) == 1, _ThreadRecorder.threads
