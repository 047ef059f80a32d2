//! Arbitrary bytes as a LANGUAGE §9.7 price request: `PriceRequest::decode` (the typed
//! one-pass reader with its `Value` fallback) must give exactly what the `Value` path
//! gives — the same request, the same given fields, the same error — and pricing what it
//! accepts must not panic.
//! Run: `cargo +nightly fuzz run price_request -- -max_total_time=300`
#![no_main]

use eclexia_core::price::{PriceRequest, price};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = PriceRequest::decode(data);
    assert_eq!(decoded, PriceRequest::decode_by_value(data));
    if let Ok((request, _)) = decoded {
        let _ = price(&request);
    }
});
