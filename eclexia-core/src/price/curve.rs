//! The market price: the exponential scarcity curve of LANGUAGE §9.3.

use super::{PriceBook, RESOURCE_COUNT, ResourceVec};

/// `u_r = used / limit`: 0 when the limit is unlimited (`f64::INFINITY`), 1 when it is 0
/// (LANGUAGE §9.3).
///
/// ```
/// use eclexia_core::price::utilisation;
/// assert_eq!(utilisation(80.0, 100.0), 0.8);
/// assert_eq!(utilisation(5.0, f64::INFINITY), 0.0);
/// assert_eq!(utilisation(0.0, 0.0), 1.0);
/// ```
pub fn utilisation(used: f64, limit: f64) -> f64 {
    if limit == f64::INFINITY {
        0.0
    } else if limit == 0.0 {
        1.0
    } else {
        used / limit
    }
}

/// `m_r = base_r * powf(mult_r, min(u_r, 1.0))` (LANGUAGE §9.3).
///
/// Non-negative whenever `base >= 0` and `mult >= 1`, and non-decreasing in `used` (§9.6):
/// `u` grows with `used`, `min` and `powf` with `mult >= 1` preserve the order.
///
/// ```
/// use eclexia_core::price::market_price;
/// assert_eq!(market_price(1.0, 4.0, 0.0, 200.0), 1.0);
/// assert_eq!(market_price(1.0, 4.0, 100.0, 200.0), 2.0);
/// assert_eq!(market_price(1.0, 4.0, 200.0, 200.0), 4.0);
/// assert_eq!(market_price(1.0, 4.0, 80.0, 100.0), 3.0314331330207964);
/// ```
pub fn market_price(base: f64, mult: f64, used: f64, limit: f64) -> f64 {
    let u = utilisation(used, limit);
    // `u` may be NaN only for NaN inputs, which the callers reject; `min` then yields 1.0.
    let e = u.min(1.0);
    // `powf(m, 0) == 1` and `powf(m, 1) == m` exactly (IEEE 754), so the common ends of the
    // curve (nothing used, or an unlimited budget; exhausted) skip the call, bit for bit.
    let scale = if e == 0.0 {
        1.0
    } else if e == 1.0 {
        mult
    } else {
        mult.powf(e)
    };
    base * scale
}

/// Market prices of all resources for the given usage and limits.
pub fn market_prices(book: &PriceBook, used: &ResourceVec, limits: &ResourceVec) -> ResourceVec {
    let mut m = [0.0; RESOURCE_COUNT];
    for (i, slot) in m.iter_mut().enumerate() {
        *slot = market_price(book.base[i], book.multiplier[i], used[i], limits[i]);
    }
    m
}
