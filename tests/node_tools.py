"""Node packages the format tests use as oracles, installed on first use into a cache folder.

argmap never needs Node at run time; tests that check its Argdown with Argdown's own parser, or
render its Mermaid with mermaid.js, install those packages with npm into ARGMAP_NODE_CACHE
(default ~/.cache/argmap-tests/node), never into the repository. Without `node` and `npm`
they skip, saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("ARGMAP_NODE_CACHE", Path.home() / ".cache" / "argmap-tests" / "node"))
ARGDOWN_CLI = "@argdown/cli@1.7.5"
MERMAID = "mermaid@11"


def node_package(spec: str, binary: str | None = None) -> Path:
    """The folder `npm install --prefix` put `spec` in (installing it if needed); skips without Node."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed (apt-get install -y nodejs npm)")
    name = spec.rsplit("@", 1)[0] if spec.count("@") > (1 if spec.startswith("@") else 0) else spec
    prefix = CACHE / name.replace("/", "+")
    installed = prefix / "node_modules" / name / "package.json"
    if not installed.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), spec],
                              capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, f"npm install {spec} failed:\n{done.stderr[-2000:]}"
    if binary is not None:
        return prefix / "node_modules" / ".bin" / binary
    return prefix / "node_modules" / name
