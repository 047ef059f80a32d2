"""Self-test of xref.py: every deliberate break of a copy of the manifests is caught."""
from __future__ import annotations

import pathlib
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import xref  # noqa: E402

MANIFESTS = pathlib.Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"

# (what is broken, file, text replaced, replacement, a problem xref.py must report)
BREAKS = [
    ("probe port", "statefulset.yaml", "path: /health\n              port: http",
     "path: /health\n              port: htp", "'htp' is not a container port"),
    ("serviceName", "statefulset.yaml", "serviceName: eclexia-headless",
     "serviceName: eclexia-headles", "no Service named"),
    ("headless Service", "service.yaml", "clusterIP: None", "clusterIP: 10.0.0.1", "not headless"),
    ("volume mount", "statefulset.yaml", "- name: shadow-prices\n              mountPath",
     "- name: shadow-price\n              mountPath", "'shadow-price' is neither"),
    ("Secret key", "secret.yaml", "WATTTIME_PASSWORD:", "WATTTIME_PASS:",
     "has no key 'WATTTIME_PASSWORD'"),
    ("ConfigMap key", "configmap.yaml", "carbon-config.toml: |", "carbon.toml: |",
     "has no key 'carbon-config.toml'"),
    ("PDB selector", "pdb.yaml", "      app.kubernetes.io/instance: eclexia\n",
     "      app.kubernetes.io/instance: other\n", "does not select the pods"),
    ("Service targetPort", "service.yaml", "targetPort: metrics", "targetPort: 9091",
     "targetPort 9091 is not a container port"),
    ("security context", "statefulset.yaml", "readOnlyRootFilesystem: true",
     "readOnlyRootFilesystem: false", "readOnlyRootFilesystem is not true"),
    ("kustomization", "kustomization.yaml", "  - pdb.yaml\n", "", "pdb.yaml is not in resources"),
]


class BreaksAreCaught(unittest.TestCase):
    def problems_after(self, file: str, old: str, new: str) -> list[str]:
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            for f in MANIFESTS.glob("*.yaml"):
                shutil.copy(f, root / f.name)
            text = (root / file).read_text()
            self.assertIn(old, text, f"{file} no longer contains {old!r}")
            (root / file).write_text(text.replace(old, new, 1))
            return xref.Checker(root).run()

    def test_each_break_is_reported(self) -> None:
        for what, file, old, new, expect in BREAKS:
            with self.subTest(what):
                problems = self.problems_after(file, old, new)
                self.assertTrue(any(expect in p for p in problems), f"{expect!r} not in {problems}")
