//! The Prometheus metrics of ARCHITECTURE §9, exposed on the metrics listener.
//!
//! Names follow Prometheus conventions (base units, `_total` on counters): the encoder
//! appends `_total` to counters, so they are registered without it. Market gauges (prices,
//! budgets, usage) are refreshed from the [`Market`] at scrape time, so they can never
//! disagree with `GET /v1/prices`.
//!
//! The registry encodes OpenMetrics, where a counter family is named without `_total`; the
//! endpoint serves the classic Prometheus text format instead (what `promtool check
//! metrics` lints and every scraper reads), in which HELP and TYPE carry the sample name:
//! [`to_prometheus_text`] does that renaming.

use std::sync::atomic::AtomicU64;

use eclexia_core::price::{Market, Resource};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// The content type of the Prometheus text exposition (format 0.0.4).
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

type FloatGauge = Gauge<f64, AtomicU64>;
type FloatCounter = Counter<f64, AtomicU64>;
type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResourceLabel {
    resource: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SelectionLabels {
    function: String,
    solution: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteCodeLabels {
    route: &'static str,
    code: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    route: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SourceLabel {
    source: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabel {
    version: &'static str,
}

/// Request latencies from 100 µs to 10 s: most answers take well under a millisecond,
/// a compile of a large body or a slow evaluation much longer.
fn duration_histogram() -> Histogram {
    Histogram::new([
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
        5.0, 10.0,
    ])
}

/// Counts selections of adaptive functions in `eclexia_adaptive_selections_total` (shares
/// the family registered in [`Metrics`]).
#[derive(Clone, Debug)]
pub struct SelectionCounter(Family<SelectionLabels, Counter>);

impl SelectionCounter {
    /// Counts one selection of `solution` by the adaptive function `function`.
    pub fn add(&self, function: &str, solution: &str) {
        self.0
            .get_or_create(&SelectionLabels {
                function: function.to_string(),
                solution: solution.to_string(),
            })
            .inc();
    }
}

/// Every metric of the sidecar and the registry that encodes them.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    shadow_price: Family<ResourceLabel, FloatGauge>,
    budget: Family<ResourceLabel, FloatGauge>,
    used: Family<ResourceLabel, FloatGauge>,
    energy: FloatCounter,
    carbon: FloatCounter,
    time: FloatCounter,
    selections: Family<SelectionLabels, Counter>,
    requests: Family<RouteCodeLabels, Counter>,
    durations: HistogramFamily<RouteLabel>,
    intensity: Family<SourceLabel, FloatGauge>,
    fetch_errors: Family<SourceLabel, Counter>,
}

impl Metrics {
    /// Registers every metric; `eclexia_build_info{version}` is set to 1 once.
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let m = Metrics {
            shadow_price: Family::default(),
            budget: Family::default(),
            used: Family::default(),
            energy: FloatCounter::default(),
            carbon: FloatCounter::default(),
            time: FloatCounter::default(),
            selections: Family::default(),
            requests: Family::default(),
            durations: Family::new_with_constructor(duration_histogram),
            intensity: Family::default(),
            fetch_errors: Family::default(),
            registry: Registry::default(),
        };
        registry.register(
            "eclexia_shadow_price",
            "Market shadow price per canonical unit of the resource (LANGUAGE 9.3)",
            m.shadow_price.clone(),
        );
        registry.register(
            "eclexia_resource_budget",
            "Budget of the resource for the current window, canonical units (absent when unlimited)",
            m.budget.clone(),
        );
        registry.register(
            "eclexia_resource_used",
            "Usage of the resource recorded in the current window, canonical units",
            m.used.clone(),
        );
        registry.register(
            "eclexia_energy_joules",
            "Energy recorded through POST /v1/usage, joules",
            m.energy.clone(),
        );
        registry.register(
            "eclexia_carbon_grams",
            "Carbon recorded through POST /v1/usage, grams CO2e",
            m.carbon.clone(),
        );
        registry.register(
            "eclexia_time_seconds",
            "Time recorded through POST /v1/usage, seconds",
            m.time.clone(),
        );
        registry.register(
            "eclexia_adaptive_selections",
            "Solutions selected by adaptive functions in evaluations",
            m.selections.clone(),
        );
        registry.register(
            "eclexia_http_requests",
            "HTTP requests answered by the API listener, by route and status code",
            m.requests.clone(),
        );
        registry.register(
            "eclexia_http_request_duration_seconds",
            "Time to answer an HTTP request on the API listener, seconds",
            m.durations.clone(),
        );
        registry.register(
            "eclexia_carbon_intensity_grams_per_kwh",
            "Grid carbon intensity in force, gCO2e/kWh, by the source that gave it",
            m.intensity.clone(),
        );
        registry.register(
            "eclexia_carbon_fetch_errors",
            "Failed carbon intensity fetches, by source",
            m.fetch_errors.clone(),
        );
        let build_info = Family::<VersionLabel, Gauge>::default();
        build_info
            .get_or_create(&VersionLabel {
                version: eclexia_core::VERSION,
            })
            .set(1);
        registry.register(
            "eclexia_build_info",
            "Always 1; the label carries the SDK version",
            build_info,
        );
        Metrics { registry, ..m }
    }

    /// Counts one answered request.
    pub fn observe_request(&self, route: &'static str, code: u16, seconds: f64) {
        self.requests
            .get_or_create(&RouteCodeLabels { route, code })
            .inc();
        self.durations
            .get_or_create(&RouteLabel { route })
            .observe(seconds);
    }

    /// Adds recorded usage to the running totals.
    pub fn add_usage(&self, amounts: &[f64; 6]) {
        self.energy.inc_by(amounts[Resource::Energy.index()]);
        self.carbon.inc_by(amounts[Resource::Carbon.index()]);
        self.time.inc_by(amounts[Resource::Time.index()]);
    }

    /// A handle on `eclexia_adaptive_selections_total` for the evaluator.
    pub fn selections(&self) -> SelectionCounter {
        SelectionCounter(self.selections.clone())
    }

    /// The carbon intensity in force; only its source keeps a sample.
    pub fn set_intensity(&self, source: &str, value: f64) {
        let label = SourceLabel {
            source: source.to_string(),
        };
        if self.intensity.get(&label).is_none() {
            self.intensity.clear();
        }
        self.intensity.get_or_create(&label).set(value);
    }

    /// Counts a failed fetch of `source`.
    pub fn add_fetch_error(&self, source: &str) {
        self.fetch_errors
            .get_or_create(&SourceLabel {
                source: source.to_string(),
            })
            .inc();
    }

    /// The text exposition, with market gauges read from `market` (absent while starting).
    pub fn encode(&self, market: Option<&Market>) -> String {
        if let Some(market) = market {
            for r in market.prices().resources {
                let Some(res) = Resource::from_name(&r.resource) else {
                    continue;
                };
                let label = ResourceLabel {
                    resource: res.name(),
                };
                self.shadow_price.get_or_create(&label).set(r.price);
                self.used.get_or_create(&label).set(r.used);
                match r.budget {
                    Some(b) => {
                        self.budget.get_or_create(&label).set(b);
                    }
                    None => {
                        self.budget.remove(&label);
                    }
                }
            }
        }
        let mut out = String::new();
        // Writing into a String cannot fail; an error would only mean a bad metric name,
        // which the tests rule out.
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        to_prometheus_text(&out)
    }
}

/// OpenMetrics text → Prometheus text 0.0.4: counter families' HELP and TYPE lines take
/// the `_total` name of their samples, and the `# EOF` marker goes.
fn to_prometheus_text(open_metrics: &str) -> String {
    let counters: Vec<&str> = open_metrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE ")?.strip_suffix(" counter"))
        .collect();
    let mut out = String::with_capacity(open_metrics.len() + 16 * counters.len());
    for line in open_metrics.lines() {
        if line == "# EOF" {
            continue;
        }
        let renamed = ["# HELP ", "# TYPE "].iter().find_map(|prefix| {
            let rest = line.strip_prefix(prefix)?;
            let (name, tail) = rest.split_once(' ')?;
            counters
                .contains(&name)
                .then(|| format!("{prefix}{name}_total {tail}"))
        });
        match renamed {
            Some(l) => out.push_str(&l),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_get_their_total_names_in_help_and_type() {
        let om = "# HELP a_x Things.\n# TYPE a_x counter\na_x_total 1\n# HELP b Level.\n# TYPE b gauge\nb 2\n# EOF\n";
        assert_eq!(
            to_prometheus_text(om),
            "# HELP a_x_total Things.\n# TYPE a_x_total counter\na_x_total 1\n# HELP b Level.\n# TYPE b gauge\nb 2\n"
        );
    }

    #[test]
    fn every_family_is_named_as_issue_5_lists_it() {
        let m = Metrics::new();
        m.observe_request("/health", 200, 0.001);
        m.add_usage(&[1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        m.selections().add("f", "fast");
        m.set_intensity("static", 400.0);
        m.add_fetch_error("watttime");
        let text = m.encode(None);
        for t in [
            "eclexia_energy_joules_total counter",
            "eclexia_carbon_grams_total counter",
            "eclexia_time_seconds_total counter",
            "eclexia_adaptive_selections_total counter",
            "eclexia_http_requests_total counter",
            "eclexia_http_request_duration_seconds histogram",
            "eclexia_carbon_intensity_grams_per_kwh gauge",
            "eclexia_carbon_fetch_errors_total counter",
            "eclexia_build_info gauge",
        ] {
            assert!(text.contains(&format!("# TYPE {t}\n")), "{t} in\n{text}");
        }
        assert!(
            text.contains(
                "eclexia_adaptive_selections_total{function=\"f\",solution=\"fast\"} 1\n"
            )
        );
    }
}
