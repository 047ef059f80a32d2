// if / else if / then, while, for over ranges, arrays and strings, loop with break values.
fn classify(n: Int) -> String {
    if n < 0 { "negative" } else if n == 0 { "zero" } else if n < 10 then { "small" } else { "large" }
}

fn main() {
    println(classify(-5), classify(0), classify(7), classify(42))

    let mut i = 0
    let mut total = 0
    while i < 5 {
        total += i
        i += 1
    }
    println(total)

    let mut s = 0
    for k in 1..=10 { s += k }
    println(s)

    let mut out = ""
    for k in 0..3 { out = out + to_string(k) + ";" }
    println(out)

    let words = ["alpha", "beta", "gamma"]
    for w in words {
        println(w, len(w))
    }

    let mut vowels = 0
    for ch in "education" {
        if ch == 'a' or ch == 'e' or ch == 'i' or ch == 'o' or ch == 'u' { vowels += 1 }
    }
    println(vowels)

    let mut n = 1
    let first_big = loop {
        n = n * 3
        if n > 100 { break n }
    }
    println(first_big)

    let mut j = 0
    let mut odds = 0
    while true {
        j += 1
        if j > 9 { break }
        if j % 2 == 0 { continue }
        odds += j
    }
    println(odds)

    for (a, b) in [(1, 'x'), (2, 'y')] {
        println(a, b)
    }

    let sign = if total > 0 { 1 } else { -1 }
    if sign == 1 then { println("positive total") }
    if sign < 0 {
        println("negative total")
    }
    else {
        println("else on its own line")
    }

    let blockv = {
        let t = 4
        t * t
    }
    println(blockv)

    let mut found = -1
    for x in [4, 8, 15, 16] {
        if x % 2 == 1 {
            found = x
            break
        }
    }
    println(found)
    for _ in 0..0 { println("never") }
    let counted = loop { break }
    println(counted)
}
