//! LANGUAGE §9 through the public API: the worked examples of §8.4, §9.4 and §9.7 (byte
//! for byte), request validation messages, and the `Market`.

use std::sync::Arc;

use eclexia_core::price::{
    ManualClock, Market, MarketSettings, PriceRequest, QuoteStatus, Resource, price,
};

/// LANGUAGE §9.7's request, shared by the tests that quote it.
const SECTION_9_7_REQUEST: &str = include_str!("../../tests/fixtures/price-request-9.7.json");

/// §9.7's response with the white space removed.
const SECTION_9_7_RESPONSE: &str = concat!(
    r#"{"prices":{"energy":3.2087058602935237,"time":100.0,"carbon":50.0,"memory":0.001,"network":0.001,"compute":1.0},"#,
    r#""market":{"energy":3.0314331330207964,"time":100.0,"carbon":50.0,"memory":0.001,"network":0.001,"compute":1.0},"#,
    r#""premium":{"energy":0.17727272727272728,"time":0.0,"carbon":0.0,"memory":0.0,"network":0.0,"compute":0.0},"#,
    r#""chosen":"b","#,
    r#""candidates":[{"name":"a","eligible":true,"feasible":false,"cost":0.1,"rejected":"budget: energy"},"#,
    r#"{"name":"b","eligible":true,"feasible":true,"cost":4.0,"rejected":null}]}"#
);

#[test]
fn section_9_7_worked_example_byte_for_byte() {
    let req = PriceRequest::from_json(SECTION_9_7_REQUEST).unwrap();
    let quote = price(&req).unwrap();
    assert_eq!(serde_json::to_string(&quote).unwrap(), SECTION_9_7_RESPONSE);
    assert_eq!(quote.status(), QuoteStatus::Chosen);
    // prices = market + premium
    assert_eq!(
        quote.prices.energy,
        quote.market.energy + quote.premium.energy
    );
    assert_eq!(quote.market.energy, 4.0f64.powf(0.8));
    assert_eq!(quote.premium.energy, (4.0 - 0.1) / (30.0 - 8.0));
}

#[test]
fn section_9_4_example_through_json() {
    let req = PriceRequest::from_json(
        r#"{"budgets": {"energy": "10J"}, "objective": [["minimize", "latency"]],
            "candidates": [{"name": "A", "provides": {"energy": "30J", "time": "1ms"}},
                           {"name": "B", "provides": {"energy": "8J", "time": "40ms"}}]}"#,
    )
    .unwrap();
    let quote = price(&req).unwrap();
    assert_eq!(quote.premium.energy, 0.17727272727272728);
    assert_eq!(quote.chosen.as_deref(), Some("B"));
    assert_eq!(quote.candidates[0].cost, Some(0.1));
    assert_eq!(quote.candidates[1].cost, Some(4.0));
}

#[test]
fn section_8_4_worked_example() {
    let req = PriceRequest::from_json(
        r#"{"candidates": [
            {"name": "gpu", "provides": {"energy": "90J", "time": "2ms"}},
            {"name": "cpu", "provides": {"energy": "25J", "time": "30ms"}},
            {"name": "cache", "provides": {"energy": "3J", "time": "400ms"}}]}"#,
    )
    .unwrap();
    let q = price(&req).unwrap();
    assert_eq!(q.chosen.as_deref(), Some("cpu"));
    let costs: Vec<f64> = q.candidates.iter().map(|c| c.cost.unwrap()).collect();
    assert!((costs[0] - 90.7).abs() < 1e-9, "{costs:?}");
    assert!((costs[1] - 28.138_888_9).abs() < 1e-6, "{costs:?}");
    assert!((costs[2] - 43.016_666_7).abs() < 1e-6, "{costs:?}");
    assert_eq!(q.premium.energy, 0.0);
}

#[test]
fn nothing_feasible_reports_no_feasible_solution() {
    let req = PriceRequest::from_json(
        r#"{"budgets": {"energy": "5J"}, "caps": {"time": "1ms"},
            "candidates": [{"name": "x", "provides": {"energy": "1J", "time": "2ms"}},
                           {"name": "y", "provides": {"energy": "10J"}},
                           {"name": "z", "provides": {"energy": "1J"}, "eligible": false}]}"#,
    )
    .unwrap();
    let q = price(&req).unwrap();
    assert_eq!(q.chosen, None);
    assert_eq!(q.status(), QuoteStatus::NoFeasibleSolution);
    assert_eq!(q.status().code().unwrap().to_string(), "E0603");
    let v = serde_json::to_value(&q).unwrap();
    assert!(v["chosen"].is_null());
    assert_eq!(v["candidates"][0]["rejected"], "cap: time");
    assert_eq!(v["candidates"][1]["rejected"], "budget: energy");
    assert_eq!(v["candidates"][2]["rejected"], "not eligible");
    assert!(v["candidates"][2]["cost"].is_null());
    assert!(!v["candidates"][0]["cost"].is_null());
}

