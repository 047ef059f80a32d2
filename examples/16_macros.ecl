// Macros: several rules chosen by argument count, used above their definitions,
// nested expansion, and call-site name resolution.
fn main() {
    println(square!(7), square!(2 + 3))
    println(max_of!(3, 9), max_of!(4), max_of!(10, 2))
    println(sum3!(1, 2, 3))
    println(greeting!())
    println(quad!(2))
    let mut counter = 0
    bump_counter!()
    bump_counter!()
    println(counter)
    let label = "x"
    println(tagged!(label, 42))
}

macro square { ($x: expr) => { $x * $x } }

macro max_of {
    ($a: expr) => { $a },
    ($a: expr, $b: expr) => { if $a > $b { $a } else { $b } }
}

macro sum3 { ($a: expr, $b: expr, $c: expr) => { $a + $b + $c }; }

macro greeting { () => { "hello" } }

macro quad { ($x: expr) => { square!($x) * square!($x) } }

macro bump_counter { () => { counter += 1 } }

macro tagged {
    ($t: expr) => { $t };
    ($t: expr, $v: expr) => { $t + "=" + to_string($v) }
}
