fn main() {
    let mut x = 10;
    x += 5; x -= 3; x *= 2; x /= 5; x %= 3;
    let mut f = 1.5;
    f *= 2.0; f -= 0.5;
    let mut e = 1J;
    e += 2J; e *= 3;
    let t = (1, 2);
    t.1 += 10;
    println(x, f, e, t);
}
