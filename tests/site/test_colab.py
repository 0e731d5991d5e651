"""The path a Colab user takes, end to end: open a chapter alone, run its hidden setup cell, run the chapter.

The chapter is copied into an empty folder (Colab's working folder holds only the notebook) and executed by
nbclient in a fresh virtual environment that does not have the book's package. Its setup cell (tag
``colab-setup``, written by ``make notebooks`` from ``repository.url`` in ``_config.yml``) then clones the
repository and installs the package with pip, exactly as on Colab, except that the repository URL is replaced
by a local clone of this repository, so no network is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = Path("chapters") / "introduction.ipynb"
SETUP_TAG = "colab-setup"

RUNNER = """\
import sys
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(nb, sys.argv[3])
"""


def git(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=120)


def fresh_venv(where: Path) -> Path:
    """A new virtual environment with the book's requirements but not the book's package.

    Colab comes with pandas, matplotlib, Jupyter and pip, and the setup cell installs only the book's package.
    Installing the requirements into the new environment would need the network, so the environment sees the
    packages of the environment running the tests through a path line in a ``.pth`` file instead (the effect of
    ``--system-site-packages`` on top of a Python that has the requirements: ``venv`` would take the *base*
    interpreter's site-packages, not this environment's). A path line adds that folder to ``sys.path`` without
    running the ``.pth`` files in it, so the editable install of ``cuproptosis_book`` there stays invisible.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    (Path(own) / "book-requirements.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def offline_env(jupyter_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PIP_") and k not in {"PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH"}
    }
    env.update(
        {
            "PIP_CONFIG_FILE": os.devnull,  # no machine-wide pip settings
            "PIP_NO_INDEX": "1",  # the package's dependencies are already there: no index is needed
            # Colab builds the package in an isolated environment with setuptools fetched from the index; offline,
            # pip builds it with the setuptools already installed (this value turns build isolation off).
            "PIP_NO_BUILD_ISOLATION": "0",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "JUPYTER_PATH": str(jupyter_path),
        }
    )
    return env


def test_a_chapter_runs_in_a_fresh_environment_after_its_colab_setup_cell(tmp_path: Path) -> None:
    assert shutil.which("git"), "git is needed: the setup cell clones the repository"
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]

    # The repository the setup cell clones: a clone of this one, with the branch the config names.
    origin = tmp_path / "origin"
    git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(origin))
    git("checkout", "--quiet", "-B", config["branch"], cwd=origin)

    # The notebook as a Colab user opens it, with the repository URL pointed at the local clone.
    nb = json.loads((origin / CHAPTER).read_text(encoding="utf-8"))
    (setup,) = [c for c in nb["cells"] if SETUP_TAG in c["metadata"].get("tags", [])]
    source = "".join(setup["source"])
    assert source.count(f'REPO = "{config["url"]}"') == 1, "the setup cell clones repository.url"
    setup["source"] = source.replace(config["url"], origin.as_uri())
    probe = "import cuproptosis_book, sys\nprint(cuproptosis_book.__file__)\nprint(sys.executable)"
    nb["cells"].append(
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "colab-probe",
            "metadata": {},
            "outputs": [],
            "source": probe,
        }
    )
    content = tmp_path / "content"
    content.mkdir()
    opened = content / CHAPTER.name
    opened.write_text(json.dumps(nb), encoding="utf-8")

    python = fresh_venv(tmp_path / "venv")
    kernels = tmp_path / "jupyter" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    env = offline_env(tmp_path / "jupyter")

    before = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('cuproptosis_book'))"],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert before.stdout.strip() == "None", "the fresh environment must not have the book's package yet"

    runner = tmp_path / "run_notebook.py"
    runner.write_text(RUNNER, encoding="utf-8")
    executed = tmp_path / "executed.ipynb"
    result = subprocess.run(
        [str(python), str(runner), str(opened), str(content), str(executed)],
        cwd=content,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]

    out = json.loads(executed.read_text(encoding="utf-8"))
    code = [c for c in out["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] is not None for c in code)
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    printed = "".join("".join(o.get("text", [])) for o in code[-1]["outputs"]).split()
    clone = content / "cuproptosis-book"
    assert Path(printed[0]).resolve() == (clone / "cuproptosis_book" / "__init__.py").resolve()
    assert Path(printed[1]) == python
    # pip installed the package into the fresh environment, editable from the clone
    shown = subprocess.run(
        [str(python), "-m", "pip", "show", "cuproptosis-book"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert f"Editable project location: {clone}" in shown.stdout
    # The chapter's own outputs were computed: the data summary and the entity counts are not empty.
    assert all(c["outputs"] for c in code if SETUP_TAG not in c["metadata"].get("tags", []))
