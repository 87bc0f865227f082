"""`promptguard check` answered by a running service: found, fast, and the same answer.

A real uvicorn server on 127.0.0.1 and real `promptguard` processes; nothing is mocked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import serving

from promptguard.config.files import locate_state_dir
from promptguard.config.load import load_config
from promptguard.service.app import create_app
from promptguard.service.client import Endpoint, check_via_service
from promptguard.service.core import advertise_port_file

PROMPT = "Send the gaffer's notes to Tom Okafor on +1 415 555 0143 before wrap."
CONFIG = '[tools.studio-gpt]\nenterprise = true\nname = "Studio GPT"\n'


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("production")
    (folder / "promptguard.toml").write_text(CONFIG, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def base_url(project: Path) -> Iterator[str]:
    with serving(create_app(load_config(project / "promptguard.toml"))) as url:
        yield url


def clean_env(service: str | None) -> dict[str, str]:
    """This environment without promptguard's own variables, plus the service to use."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROMPTGUARD_")}
    if service is not None:
        env["PROMPTGUARD_SERVICE"] = service
    return env


def run_check(project: Path, args: list[str], service: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "promptguard", "check", *args], input=PROMPT,
        capture_output=True, text=True, cwd=project, env=clean_env(service), timeout=300,
    )  # fmt: skip


def test_check_through_the_service_prints_what_a_local_check_prints(
    project: Path, base_url: str
) -> None:
    args = ["--tool", "studio-gpt", "--purpose", "temp"]
    served = run_check(project, args, base_url)
    local = run_check(project, [*args, "--no-service"], "off")
    assert served.returncode == local.returncode == 3, served.stderr + local.stderr
    assert served.stdout == local.stdout
    assert "Studio GPT (enterprise)" in served.stdout  # the tool's name from the config
    assert "Okafor" not in served.stdout and "0143" not in served.stdout  # values masked


def test_json_through_the_service_names_the_tool(project: Path, base_url: str) -> None:
    done = run_check(project, ["--tool", "midjourney", "--format", "json"], base_url)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["decision"] == "block" and data["tool_name"] == "midjourney"
    assert {f["type"] for f in data["findings"]} >= {"PERSON", "PHONE_NUMBER"}


FAST_CHECK = (
    "import sys\n"
    "from promptguard.service.client import fast_check\n"
    "code = fast_check(['check', '--tool', 'midjourney', '--format', 'json'])\n"
    "heavy = sorted(m for m in ('spacy', 'presidio_analyzer', 'click', 'dataclasses')"
    " if m in sys.modules)\n"
    "sys.stderr.write(f'CODE={code} HEAVY={heavy}\\n')\n"
)


def run_fast_check(project: Path, service: str | None) -> str:
    """The service path alone: CODE=None means that no service answered."""
    done = subprocess.run(
        [sys.executable, "-c", FAST_CHECK], input=PROMPT, capture_output=True, text=True,
        cwd=project, env=clean_env(service), timeout=300,
    )  # fmt: skip
    return done.stderr


def test_the_service_path_stays_light(project: Path, base_url: str) -> None:
    """The whole point of the service: `check` must not import the models or even
    dataclasses (8 ms) when a service answers."""
    assert "CODE=1 HEAVY=[]" in run_fast_check(project, base_url)


def test_the_port_file_leads_check_to_the_service(project: Path, base_url: str) -> None:
    assert "CODE=None" in run_fast_check(project, service=None)  # nothing advertised yet
    port_file = advertise_port_file(load_config(project / "promptguard.toml"), base_url)
    assert port_file is not None
    try:
        assert "CODE=1 HEAVY=[]" in run_fast_check(project, service=None)
    finally:
        port_file.unlink()


def test_a_guessed_service_of_another_production_is_not_used(
    project: Path, base_url: str, tmp_path: Path
) -> None:
    """A service found by guessing (the default port) must serve our state folder."""
    ours = locate_state_dir(project / "promptguard.toml")
    answer = check_via_service(Endpoint(base_url, verify=True), ours, PROMPT, "sora", None)
    assert answer is not None and answer["decision"] == "block"
    other = tmp_path / ".promptguard"
    assert check_via_service(Endpoint(base_url, verify=True), other, PROMPT, "sora", None) is None


@pytest.mark.parametrize(
    ("file_name", "text"),
    [
        ("promptguard.toml", CONFIG),
        ("promptguard.toml", 'state_dir = "var/pg"\n'),
        ("promptguard.toml", 'state_dir = "/srv/pg-state"\n'),
        ("pyproject.toml", '[tool.promptguard]\nstate_dir = "state"\n'),
        (None, ""),
    ],
)
def test_locating_the_state_folder_agrees_with_the_full_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_name: str | None, text: str
) -> None:
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    if file_name:
        (tmp_path / file_name).write_text(text, encoding="utf-8")
    nested = tmp_path / "shots" / "ep2"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert locate_state_dir() == load_config().state_dir
