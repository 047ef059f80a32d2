// Math builtins; only exactly representable results are printed.
fn main() {
    println(abs(-5), abs(-2.5), abs(2J - 5J), abs(7))
    println(min(3, 7), max(3, 7), min(2, 2.5), max(1.5, 1), min(5J, 3J), max(2s, 1min))
    println(sqrt(16.0), sqrt(2), pow(2.0, 10.0), pow(2, 3))
    println(floor(2.7), ceil(2.1), round(2.5), round(-2.5), floor(-0.5), round(2.4))
    println(exp(0.0), ln(1.0), sin(0.0), cos(0.0), tan(0.0), log(1.0))
    println(PI, E, TAU)
    println(log(8.0, 2.0) > 2.99, exp(1.0) > 2.7, log10(1000.0) > 2.9, log2(1024.0) > 9.9)
    println(sqrt(-1.0) == sqrt(-1.0), 1e308 * 10.0, -1e308 * 10.0)
    println(1.0 / 3.0, 2.0 / 3.0, 1.1 * 1.1)
    println(-5.5 % 2.0, 2 ** 62, -(2 ** 62) * 2)
}
