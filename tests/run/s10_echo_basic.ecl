fn main() {
    let parity = |x: Int| x % 2;
    let e = echo(parity, 5);
    println(e);
    println(echo_witness(e), echo_base(e));
    println(e == echo(parity, 5), e == echo(parity, 7), echo_base(echo(parity, 7)) == echo_base(e));
    let s = echo(|t: String| len(t), "héllo");
    println(echo_witness(s), echo_base(s));
}
