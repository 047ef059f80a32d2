//! Carbon clients against a local stand-in server on 127.0.0.1 (ARCHITECTURE §6, §13).
//!
//! The stand-in answers a fixed script of responses in the shapes of the real APIs (field
//! names, types, nulls and timestamp formats as recorded from them), then stops by itself;
//! it also stops after a deadline if the client never comes.
#![cfg(feature = "carbon-http")]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use eclexia_core::carbon::{
    CarbonError, CarbonFeed, CarbonSource, ElectricityMaps, Origin, WattTime, build_feed,
};
use eclexia_core::config::{CarbonConfig, HttpSourceConfig, Secret, Secrets, SourceKind};
use eclexia_core::price::ManualClock;
use parking_lot::Mutex;

const API_KEY: &str = "em-test-key-7f3a9c";
const USER: &str = "wt-user-alice";
const PASSWORD: &str = "wt-pass-s3cr3t";

#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
}

fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type", "application/json".into())],
        body: body.to_string(),
        delay: Duration::ZERO,
    }
}

struct Stub {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
    handle: Option<JoinHandle<()>>,
}

impl Stub {
    /// Serves `script` in order, one connection per reply; stops when done or after 10 s.
    fn start(script: Vec<Reply>) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        let handle = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut script = script.into_iter();
            let mut next = script.next();
            while let Some(r) = next.take() {
                let (mut conn, _) = loop {
                    match listener.accept() {
                        Ok(c) => break c,
                        Err(_) if Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(5));
                        }
                        Err(_) => return,
                    }
                };
                conn.set_nonblocking(false).unwrap();
                conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                log.lock().push(String::from_utf8_lossy(&head).to_string());
                std::thread::sleep(r.delay);
                let mut out = format!(
                    "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    r.status,
                    r.body.len()
                );
                for (k, v) in &r.headers {
                    out.push_str(&format!("{k}: {v}\r\n"));
                }
                out.push_str("\r\n");
                out.push_str(&r.body);
                let _ = conn.write_all(out.as_bytes());
                next = script.next();
            }
        });
        Stub {
            url,
            requests,
            handle: Some(handle),
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().clone()
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn cfg(url: &str, area: &str) -> HttpSourceConfig {
    HttpSourceConfig {
        api_url: url.to_string(),
        area: Some(area.to_string()),
        refresh_interval: 300.0,
        timeout: 2.0,
        connect_timeout: 1.0,
    }
}

fn em(url: &str) -> ElectricityMaps {
    ElectricityMaps::new(
        &cfg(&format!("{url}/v3"), "US-CAR-DUK"),
        Some(Secret::new(API_KEY)),
    )
    .unwrap()
}

fn wt(url: &str) -> WattTime {
    WattTime::new(
        &cfg(&format!("{url}/v2/index"), "CAISO_NORTH"),
        Some(Secret::new(USER)),
        Some(Secret::new(PASSWORD)),
    )
    .unwrap()
}

const EM_LATEST: &str = r#"{
  "zone": "US-CAR-DUK",
  "carbonIntensity": 216,
  "datetime": "2024-03-06T19:00:00.000Z",
  "updatedAt": "2024-03-06T18:48:27.926Z",
  "createdAt": "2024-03-03T19:47:16.265Z",
  "emissionFactorType": "lifecycle",
  "isEstimated": true,
  "estimationMethod": "TIME_SLICER_AVERAGE"
}"#;

const WT_FORECAST: &str = r#"{
  "data": [
    {"point_time": "2024-06-18T18:40:00+00:00", "value": 870.0},
    {"point_time": "2024-06-18T18:45:00+00:00", "value": 860.5}
  ],
  "meta": {
    "data_point_period_seconds": 300,
    "region": "CAISO_NORTH",
    "signal_type": "co2_moer",
    "units": "lbs_co2_per_mwh",
    "warnings": [],
    "model": {"date": "2023-03-01"},
    "generated_at": "2024-06-18T18:40:00+00:00",
    "generated_at_period_seconds": 300
  }
}"#;

fn assert_no_secret(text: &str) {
    for s in [API_KEY, USER, PASSWORD, "tok-one", "tok-two"] {
        assert!(!text.contains(s), "secret {s:?} leaked in: {text}");
    }
}

