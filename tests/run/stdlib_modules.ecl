use std::math::{clamp, gcd}
import std::stats
fn main() {
    println(clamp(5.0, 0.0, 2.0), gcd(12, -18))
    println(stats::mean([1.0, 2.0, 6.0]), std::stats::variance([1.0, 3.0]), stats::mean([]))
    println(std::text::pad_left("7", 3, '0'), std::resources::power(100J, 4s), std::resources::to_kwh(3.6MJ))
}
