// Integer and float literal forms (LANGUAGE §2.5) and integer/float arithmetic.
fn main() {
    println(1_000_000, 42, 0)
    println(0xFF, 0xdead_beef, 0o17, 0o7_7, 0b1010, 0b1111_0000)
    println(3.14, 1_000.5, 10.0_1, 2e3, 1.5E-3, 6.02e23, 1e-7, 2.5e+2)
    println(0.1 + 0.2, 1e16, 1.5e16, 123456789.0, 0.0001, 0.00001, -0.0)
    println(9223372036854775807, -9223372036854775807 - 1)
    println(7 / 2, -7 / 2, -7 % 3, 7 % -3)
    println(7.0 / 2.0, 5.0 % 3.0, 1 + 2.5, 2 * 0.5)
    let big = 1_0000_0000
    let mask = 0b1111 << 4
    println(big, mask, 0x10 + 0o10 + 0b10 + 10)
}
