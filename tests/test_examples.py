"""The ComfyUI node and the Blender add-on, exercised without ComfyUI or Blender."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import free_port, serving

from promptguard.config.load import Config, Tool
from promptguard.service.app import create_app
from promptguard.service.core import CheckService

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PHONE = "+1 415 555 0143"
CLEAN = "A moody rooftop at dusk, rain, neon signs, wide lens."
LEAK = f"Poster of the gaffer with his number {PHONE}"


@pytest.fixture(scope="module")
def examples() -> Iterator[None]:
    sys.path.insert(0, str(EXAMPLES))
    yield
    sys.path.remove(str(EXAMPLES))


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    config = Config(root=tmp_path_factory.mktemp("examples"))
    config.tools["studio-gpt"] = Tool(id="studio-gpt", enterprise=True)
    return config


@pytest.fixture(scope="module")
def service_url(config: Config) -> Iterator[str]:
    with serving(create_app(config, service=CheckService(config))) as url:
        yield url


@pytest.fixture()
def comfy(examples: None, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.delenv("PROMPTGUARD_URL", raising=False)
    monkeypatch.delenv("PROMPTGUARD_TOKEN", raising=False)
    return importlib.import_module("comfyui_promptguard")


def test_comfyui_node_declares_what_comfyui_reads(comfy) -> None:  # noqa: ANN001
    node = comfy.NODE_CLASS_MAPPINGS["PromptGuardCheck"]
    inputs = node.INPUT_TYPES()
    assert inputs["required"]["prompt"][0] == "STRING"
    assert "final" in inputs["required"]["purpose"][0]
    assert node.RETURN_TYPES == ("STRING",) and callable(getattr(node(), node.FUNCTION))


def test_comfyui_node_via_the_service(comfy, service_url: str, monkeypatch) -> None:  # noqa: ANN001
    node = comfy.PromptGuardCheck()
    assert node.check(CLEAN, "midjourney", "moodboard", service_url) == (CLEAN,)
    with pytest.raises(comfy.nodes.PromptBlocked, match="block") as blocked:
        node.check(LEAK, "midjourney", "moodboard", service_url)
    assert PHONE not in str(blocked.value)
    # Written approval needed is not a pass either; the URL may come from the environment.
    monkeypatch.setenv("PROMPTGUARD_URL", service_url)
    with pytest.raises(comfy.nodes.PromptBlocked, match="clearance"):
        node.check(LEAK, "studio-gpt", "moodboard")


def test_comfyui_node_via_the_python_api(comfy, monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)  # audit trail of the API call goes to a scratch folder
    node = comfy.PromptGuardCheck()
    assert node.check(CLEAN, "midjourney", "ideation") == (CLEAN,)
    with pytest.raises(comfy.nodes.PromptBlocked):
        node.check(LEAK, "midjourney", "ideation")


def test_comfyui_node_fails_closed_without_a_service(comfy) -> None:  # noqa: ANN001
    dead = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(comfy.nodes.PromptBlocked, match="not reachable"):
        comfy.PromptGuardCheck().check(CLEAN, "midjourney", "ideation", dead)


def test_blender_addon_imports_without_blender(examples: None) -> None:
    addon = importlib.import_module("blender_promptguard")
    assert addon.bpy is None
    assert addon.bl_info["name"] == "promptguard"
    with pytest.raises(RuntimeError, match="inside Blender"):
        addon.register()


def test_blender_guarded_send(examples: None, service_url: str) -> None:
    guard = importlib.import_module("blender_promptguard.guard")
    sent: list[str] = []
    result = guard.guarded_send(CLEAN, sent.append, tool="midjourney", url=service_url)
    assert result is None and sent == [CLEAN]
    with pytest.raises(guard.PromptNotAllowed) as refused:
        guard.guarded_send(LEAK, sent.append, tool="midjourney", url=service_url)
    assert refused.value.result.decision == "block" and sent == [CLEAN]
    cleared = guard.check_prompt(LEAK, tool="studio-gpt", purpose="temp", url=service_url)
    assert cleared.decision == "clearance" and cleared.request_id in cleared.message
    down = guard.check_prompt(CLEAN, tool="midjourney", url=f"http://127.0.0.1:{free_port()}")
    assert not down.allowed and "not reachable" in down.message
