#!/usr/bin/env python3
"""Rewrites the StatefulSet for `podman kube play`, which runs Deployments but ignores
StatefulSets, Services and Namespaces (TOOLING: Kubernetes and Guix checks).

    kube_play.py IMAGE HTTP_PORT METRICS_PORT [DIR] > play.yaml

The result: the ConfigMap; one PersistentVolumeClaim per claim template; and the pod
template as a one-replica Deployment with the image replaced, host ports on 127.0.0.1
only, and the Secret references left out (podman cannot read a Secret object for them).
Everything else (security contexts, probes, mounts, environment) is kept as written.
"""
from __future__ import annotations

import pathlib
import sys

import yaml


def main() -> int:
    image, http_port, metrics_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    root = pathlib.Path(sys.argv[4] if len(sys.argv) > 4 else "deploy/kubernetes")
    sts = yaml.safe_load((root / "statefulset.yaml").read_text())
    configmap = yaml.safe_load((root / "configmap.yaml").read_text())
    docs: list[dict] = [configmap]

    pod = sts["spec"]["template"]
    for claim in sts["spec"].get("volumeClaimTemplates", []):
        name = f"{sts['metadata']['name']}-{claim['metadata']['name']}"
        docs.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                     "metadata": {"name": name, "namespace": sts["metadata"]["namespace"]},
                     "spec": claim["spec"]})
        pod["spec"].setdefault("volumes", []).append(
            {"name": claim["metadata"]["name"], "persistentVolumeClaim": {"claimName": name}})
    host_ports = {"http": http_port, "metrics": metrics_port}
    for c in pod["spec"]["containers"]:
        c["image"] = image
        c["imagePullPolicy"] = "Never"
        c["env"] = [e for e in c.get("env", []) if "secretKeyRef" not in e.get("valueFrom", {})]
        for p in c.get("ports", []):
            p["hostIP"] = "127.0.0.1"
            p["hostPort"] = host_ports[p["name"]]
    docs.append({"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": sts["metadata"]["name"],
                              "namespace": sts["metadata"]["namespace"],
                              "labels": sts["metadata"].get("labels", {})},
                 "spec": {"replicas": 1, "selector": sts["spec"]["selector"], "template": pod}})
    yaml.safe_dump_all(docs, sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
