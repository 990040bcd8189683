"""`argmap serve`'s routes without a browser: what it serves, what it refuses, and that it only reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import minimal_map
from starlette.testclient import TestClient

from argmap.serve.live import LiveMap
from argmap.serve.server import create_app, listen, url_of


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    path = tmp_path / "map.yaml"
    path.write_text(minimal_map(), encoding="utf-8")
    (tmp_path / "secret.txt").write_text("not for the browser", encoding="utf-8")
    live = LiveMap(path)
    live.reload()
    with TestClient(create_app(live), base_url="http://127.0.0.1") as test_client:
        yield test_client, path


def test_serves_the_live_page_and_its_state(client: tuple[TestClient, Path]) -> None:
    test_client, _ = client
    page = test_client.get("/")
    assert page.status_code == 200 and '"live":true' in page.text and "connect-src 'self'" in page.text
    state = test_client.get("/api/state").json()
    assert state["ok"] and state["problems"] == [] and state["data"]["question"]["id"] == "strikes-lawful"


@pytest.mark.parametrize("url", ["/map.yaml", "/secret.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/static/x"])
def test_serves_nothing_from_disk(client: tuple[TestClient, Path], url: str) -> None:
    test_client, _ = client
    response = test_client.get(url)
    assert response.status_code == 404
    assert "not for the browser" not in response.text


def test_refuses_other_hosts_and_bad_what_ifs(client: tuple[TestClient, Path]) -> None:
    test_client, _ = client
    assert test_client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert test_client.post("/api/evaluate", content=b"not json").status_code == 400
    assert test_client.post("/api/evaluate", json={"reject": "knefel"}).status_code == 400
    assert test_client.post("/api/evaluate", json={"standard": "vibes"}).status_code == 400
    unknown = test_client.post("/api/evaluate", json={"reject": ["nobody"]}).json()
    assert "nobody" in unknown["error"]
    assert test_client.post("/api/explain", json={"id": "nobody"}).json() == {"lines": []}


def test_a_broken_save_keeps_the_last_good_state_with_positioned_problems(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    good = minimal_map()
    path.write_text(good, encoding="utf-8")
    live = LiveMap(path)
    live.reload()
    first = live.snapshot()
    path.write_text(good.replace("framework:", "framework: [", 1), encoding="utf-8")
    live.reload()
    broken = live.snapshot()
    assert not broken["ok"] and broken["version"] == first["version"] + 1
    assert broken["data"] == first["data"] and broken["diagrams"] == first["diagrams"]
    assert any(f"{path}:" in problem and "E003" in problem for problem in broken["problems"])
    path.write_text(good, encoding="utf-8")
    live.reload()
    assert live.snapshot()["ok"]
    assert path.read_text(encoding="utf-8") == good


def test_listen_picks_a_free_port_and_says_when_it_cannot(tmp_path: Path) -> None:
    from argmap.serve.server import ServeError

    sock = listen("127.0.0.1", 0)
    try:
        url = url_of(sock)
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0/")
        with pytest.raises(ServeError, match="cannot listen"):
            listen("127.0.0.1", sock.getsockname()[1])
    finally:
        sock.close()


def test_serve_command_says_when_the_port_is_taken(tmp_path: Path) -> None:
    from conftest import run_cli

    path = tmp_path / "map.yaml"
    path.write_text(minimal_map(), encoding="utf-8")
    busy = listen("127.0.0.1", 0)
    try:
        result = run_cli(["serve", str(path), "--port", str(busy.getsockname()[1])])
    finally:
        busy.close()
    assert result.exit_code == 2
    assert "cannot listen on 127.0.0.1:" in result.output
