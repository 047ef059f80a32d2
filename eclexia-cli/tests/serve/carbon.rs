//! Carbon refresh against a local stand-in for the carbon APIs.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use super::support::*;

const EM_KEY: &str = "em-key-serve-test";

fn em_body(intensity: f64) -> String {
    format!(
        r#"{{"zone": "DE", "carbonIntensity": {intensity}, "datetime": "2024-03-06T19:00:00.000Z",
            "updatedAt": "2024-03-06T18:48:27.926Z", "emissionFactorType": "lifecycle",
            "isEstimated": true, "estimationMethod": "TIME_SLICER_AVERAGE"}}"#
    )
}

const WT_FORECAST: &str = r#"{"data": [{"point_time": "2024-06-18T18:40:00+00:00", "value": 1000.0}],
  "meta": {"region": "CAISO_NORTH", "signal_type": "co2_moer", "units": "lbs_co2_per_mwh"}}"#;

#[test]
fn carbon_refreshes_from_the_configured_source() {
    let healthy = Arc::new(AtomicBool::new(true));
    let flag = healthy.clone();
    let em = Stub::start(move |head| {
        assert!(head.contains(&format!("auth-token: {EM_KEY}")), "{head}");
        if flag.load(Ordering::Relaxed) {
            (200, em_body(123.5))
        } else {
            (500, r#"{"error": "internal"}"#.to_string())
        }
    });
    let config = format!(
        "[sources]\nprimary = \"electricitymaps\"\nmax_age = \"1s\"\n\n\
         [electricitymaps]\napi_url = \"{}\"\nzone = \"DE\"\nrefresh_interval = \"0.2s\"\ntimeout = \"2s\"\n",
        em.url
    );
    let s = start(
        "carbon",
        Setup {
            config: vec![("carbon-config.toml", config)],
            env: vec![("ELECTRICITYMAPS_API_KEY", EM_KEY.to_string())],
            ..Setup::ready()
        },
    );
    let live = |s: &Server| s.get("/v1/prices").json()["carbon_intensity"]["source"] != "static";
    s.wait_until(live, "the first carbon refresh");
    let c = s.get("/v1/prices").json()["carbon_intensity"].clone();
    assert_eq!(c["value"], 123.5);
    assert_eq!(c["source"], "electricitymaps");
    assert_eq!(c["zone"], "DE");
    assert_eq!(c["estimated"], true);
    let m = s.metrics();
    assert_eq!(
        sample(
            &m,
            "eclexia_carbon_intensity_grams_per_kwh",
            &[("source", "electricitymaps")]
        ),
        Some(123.5)
    );
    // The market prices with the live value.
    let q = s.post(
        "/v1/price",
        &json!({"candidates": [{"name": "a", "provides": {"energy": "3600000J"}}]}),
    );
    let cost = q.json()["candidates"][0]["cost"].as_f64().unwrap();
    assert!((cost - (3_600_000.0 + 50.0 * 123.5)).abs() < 1e-6, "{cost}");

    // The source fails: errors are counted, the last good value is kept, and once it is
    // older than max_age (no fallback configured) the service is no longer ready.
    healthy.store(false, Ordering::Relaxed);
    s.wait_until(
        |s| {
            let m = s.metrics();
            sample(
                &m,
                "eclexia_carbon_fetch_errors_total",
                &[("source", "electricitymaps")],
            )
            .is_some_and(|n| n >= 1.0)
        },
        "a counted fetch error",
    );
    s.wait_until(|s| s.get("/ready").status == 503, "stale carbon readiness");
    let r = s.get("/ready").json();
    assert!(r["reason"].as_str().unwrap().contains("carbon"), "{r}");
    assert_eq!(r["status"], "not_ready", "{r}");
    // The API's error shape too, with the same reason.
    assert_eq!(r["error"]["code"], "not_ready", "{r}");
    assert_eq!(r["error"]["kind"], "Unavailable", "{r}");
    assert_eq!(r["error"]["message"], r["reason"], "{r}");
    assert_eq!(
        s.get("/v1/prices").json()["carbon_intensity"]["value"],
        123.5
    );
    assert_eq!(s.get("/health").status, 200);
    let log = s.log();
    assert!(log.contains("carbon intensity fetch failed"), "{log}");
    assert!(!log.contains(EM_KEY), "the API key was logged");

    // The source recovers: ready again.
    healthy.store(true, Ordering::Relaxed);
    s.wait_until(|s| s.get("/ready").status == 200, "ready after recovery");
}

#[test]
fn carbon_falls_back_to_the_second_source() {
    let em = Stub::start(|_| (503, "upstream unavailable".to_string()));
    let wt = Stub::start(|head| {
        if head.starts_with("GET /login") {
            (200, r#"{"token": "tok-serve"}"#.to_string())
        } else {
            assert!(head.contains("Bearer tok-serve"), "{head}");
            (200, WT_FORECAST.to_string())
        }
    });
    let config = format!(
        "[sources]\nprimary = \"electricitymaps\"\nfallback = \"watttime\"\nmax_age = \"1s\"\n\n\
         [electricitymaps]\napi_url = \"{}\"\nzone = \"DE\"\nrefresh_interval = \"0.2s\"\n\n\
         [watttime]\napi_url = \"{}\"\nregion = \"CAISO_NORTH\"\nrefresh_interval = \"0.2s\"\n",
        em.url, wt.url
    );
    let s = start(
        "fallback",
        Setup {
            config: vec![("carbon-config.toml", config)],
            env: vec![
                ("ELECTRICITYMAPS_API_KEY", EM_KEY.to_string()),
                ("WATTTIME_USERNAME", "wt-user".to_string()),
                ("WATTTIME_PASSWORD", "wt-pass-secret".to_string()),
            ],
            ..Setup::ready()
        },
    );
    let live = |s: &Server| s.get("/v1/prices").json()["carbon_intensity"]["source"] != "static";
    s.wait_until(live, "the first carbon refresh");
    let c = s.get("/v1/prices").json()["carbon_intensity"].clone();
    assert_eq!(c["source"], "watttime");
    assert!((c["value"].as_f64().unwrap() - 453.6).abs() < 1e-9, "{c}");
    // Still ready long after max_age: the fallback keeps answering.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.get("/ready").status, 200, "{}", s.get("/ready").body);
    let m = s.metrics();
    assert!(
        sample(
            &m,
            "eclexia_carbon_fetch_errors_total",
            &[("source", "electricitymaps")]
        )
        .is_some_and(|n| n >= 2.0)
    );
    assert_eq!(
        sample(
            &m,
            "eclexia_carbon_fetch_errors_total",
            &[("source", "watttime")]
        ),
        None
    );
    let log = s.log();
    assert!(!log.contains("wt-pass-secret") && !log.contains(EM_KEY) && !log.contains("tok-serve"));
}

#[test]
fn a_hanging_carbon_api_holds_neither_start_up_nor_shutdown() {
    // The stand-in takes 5 s to answer; the client waits up to 5 s.
    let em = Stub::start(|_| {
        std::thread::sleep(Duration::from_secs(5));
        (200, em_body(99.0))
    });
    let config = format!(
        "[sources]\nprimary = \"electricitymaps\"\n\n\
         [electricitymaps]\napi_url = \"{}\"\nzone = \"DE\"\nrefresh_interval = \"1s\"\ntimeout = \"5s\"\n",
        em.url
    );
    let started = Instant::now();
    let mut s = start(
        "hang",
        Setup {
            config: vec![("carbon-config.toml", config)],
            env: vec![("ELECTRICITYMAPS_API_KEY", EM_KEY.to_string())],
            ..Setup::ready()
        },
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    std::thread::sleep(Duration::from_millis(300)); // the first fetch is in flight
    let (status, took) = s.terminate();
    assert!(status.success(), "{status:?}\n{}", s.log());
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(s.data.path().join("shadow-prices/market.json").exists());
    assert!(!s.log().contains("panicked"), "{}", s.log());
}
