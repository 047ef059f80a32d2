// The Eclexia standard library: what the builtins of LANGUAGE §11 do not cover, written in
// Eclexia. A program that names `std` (`use std::math::clamp`, `std::stats::mean(xs)`)
// gets these modules; other programs see nothing of them. Everything here is ordinary
// code: calls are metered like any other (§7.4), loops charge loop energy (§7.6).

// Numbers.
pub module math {
    // `x` limited to `lo..=hi`.
    pub fn clamp(x: Float, lo: Float, hi: Float) -> Float {
        if x < lo { lo } else if x > hi { hi } else { x }
    }

    // `x` limited to `lo..=hi`, for Ints.
    pub fn clamp_int(x: Int, lo: Int, hi: Int) -> Int {
        if x < lo { lo } else if x > hi { hi } else { x }
    }

    // Linear interpolation: `a` at t = 0, `b` at t = 1.
    pub fn lerp(a: Float, b: Float, t: Float) -> Float {
        a + (b - a) * t
    }

    // Greatest common divisor (non-negative).
    pub fn gcd(a: Int, b: Int) -> Int {
        let mut x = abs(a);
        let mut y = abs(b);
        while y != 0 {
            let r = x % y;
            x = y;
            y = r;
        }
        x
    }

    // Whether `a` and `b` differ by at most `tolerance`.
    pub fn approx_eq(a: Float, b: Float, tolerance: Float) -> Bool {
        abs(a - b) <= tolerance
    }
}

// Statistics over arrays of Floats.
pub module stats {
    // The arithmetic mean; `None` for an empty array.
    pub fn mean(xs: [Float]) -> Option<Float> {
        if len(xs) == 0 { None } else { Some(sum(xs) / to_float(len(xs))) }
    }

    // The population variance; `None` for an empty array.
    pub fn variance(xs: [Float]) -> Option<Float> {
        match mean(xs) {
            Some(m) => Some(sum(map(xs, |x| (x - m) * (x - m))) / to_float(len(xs))),
            None => None,
        }
    }

    // The smallest element; `None` for an empty array.
    pub fn minimum(xs: [Float]) -> Option<Float> {
        if len(xs) == 0 { None } else { Some(fold(xs, xs[0], |a, x| min(a, x))) }
    }

    // The largest element; `None` for an empty array.
    pub fn maximum(xs: [Float]) -> Option<Float> {
        if len(xs) == 0 { None } else { Some(fold(xs, xs[0], |a, x| max(a, x))) }
    }
}

// Strings.
pub module text {
    // `s` repeated `n` times (empty for n <= 0).
    pub fn repeat(s: String, n: Int) -> String {
        let mut out = "";
        let mut i = 0;
        while i < n {
            out = out + s;
            i = i + 1;
        }
        out
    }

    // `s` padded on the left with `fill` to at least `width` chars.
    pub fn pad_left(s: String, width: Int, fill: Char) -> String {
        repeat(to_string(fill), width - len(s)) + s
    }

    // `s` padded on the right with `fill` to at least `width` chars.
    pub fn pad_right(s: String, width: Int, fill: Char) -> String {
        s + repeat(to_string(fill), width - len(s))
    }
}

// Resources and economics.
pub module resources {
    // Average power of spending `e` over `t`.
    pub fn power(e: Resource<Energy>, t: Resource<Time>) -> Resource<Power> {
        e / t
    }

    // Energy of running at power `p` for `t`.
    pub fn energy(p: Resource<Power>, t: Resource<Time>) -> Resource<Energy> {
        p * t
    }

    // Energy in kilowatt-hours, as a Float.
    pub fn to_kwh(e: Resource<Energy>) -> Float {
        e / 1kWh
    }

    // Whether the grid is cleaner than `threshold` gCO2e/kWh right now.
    pub fn grid_is_clean(threshold: Float) -> Bool {
        carbon_intensity() < threshold
    }
}
