// Operator precedence, bit operations, word and symbol logic operators, casts, ranges,
// compound assignment.
fn main() {
    println(-2 ** 2, 2 ** 3 ** 2, (-2) ** 2, 2.0 ** -1.0, 2 ** 10, 1.5 ** 2)
    println(2 + 3 * 4, (2 + 3) * 4, 10 - 4 - 3, 2 * 3 % 4, 100 / 10 / 5)
    println(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010, ~0, 1 << 4, -16 >> 2)
    println(1 | 2 ^ 3 & 4, 1 << 2 + 1, 6 & 3 == 2, 1 << 63)

    let t = true
    let f = false
    println(t && f, t || f, !t, t and not f, f or t, not (t and f))
    println(3 < 5, 5 <= 5, "apple" < "banana", 'a' < 'b', 2 != 3, 1 == 1.0, 2.5 > 2)

    println(7 as Float, 3.99 as Int, -3.99 as Int, 'A' as Int, 97 as Char)
    println(2 * 3 as Float, -5 as Float, 1500 as Energy, 2.5 as Resource<Time>)
    println(3kJ as Float, 250ms as Resource[Time], 1kWh as Resource<Energy>)
    println(5 as Int, 1.5 as Float, 'x' as Char, "s" as String, 960 as u8 as Char)

    let r = 0..5
    let ri = 1..=3
    let n = 4
    println(r, ri, 0..n + 1)

    let mut x = 10
    x += 5; x -= 3; x *= 2; x /= 4; x %= 4
    println(x)
    let mut fl = 1.5
    fl *= 4.0
    fl -= 0.5
    println(fl)
    let mut en = 1kJ
    en += 500J
    en /= 3.0
    println(en)
    let mut msg = "a"
    msg += "b"
    println(msg)
    println(1 + 0.5, 3 / 2, 3.0 / 2, 7 % 2.5)
}