#[test]
fn empty_candidate_list_is_not_an_error() {
    let req = PriceRequest::from_json(r#"{"candidates": []}"#).unwrap();
    let q = price(&req).unwrap();
    assert_eq!(q.chosen, None);
    assert_eq!(q.prices.time, 100.0);
}

#[test]
fn numbers_are_canonical_units_and_strings_use_the_unit_table() {
    let a = PriceRequest::from_json(
        r#"{"candidates": [{"name": "a", "provides": {"energy": 5400000, "memory": "10GiB", "time": "250ms"}}]}"#,
    )
    .unwrap();
    let b = PriceRequest::from_json(
        r#"{"candidates": [{"name": "a", "provides": {"energy": "1.5kWh", "memory": 10737418240, "latency": 0.25}}]}"#,
    )
    .unwrap();
    assert_eq!(a, b);
    // And the request survives its own serialisation.
    let again: PriceRequest = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(again, a);
}

#[test]
fn every_kind_of_bad_request_names_its_field() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"candidates": [{"name": "a", "provides": {"energy": "10s"}}]}"#,
            r#"candidates[0].provides.energy: expected an energy amount such as "100J", found "10s""#,
        ),
        (
            r#"{"budgets": {"time": "5furlongs"}, "candidates": []}"#,
            r#"budgets.time: unknown unit suffix 'furlongs' in "5furlongs""#,
        ),
        (
            r#"{"usage": {"energy": -3}, "candidates": []}"#,
            r#"usage.energy: expected a finite amount >= 0, found "-3""#,
        ),
        (
            r#"{"caps": {"power": "1W"}, "candidates": []}"#,
            "caps.power: unknown resource (expected energy, time, carbon, memory, network or compute)",
        ),
        (
            r#"{"budgets": {}}"#,
            "candidates: missing (a request lists the candidates to price)",
        ),
        (
            r#"{"candidates": [{"provides": {}}]}"#,
            "candidates[0].name: missing",
        ),
        (
            r#"{"candidates": [], "objective": [["fastest", "time"]]}"#,
            r#"objective[0][0]: expected "minimize" or "maximize", found "fastest""#,
        ),
        (
            r#"{"candidates": [], "price_book": {"energy": {"multiplier": 0.5}}}"#,
            "price_book.energy.multiplier: expected a number >= 1, found 0.5",
        ),
        (
            r#"{"candidates": [], "carbon_intensity": "high"}"#,
            "carbon_intensity: expected a number, found a string",
        ),
        (
            r#"{"candidates": [], "colour": 1}"#,
            "colour: unknown field (expected budgets, usage, caps, objective, candidates, price_book or carbon_intensity)",
        ),
        (
            r#"{"candidates": [{"name": "a", "eligible": "yes"}]}"#,
            "candidates[0].eligible: expected true or false, found a string",
        ),
        (
            "{\"candidates\": [\n  {\"name\": \"a\",}\n]}",
            "malformed JSON at line 2 column 16: trailing comma",
        ),
    ];
    for (input, want) in cases {
        let err = PriceRequest::from_json(input).unwrap_err();
        assert_eq!(&err.to_string(), want, "input: {input}");
    }
}

#[test]
fn market_prices_follow_usage_windows_and_the_request_path() {
    let clock = Arc::new(ManualClock::new(1_000.0));
    let mut settings = MarketSettings::default();
    settings.budgets.energy = Some(100.0);
    settings.budgets.time = Some(1.0);
    let market = Market::with_clock(settings, clock.clone());
    market.record(Resource::Energy, 80.0).unwrap();
    let p = market.prices();
    assert_eq!(p.price(Resource::Energy), 3.0314331330207964);
    assert_eq!(p.resources[0].utilisation, 0.8);
    // The same computation as `price()`: the §9.7 example against the market state.
    let mut req = PriceRequest::from_json(SECTION_9_7_REQUEST).unwrap();
    req.budgets = [None; 6];
    req.usage = [0.0; 6];
    let q = market.quote(&req).unwrap();
    assert_eq!(serde_json::to_string(&q).unwrap(), SECTION_9_7_RESPONSE);
    // Bad usage is refused and names the resource.
    assert_eq!(
        market.record(Resource::Time, -1.0).unwrap_err().to_string(),
        r#"time: expected a finite amount >= 0, found "-1""#
    );
    // The window rolls over after 3600 s; the start moves by whole windows.
    clock.advance(7_300.0);
    let p = market.prices();
    assert_eq!(p.price(Resource::Energy), 1.0);
    assert_eq!(p.resources[0].window_start, 1_000.0 + 2.0 * 3600.0);
}

