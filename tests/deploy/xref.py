#!/usr/bin/env python3
"""Cross-reference check of deploy/kubernetes: what schemas cannot see.

Schemas validate each object alone; this checks that the objects agree with each other
and with the sidecar: selectors and labels, volume mounts against volumes and claim
templates, ConfigMap and Secret names and keys, probe and Service ports against container
ports, the StatefulSet's serviceName against a headless Service, the environment against
the mounts, the restricted Pod Security settings, and the kustomization's resource list.

    xref.py [DIR]       exit 0 when consistent; otherwise one line per problem, exit 1
"""
from __future__ import annotations

import pathlib
import sys

import yaml

CONFIG_FILES = {"resource-budgets.toml", "carbon-config.toml", "adaptive-config.toml"}
SECRET_KEYS = {"ELECTRICITYMAPS_API_KEY", "WATTTIME_USERNAME", "WATTTIME_PASSWORD",
               "ECLEXIA_API_TOKEN"}
OPTIONAL = {"servicemonitor.yaml"}  # needs the Prometheus Operator's CRDs


def is_port(port: object, ports: list[dict]) -> bool:
    """A port given by name or number is one of `ports` (container port entries)."""
    return any(port in (p.get("name"), p["containerPort"]) for p in ports)


class Checker:
    def __init__(self, root: pathlib.Path) -> None:
        self.root = root
        self.problems: list[str] = []
        self.objects: list[tuple[str, dict]] = []
        for path in sorted(root.glob("*.yaml")):
            for doc in yaml.safe_load_all(path.read_text()):
                if doc:
                    self.objects.append((path.name, doc))

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def of_kind(self, kind: str) -> list[tuple[str, dict]]:
        return [(f, o) for f, o in self.objects if o.get("kind") == kind]

    def named(self, kind: str, name: str) -> dict | None:
        for _, o in self.of_kind(kind):
            if o["metadata"]["name"] == name:
                return o
        return None

    def file_of(self, obj: dict) -> str:
        return next(f for f, o in self.objects if o is obj)

    @staticmethod
    def where(file: str, obj: dict, path: str = "") -> str:
        return f"{file} {obj.get('kind')}/{obj.get('metadata', {}).get('name')}{path}"

    def run(self) -> list[str]:
        self.labels_and_namespaces()
        for file, sts in self.of_kind("StatefulSet"):
            self.statefulset(file, sts)
        self.kustomization()
        if not self.of_kind("StatefulSet"):
            self.fail(str(self.root), "no StatefulSet")
        return self.problems

    def labels_and_namespaces(self) -> None:
        namespaces = {o["metadata"]["name"] for _, o in self.of_kind("Namespace")}
        for file, o in self.objects:
            if o.get("kind") == "Kustomization":
                continue
            meta = o.get("metadata", {})
            labels = meta.get("labels", {})
            for key in ("app.kubernetes.io/name", "app.kubernetes.io/part-of"):
                if key not in labels:
                    self.fail(self.where(file, o), f"label {key} missing")
            if o["kind"] != "Namespace" and meta.get("namespace") not in namespaces:
                self.fail(self.where(file, o),
                          f"namespace {meta.get('namespace')!r} is not one of the manifests'")

    def selects(self, selector: dict, labels: dict) -> bool:
        return bool(selector) and all(labels.get(k) == v for k, v in selector.items())

    def statefulset(self, file: str, sts: dict) -> None:
        w = lambda path="": self.where(file, sts, path)  # noqa: E731
        spec = sts["spec"]
        tmpl = spec["template"]
        pod_labels = tmpl["metadata"].get("labels", {})
        selector = spec["selector"].get("matchLabels", {})
        if not self.selects(selector, pod_labels):
            self.fail(w(".spec.selector"), "does not select the pod template's labels")
        pod = tmpl["spec"]

        # serviceName: a headless Service selecting these pods.
        svc = self.named("Service", spec.get("serviceName", ""))
        if svc is None:
            self.fail(w(".spec.serviceName"), f"no Service named {spec.get('serviceName')!r}")
        elif svc["spec"].get("clusterIP") != "None":
            self.fail(w(".spec.serviceName"), f"Service {svc['metadata']['name']} is not headless")

        # Services, PodDisruptionBudgets, NetworkPolicies and the ServiceAccount.
        services = [(f, s) for f, s in self.of_kind("Service")
                    if self.selects(s["spec"].get("selector", {}), pod_labels)]
        if not services:
            self.fail(w(), "no Service selects its pods")
        for f, pdb in self.of_kind("PodDisruptionBudget"):
            if not self.selects(pdb["spec"]["selector"].get("matchLabels", {}), pod_labels):
                self.fail(self.where(f, pdb, ".spec.selector"), "does not select the pods")
        sa = pod.get("serviceAccountName")
        sa_obj = self.named("ServiceAccount", sa) if sa else None
        if sa and sa_obj is None:
            self.fail(w(".spec.template.spec.serviceAccountName"), f"no ServiceAccount {sa!r}")
        if pod.get("automountServiceAccountToken") is not False and (
                sa_obj is None or sa_obj.get("automountServiceAccountToken") is not False):
            self.fail(w(), "the service account token is mounted")

        # Pod security: the restricted profile.
        psc = pod.get("securityContext", {})
        for key, want in (("runAsNonRoot", True), ("runAsUser", 1000), ("runAsGroup", 1000),
                          ("fsGroup", 1000)):
            if psc.get(key) != want:
                self.fail(w(".spec.template.spec.securityContext"), f"{key} is not {want}")
        if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            self.fail(w(".spec.template.spec.securityContext"), "seccompProfile is not RuntimeDefault")

        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        claims = {c["metadata"]["name"] for c in spec.get("volumeClaimTemplates", [])}
        for name in set(volumes) & claims:
            self.fail(w(), f"{name!r} is both a volume and a claim template")
        # Ports other objects name must be ports of some container of the pod.
        pod_ports = [p for c in pod["containers"] for p in c.get("ports", [])]
        self.ports_are_served(pod_ports, pod_labels, services)
        used: set[str] = set()
        for i, c in enumerate(pod["containers"]):
            cw = lambda path="", i=i: w(f".spec.template.spec.containers[{i}]{path}")  # noqa: E731
            ports = c.get("ports", [])
            sc = c.get("securityContext", {})
            if sc.get("allowPrivilegeEscalation") is not False:
                self.fail(cw(".securityContext"), "allowPrivilegeEscalation is not false")
            if sc.get("readOnlyRootFilesystem") is not True:
                self.fail(cw(".securityContext"), "readOnlyRootFilesystem is not true")
            if sc.get("capabilities", {}).get("drop") != ["ALL"]:
                self.fail(cw(".securityContext"), "capabilities.drop is not [ALL]")
            want = {"livenessProbe": "/health", "readinessProbe": "/ready"}
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                p = c.get(probe)
                if p is None:
                    self.fail(cw(), f"no {probe}")
                    continue
                get = p.get("httpGet", {})
                if not is_port(get.get("port"), ports):
                    self.fail(cw(f".{probe}"), f"port {get.get('port')!r} is not a container port")
                if probe in want and get.get("path") != want[probe]:
                    self.fail(cw(f".{probe}"), f"path is not {want[probe]}")
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            for m in c.get("volumeMounts", []):
                used.add(m["name"])
                if m["name"] not in volumes and m["name"] not in claims:
                    self.fail(cw(".volumeMounts"),
                              f"{m['name']!r} is neither a volume nor a claim template")

            env = {e["name"]: e for e in c.get("env", [])}
            for e in env.values():
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    secret = self.named("Secret", ref["name"])
                    if secret is None:
                        self.fail(cw(".env"), f"{e['name']}: no Secret {ref['name']!r}")
                    elif ref["key"] not in {**secret.get("data", {}), **secret.get("stringData", {})}:
                        self.fail(cw(".env"), f"{e['name']}: Secret {ref['name']} has no key {ref['key']!r}")
                ref = e.get("valueFrom", {}).get("configMapKeyRef")
                if ref:
                    cm = self.named("ConfigMap", ref["name"])
                    if cm is None or ref["key"] not in cm.get("data", {}):
                        self.fail(cw(".env"), f"{e['name']}: no ConfigMap key {ref['name']}/{ref['key']}")
            for key in SECRET_KEYS - set(env):
                self.fail(cw(".env"), f"the secret key {key} is not passed")
            value = lambda name: env.get(name, {}).get("value")  # noqa: E731
            for name in ("ECLEXIA_CONFIG_DIR", "ECLEXIA_DATA_DIR", "ECLEXIA_STDLIB_PATH"):
                if value(name) is None:
                    self.fail(cw(".env"), f"{name} is not set")
            config_dir, data_dir = value("ECLEXIA_CONFIG_DIR"), value("ECLEXIA_DATA_DIR")
            cfg_volume = volumes.get(mounts.get(config_dir, ""), {})
            if "configMap" not in cfg_volume:
                self.fail(cw(".volumeMounts"), f"no ConfigMap volume at ECLEXIA_CONFIG_DIR {config_dir}")
            else:
                cm_name = cfg_volume["configMap"]["name"]
                cm = self.named("ConfigMap", cm_name)
                if cm is None:
                    self.fail(cw(".volumeMounts"), f"no ConfigMap {cm_name!r}")
                else:
                    data = set(cm.get("data", {}))
                    if data != CONFIG_FILES:
                        self.fail(self.where(self.file_of(cm), cm), f"keys {sorted(data)} are not {sorted(CONFIG_FILES)}")
                    for item in cfg_volume["configMap"].get("items", []):
                        if item["key"] not in data:
                            self.fail(w(".spec.template.spec.volumes"),
                                      f"ConfigMap {cm_name} has no key {item['key']!r}")
            for path, claim in ((data_dir, "data"), (f"{data_dir}/shadow-prices", "shadow-prices")):
                if mounts.get(path) != claim or claim not in claims:
                    self.fail(cw(".volumeMounts"), f"claim template {claim!r} is not mounted at {path}")
            if {"http", "metrics"} - {p.get("name") for p in ports}:
                self.fail(cw(".ports"), "ports http and metrics are not both declared")
        for name in set(volumes) | claims:
            if name not in used:
                self.fail(w(), f"volume or claim {name!r} is never mounted")

    def ports_are_served(self, pod_ports: list[dict], pod_labels: dict,
                         services: list[tuple[str, dict]]) -> None:
        """Service targetPorts, NetworkPolicy ingress ports and ServiceMonitor endpoints."""
        for f, s in services:
            for sp in s["spec"]["ports"]:
                tp = sp.get("targetPort", sp["port"])
                if not is_port(tp, pod_ports):
                    self.fail(self.where(f, s, ".spec.ports"), f"targetPort {tp!r} is not a container port")
        for f, np in self.of_kind("NetworkPolicy"):
            if not self.selects(np["spec"]["podSelector"].get("matchLabels", {}), pod_labels):
                self.fail(self.where(f, np, ".spec.podSelector"), "does not select the pods")
            for rule in np["spec"].get("ingress", []):
                for p in rule.get("ports", []):
                    if not is_port(p["port"], pod_ports):
                        self.fail(self.where(f, np, ".spec.ingress"),
                                  f"port {p['port']!r} is not a container port")
        for f, sm in self.of_kind("ServiceMonitor"):
            matched = [s for _, s in self.of_kind("Service")
                       if self.selects(sm["spec"]["selector"].get("matchLabels", {}),
                                       s["metadata"].get("labels", {}))]
            if not matched:
                self.fail(self.where(f, sm, ".spec.selector"), "selects no Service")
            for ep in sm["spec"].get("endpoints", []):
                if not any(ep.get("port") == p.get("name") for s in matched for p in s["spec"]["ports"]):
                    self.fail(self.where(f, sm, ".spec.endpoints"),
                              f"port {ep.get('port')!r} is not a port of the Service")

    def kustomization(self) -> None:
        ks = self.of_kind("Kustomization")
        if not ks:
            self.fail(str(self.root), "no kustomization.yaml")
            return
        file, k = ks[0]
        listed = set(k.get("resources", []))
        present = {p.name for p in self.root.glob("*.yaml")} - {"kustomization.yaml"}
        for missing in sorted(present - listed - OPTIONAL):
            self.fail(file, f"{missing} is not in resources")
        for extra in sorted(listed - present):
            self.fail(file, f"resource {extra} does not exist")
        for opt in sorted(OPTIONAL & listed):
            self.fail(file, f"{opt} is optional (needs CRDs) and must stay out of resources")


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "deploy/kubernetes")
    problems = Checker(root).run()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{root}: {len(problems)} cross-reference problem(s)", file=sys.stderr)
        return 1
    print(f"{root}: cross-references consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
