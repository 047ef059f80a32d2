fn main() {
    println(abs(-3), abs(-2.5), abs(1J - 3J), abs(0));
    println(min(1J, 2J), max(250ms, 1s), min(3, 7), max(-1.0, -2.0));
    println(floor(2.7), ceil(2.1), round(2.5), round(-2.5), floor(-0.5), round(0.49999999999999994), ceil(-0.5));
    println(PI, E, TAU);
    println(exp(0.0), ln(1.0), sin(0.0), cos(0.0), sqrt(0.25), log10(1.0), log2(1.0), tan(0.0));
    println(log(1.0), pow(3, 2), sqrt(-4.0));
}