#[test]
fn electricitymaps_success_sends_zone_and_auth_token() {
    let stub = Stub::start(vec![reply(200, EM_LATEST)]);
    let r = em(&stub.url).current().unwrap();
    assert_eq!(r.intensity, 216.0);
    assert_eq!(r.zone.as_deref(), Some("US-CAR-DUK"));
    assert_eq!(r.datetime.as_deref(), Some("2024-03-06T19:00:00.000Z"));
    assert!(r.is_estimated);
    assert_eq!(r.source, "electricitymaps");
    let req = &stub.requests()[0];
    assert!(
        req.starts_with("GET /v3/carbon-intensity/latest?zone=US-CAR-DUK HTTP/1.1"),
        "{req}"
    );
    assert!(
        req.to_ascii_lowercase()
            .contains(&format!("auth-token: {API_KEY}")),
        "{req}"
    );
    assert_no_secret(&format!("{:?}", em(&stub.url)));
}

#[test]
fn electricitymaps_float_intensity_and_full_endpoint_url() {
    let stub = Stub::start(vec![reply(
        200,
        &EM_LATEST.replace("216", "58.765447504659946"),
    )]);
    let src = ElectricityMaps::new(
        &cfg(&format!("{}/v3/carbon-intensity/latest", stub.url), "DE"),
        Some(Secret::new(API_KEY)),
    )
    .unwrap();
    assert_eq!(src.current().unwrap().intensity, 58.765447504659946);
    assert!(stub.requests()[0].starts_with("GET /v3/carbon-intensity/latest?zone=DE "));
}

