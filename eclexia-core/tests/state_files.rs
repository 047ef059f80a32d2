//! ARCHITECTURE §8: round trip, interrupted writes never lose the previous good state,
//! corrupt files are moved aside, and the portable export/import.

use std::path::PathBuf;
use std::sync::Arc;

use eclexia_core::price::{ManualClock, Market, MarketSettings, Resource};
use eclexia_core::state::{StateStore, decode, encode};

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("eclexia-state-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn market(clock: &Arc<ManualClock>, energy: f64) -> Market {
    let mut s = MarketSettings::default();
    s.budgets.energy = Some(200.0);
    s.windows.energy = Some(600.0);
    let m = Market::with_clock(s, clock.clone());
    m.record(Resource::Energy, energy).unwrap();
    m
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn round_trip_keeps_everything() {
    let t = TempDir::new("rt");
    let clock = Arc::new(ManualClock::new(1_700_000_000.0));
    let m = market(&clock, 100.0);
    let mut c = m.carbon();
    c.intensity = 216.0;
    c.source = "electricitymaps".into();
    c.zone = Some("US-CAR-DUK".into());
    m.set_carbon(c);
    let store = StateStore::new(&t.0);
    let snap = m.snapshot();
    store.save(&snap).unwrap();
    assert_eq!(decode(&std::fs::read(store.path()).unwrap()).unwrap(), snap);
    let (restored, warnings) = store.restore_market(MarketSettings::default(), clock.clone());
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(restored.snapshot(), snap);
    assert_eq!(restored.prices().price(Resource::Energy), 2.0);
    assert_eq!(restored.carbon().intensity, 216.0);
    // The restored window keeps rolling on the same schedule.
    clock.advance(600.0);
    assert_eq!(restored.prices().price(Resource::Energy), 1.0);
}

#[test]
fn an_interrupted_write_never_loses_the_previous_good_state() {
    let t = TempDir::new("kill");
    let clock = Arc::new(ManualClock::new(0.0));
    let store = StateStore::new(&t.0);
    store.save(&market(&clock, 50.0).snapshot()).unwrap();
    let good = std::fs::read(store.path()).unwrap();
    // A writer killed mid-way leaves a partial temporary file next to the good one.
    let partial = &encode(&market(&clock, 150.0).snapshot())[..40];
    std::fs::write(t.0.join("shadow-prices/market.json.tmp-99999-0"), partial).unwrap();
    let loaded = store.load().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.snapshot.unwrap().used.energy, 50.0);
    assert_eq!(std::fs::read(store.path()).unwrap(), good);
    assert!(
        !files(&t.0.join("shadow-prices"))
            .iter()
            .any(|f| f.contains(".tmp-"))
    );
}

#[test]
fn a_truncated_main_file_falls_back_to_the_previous_good_copy() {
    let t = TempDir::new("trunc");
    let clock = Arc::new(ManualClock::new(0.0));
    let store = StateStore::new(&t.0);
    store.save(&market(&clock, 50.0).snapshot()).unwrap();
    store.save(&market(&clock, 80.0).snapshot()).unwrap();
    // Truncate the newest file (e.g. a disk that lied about fsync).
    let bytes = std::fs::read(store.path()).unwrap();
    std::fs::write(store.path(), &bytes[..bytes.len() / 2]).unwrap();
    let (m, warnings) = store.restore_market(MarketSettings::default(), clock);
    assert_eq!(m.prices().resources[0].used, 50.0);
    assert!(
        warnings[0].contains("corrupt state (body is"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].contains("restored the previous good copy"),
        "{warnings:?}"
    );
    let names = files(&t.0.join("shadow-prices"));
    assert!(
        names.iter().any(|n| n.starts_with("market.json.corrupt-")),
        "{names:?}"
    );
}

#[test]
fn a_corrupt_file_is_moved_aside_and_defaults_are_used() {
    let t = TempDir::new("corrupt");
    let dir = t.0.join("shadow-prices");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("market.json"), b"{ this is not state").unwrap();
    let clock = Arc::new(ManualClock::new(0.0));
    let store = StateStore::new(&t.0);
    let (m, warnings) = store.restore_market(MarketSettings::default(), clock);
    assert_eq!(m.prices().price(Resource::Energy), 1.0);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("moved aside as"));
    assert!(warnings[1].contains("starting from the defaults"));
    let names = files(&dir);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("market.json.corrupt-"));
    // A flipped bit in the body is caught by the checksum.
    let clock = Arc::new(ManualClock::new(0.0));
    let mut bytes = encode(&market(&clock, 10.0).snapshot());
    let last = bytes.len() - 3;
    bytes[last] ^= 0x01;
    assert_eq!(decode(&bytes).unwrap_err(), "checksum mismatch");
}

#[test]
fn export_and_import_are_a_portable_backup() {
    let a = TempDir::new("exp-a");
    let b = TempDir::new("exp-b");
    let clock = Arc::new(ManualClock::new(0.0));
    let snap = market(&clock, 120.0).snapshot();
    StateStore::new(&a.0).save(&snap).unwrap();
    let text = StateStore::new(&a.0).export_json().unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "eclexia-state");
    assert_eq!(v["version"], 1);
    StateStore::new(&b.0).import_json(&text).unwrap();
    assert_eq!(
        StateStore::new(&b.0).load().unwrap().snapshot.unwrap(),
        snap
    );
    // Bad imports change nothing and say why.
    let err = StateStore::new(&b.0)
        .import_json(&text.replace(
            "\"used\": {\n      \"energy\": 120.0",
            "\"used\": {\n      \"energy\": -1.0",
        ))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "import: market.used.energy: expected an amount >= 0, found -1"
    );
    assert!(StateStore::new(&b.0).import_json("[]").is_err());
    assert_eq!(
        StateStore::new(&b.0).load().unwrap().snapshot.unwrap(),
        snap
    );
    // Nothing saved yet: export fails with a message.
    let empty = TempDir::new("exp-c");
    assert!(
        StateStore::new(&empty.0)
            .export_json()
            .unwrap_err()
            .to_string()
            .ends_with("no saved price state")
    );
}
