"""The GitHub Actions workflow (it cannot run here) is valid YAML with the jobs the README promises."""

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "site.yml"


def load():
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job):
    return [step.get("uses", "").split("@")[0] or step.get("run", "") for step in job["steps"]]


def test_workflow_tests_every_change_with_the_readme_command():
    wf = load()
    assert set(wf["on"]) >= {"push", "pull_request"} and wf["on"]["push"]["branches"] == ["main"]
    test = wf["jobs"]["test"]
    assert steps(test) == ["actions/checkout", "make test"]
    assert "make test" in (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_workflow_deploys_to_pages_from_main_after_the_tests():
    deploy = load()["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert steps(deploy) == ["actions/checkout", "actions/configure-pages", "make build",
                             "actions/upload-pages-artifact", "actions/deploy-pages"]
    build = next(s for s in deploy["steps"] if s.get("run") == "make build")
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"]
    upload = next(s for s in deploy["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    for job in load()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert "@v" in step["uses"], f"unpinned action {step['uses']}"