#[test]
fn market_is_shared_across_threads() {
    let mut settings = MarketSettings::default();
    settings.budgets.energy = Some(1000.0);
    let market = Arc::new(Market::new(settings));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let m = market.clone();
            std::thread::spawn(move || {
                for _ in 0..100 {
                    m.record(Resource::Energy, 1.0).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let p = market.prices();
    assert_eq!(p.resources[0].used, 400.0);
    assert_eq!(market.updates(), 400);
}

/// A request built by hand is checked by `price()` itself; the error names the first bad
/// field in the order budgets/caps/usage per resource, candidates, price book, intensity.
#[test]
fn hand_built_requests_are_validated_by_price() {
    let base = || {
        let mut req = PriceRequest::from_json(SECTION_9_7_REQUEST).unwrap();
        req.caps[Resource::Time.index()] = Some(1.0);
        req
    };
    assert!(price(&base()).is_ok());
    type Spoil = fn(&mut PriceRequest);
    let cases: [(Spoil, &str); 8] = [
        (
            |r| r.budgets[Resource::Time.index()] = Some(f64::NAN),
            "budgets.time: ",
        ),
        (
            |r| r.caps[Resource::Time.index()] = Some(-1.0),
            "caps.time: ",
        ),
        (
            |r| r.usage[Resource::Memory.index()] = f64::INFINITY,
            "usage.memory: ",
        ),
        (
            |r| r.candidates[1].provides[Resource::Energy.index()] = Some(-0.5),
            "candidates[1].provides.energy: ",
        ),
        (
            |r| r.price_book.base[Resource::Carbon.index()] = -1.0,
            "price_book: carbon.base: ",
        ),
        (
            |r| r.price_book.multiplier[Resource::Energy.index()] = 0.5,
            "price_book: energy.multiplier: ",
        ),
        (|r| r.carbon_intensity = f64::NAN, "carbon_intensity: "),
        (
            // Several at once: the first in the documented order is named.
            |r| {
                r.carbon_intensity = -1.0;
                r.candidates[0].provides[Resource::Time.index()] = Some(f64::NAN);
            },
            "candidates[0].provides.time: ",
        ),
    ];
    for (spoil, prefix) in cases {
        let mut req = base();
        spoil(&mut req);
        let err = price(&req).unwrap_err().to_string();
        assert!(err.starts_with(prefix), "{prefix:?} expected, got {err:?}");
        assert_eq!(req.validate().unwrap_err().to_string(), err);
    }
    // -0 is a valid amount (it is >= 0), and `None` is not checked.
    let mut req = base();
    req.usage[0] = -0.0;
    req.candidates[0].provides = [None; 6];
    assert!(price(&req).is_ok());
    assert!(req.validate().is_ok());
}

/// The quote borrows the names from the request; `into_owned` and a JSON round trip give the
/// same quote, and `rejected` is read back from its §9.7 string.
#[test]
fn quote_into_owned_and_json_round_trip() {
    use eclexia_core::price::{Quote, Rejection};
    let owned: Quote<'static> = {
        let req = PriceRequest::from_json(SECTION_9_7_REQUEST).unwrap();
        price(&req).unwrap().into_owned()
    };
    assert_eq!(serde_json::to_string(&owned).unwrap(), SECTION_9_7_RESPONSE);
    let back: Quote<'static> = serde_json::from_str(SECTION_9_7_RESPONSE).unwrap();
    assert_eq!(back, owned);
    assert_eq!(
        back.candidates[0].rejected,
        Some(Rejection::Budget(Resource::Energy))
    );
    let bad = SECTION_9_7_RESPONSE.replace("budget: energy", "budget: sunshine");
    let err = serde_json::from_str::<Quote<'static>>(&bad).unwrap_err();
    assert!(
        err.to_string().contains("unknown rejection reason"),
        "{err}"
    );
}