#[test]
fn electricitymaps_errors_name_source_and_status_without_secrets() {
    let stub = Stub::start(vec![
        reply(401, r#"{"error":"Invalid auth-token"}"#),
        reply(
            500,
            "<html><head><title>500 Internal Server Error</title></head></html>",
        ),
        reply(200, "{\"zone\": \"DE\", \"carbonIntensity\": "),
        reply(
            200,
            r#"{"zone": "DE", "datetime": "2024-03-01T23:00:00.000Z"}"#,
        ),
        reply(200, r#"{"zone": "DE", "carbonIntensity": null}"#),
        reply(
            404,
            &format!(r#"{{"error":"No recent data for zone \"DE\" (key {API_KEY})"}}"#),
        ),
    ]);
    let src = em(&stub.url);
    let errors: Vec<CarbonError> = (0..6).map(|_| src.current().unwrap_err()).collect();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(text[0], "electricitymaps: HTTP 401: Invalid auth-token");
    assert_eq!(
        text[1],
        "electricitymaps: HTTP 500: 500 Internal Server Error"
    );
    assert!(
        text[2].starts_with("electricitymaps: invalid response: not JSON"),
        "{}",
        text[2]
    );
    assert_eq!(
        text[3],
        "electricitymaps: invalid response: missing field carbonIntensity"
    );
    assert_eq!(
        text[4],
        "electricitymaps: invalid response: carbonIntensity is null"
    );
    assert_eq!(
        text[5],
        "electricitymaps: HTTP 404: No recent data for zone \"DE\" (key <redacted>)"
    );
    assert_eq!(errors[0].status(), Some(401));
    for t in &text {
        assert_no_secret(t);
    }
}

#[test]
fn a_slow_response_past_the_timeout_is_a_transport_error() {
    let mut slow = reply(200, EM_LATEST);
    slow.delay = Duration::from_millis(1500);
    let stub = Stub::start(vec![slow]);
    let mut c = cfg(&format!("{}/v3", stub.url), "DE");
    c.timeout = 0.3;
    let src = ElectricityMaps::new(&c, Some(Secret::new(API_KEY))).unwrap();
    let t0 = Instant::now();
    let err = src.current().unwrap_err();
    assert!(
        t0.elapsed() < Duration::from_millis(1400),
        "{:?}",
        t0.elapsed()
    );
    assert_eq!(
        err.to_string(),
        "electricitymaps: request failed: timed out after 0.3s"
    );
}

#[test]
fn watttime_logs_in_with_basic_auth_and_converts_lbs_per_mwh() {
    let stub = Stub::start(vec![
        reply(200, r#"{"token": "tok-one"}"#),
        reply(200, WT_FORECAST),
        reply(200, WT_FORECAST),
    ]);
    let src = wt(&stub.url);
    let r = src.current().unwrap();
    assert_eq!(r.intensity, 870.0 * 0.4536);
    assert_eq!(r.zone.as_deref(), Some("CAISO_NORTH"));
    assert_eq!(r.datetime.as_deref(), Some("2024-06-18T18:40:00+00:00"));
    // The token is cached: the second call does not log in again.
    let f = src.forecast().unwrap();
    assert_eq!(f.len(), 2);
    assert_eq!(f[1].intensity, 860.5 * 0.4536);
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs[0].starts_with("GET /login HTTP/1.1"), "{}", reqs[0]);
    assert!(
        reqs[0]
            .to_ascii_lowercase()
            .contains("authorization: basic ")
    );
    assert!(
        reqs[1].starts_with("GET /v3/forecast?region=CAISO_NORTH&signal_type=co2_moer HTTP/1.1"),
        "{}",
        reqs[1]
    );
    assert!(
        reqs[1]
            .to_ascii_lowercase()
            .contains("authorization: bearer tok-one")
    );
    assert!(
        reqs[2]
            .to_ascii_lowercase()
            .contains("authorization: bearer tok-one")
    );
    assert_no_secret(&format!("{src:?}"));
}

#[test]
fn watttime_logs_in_again_after_401_and_403() {
    let stub = Stub::start(vec![
        reply(200, r#"{"token": "tok-one"}"#),
        reply(401, r#"{"error": "Unauthorized"}"#),
        reply(200, r#"{"token": "tok-two"}"#),
        reply(200, WT_FORECAST),
    ]);
    let src = wt(&stub.url);
    assert_eq!(src.current().unwrap().intensity, 870.0 * 0.4536);
    let reqs = stub.requests();
    assert_eq!(reqs.len(), 4);
    assert!(
        reqs[3]
            .to_ascii_lowercase()
            .contains("authorization: bearer tok-two")
    );

    // A non-JSON nginx 403 twice: re-login once, then the error is reported.
    let html = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let mut forbidden = reply(403, html);
    forbidden.headers = vec![("Content-Type", "text/html".into())];
    let stub = Stub::start(vec![
        reply(200, r#"{"token": "tok-one"}"#),
        forbidden.clone(),
        reply(200, r#"{"token": "tok-two"}"#),
        forbidden,
    ]);
    let err = wt(&stub.url).current().unwrap_err();
    assert_eq!(err.to_string(), "watttime: HTTP 403: 403 Forbidden");
    assert_no_secret(&err.to_string());
}

#[test]
fn watttime_bad_credentials_and_bad_shapes() {
    let stub = Stub::start(vec![
        reply(
            403,
            r#"{"error": "Invalid query parameters", "message": "Invalid scope. You do not have sufficient access."}"#,
        ),
        reply(200, r#"{"token": "tok-one"}"#),
        reply(
            200,
            r#"{"data": [{"point_time": "2024-06-18T18:40:00+00:00", "value": 96.0}], "meta": {"units": "percentile", "region": "PSCO"}}"#,
        ),
        reply(200, r#"{"data": [], "meta": {"units": "lbs_co2_per_mwh"}}"#),
        reply(200, r#"{"meta": {}}"#),
    ]);
    let src = wt(&stub.url);
    let e: Vec<String> = (0..4)
        .map(|_| src.current().unwrap_err().to_string())
        .collect();
    assert_eq!(
        e[0],
        "watttime: HTTP 403: login refused: Invalid scope. You do not have sufficient access."
    );
    assert_eq!(
        e[1],
        "watttime: invalid response: units \"percentile\" are not an emission rate"
    );
    assert_eq!(e[2], "watttime: invalid response: data is empty");
    assert_eq!(e[3], "watttime: invalid response: missing field data");
    let no_creds = WattTime::new(&cfg("http://127.0.0.1:9", "X"), None, None).unwrap();
    assert_eq!(
        no_creds.current().unwrap_err().to_string(),
        "watttime: not configured: WATTTIME_USERNAME and WATTTIME_PASSWORD are required"
    );
}

#[test]
fn feed_falls_back_then_keeps_the_last_good_value_then_static() {
    let clock = Arc::new(ManualClock::new(1_000.0));
    let em_stub = Stub::start(vec![reply(500, r#"{"error": "boom"}"#), reply(503, "")]);
    let wt_stub = Stub::start(vec![
        reply(200, r#"{"token": "tok-one"}"#),
        reply(200, WT_FORECAST),
        reply(500, r#"{"error": "down"}"#),
    ]);
    let sources: Vec<(Box<dyn CarbonSource>, f64)> = vec![
        (Box::new(em(&em_stub.url)), 300.0),
        (Box::new(wt(&wt_stub.url)), 300.0),
    ];
    let feed = CarbonFeed::new(sources, 400.0, clock.clone());
    let s = feed.get();
    assert_eq!(s.origin, Origin::Fresh);
    assert_eq!(s.reading.source, "watttime");
    assert_eq!(
        s.errors,
        vec!["electricitymaps: HTTP 500: boom".to_string()]
    );
    // Within the TTL: cached, nothing asked.
    clock.advance(299.0);
    assert_eq!(feed.get().origin, Origin::Cached);
    // Past the TTL, both fail: the last good value with its age.
    clock.advance(101.0);
    let s = feed.get();
    assert_eq!(s.origin, Origin::LastGood);
    assert_eq!(s.age, 400.0);
    assert_eq!(s.reading.intensity, 870.0 * 0.4536);
    assert_eq!(s.errors.len(), 2, "{:?}", s.errors);
    assert_eq!(s.to_value().source, "watttime");
    for e in &s.errors {
        assert_no_secret(e);
    }
    drop(em_stub);
    drop(wt_stub);
    // Nothing ever answered: the static value.
    let dead = CarbonFeed::new(
        vec![(Box::new(em("http://127.0.0.1:9")), 300.0)],
        321.0,
        clock,
    );
    let s = dead.get();
    assert_eq!((s.origin, s.reading.intensity), (Origin::Static, 321.0));
    assert_eq!(
        s.errors,
        vec!["electricitymaps: request failed: cannot connect".to_string()]
    );
}

#[test]
fn rate_limited_sources_back_off() {
    let clock = Arc::new(ManualClock::new(0.0));
    let mut limited = reply(429, r#"{"error": "Too many requests"}"#);
    limited.headers.push(("Retry-After", "120".into()));
    let stub = Stub::start(vec![limited, reply(200, EM_LATEST)]);
    let feed = CarbonFeed::new(vec![(Box::new(em(&stub.url)), 60.0)], 400.0, clock.clone());
    let s = feed.get();
    assert_eq!(s.origin, Origin::Static);
    assert_eq!(
        s.errors,
        vec!["electricitymaps: HTTP 429: Too many requests".to_string()]
    );
    clock.advance(60.0);
    let s = feed.get();
    assert_eq!(s.origin, Origin::Static);
    assert_eq!(
        s.errors,
        vec!["electricitymaps: rate limited; not asked again for 60s".to_string()]
    );
    assert_eq!(stub.requests().len(), 1);
    clock.advance(61.0);
    let s = feed.get();
    assert_eq!((s.origin, s.reading.intensity), (Origin::Fresh, 216.0));
    assert_eq!(stub.requests().len(), 2);
}

#[test]
fn feed_from_configuration() {
    let stub = Stub::start(vec![reply(200, EM_LATEST)]);
    let cfg = CarbonConfig {
        primary: SourceKind::ElectricityMaps,
        fallback: Some(SourceKind::Static),
        electricitymaps: cfg(&format!("{}/v3", stub.url), "US-CAR-DUK"),
        ..CarbonConfig::default()
    };
    let secrets = Secrets {
        electricitymaps_api_key: Some(Secret::new(API_KEY)),
        ..Secrets::default()
    };
    let (feed, warnings) = build_feed(&cfg, &secrets, Arc::new(ManualClock::new(0.0)));
    assert!(warnings.is_empty());
    assert_eq!(feed.get().reading.intensity, 216.0);
    assert_no_secret(&format!("{feed:?}"));
}
