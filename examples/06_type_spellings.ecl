// Every spelling of every type form of LANGUAGE §5.1.
fn ints(a: int, b: i8, c: i16, d: i32, e: i64, f: isize) -> Int { a + b + c + d + e + f }
fn uints(a: u8, b: u16, c: u32, d: u64, e: usize) -> i64 { a + b + c + d + e }
fn floats(a: Float, b: float, c: f32, d: f64, e: Float64) -> f64 { a + b + c + d + e }

fn texts(a: String, b: string, c: str, d: Char, e: char, f: Bool, g: bool) -> String {
    if f and g { a + b + c + to_string(d) + to_string(e) } else { "" }
}

fn units(a: Unit, b: ()) -> Unit { a }

fn arrays(a: [Int], b: [Int; 3], c: Array<Int>, d: Vec<Int>) -> Int {
    a[0] + b[1] + c[2] + d.len()
}

fn options(a: Option<Int>, b: Option[Int], c: Result<Int, String>, d: Result[Int, String]) -> Int {
    unwrap_or(a, 0) + unwrap_or(b, 0) + unwrap_or(c, 0) + unwrap_or(d, 0)
}

fn maps(a: HashMap<String, Int>, b: Map<String, Int>) -> Int { hashmap_len(a) + hashmap_len(b) }

fn ranges(r: Range) -> Int {
    let mut n = 0
    for i in r { n += i }
    n
}

fn resources(e: Resource<Energy>, t: Resource[Time], p: Resource<Energy / Time>, q: Energy, w: Power) -> Resource<Energy> {
    e + q + p * t + w * t
}

fn more_dims(l: Latency, d: Duration, c: Carbon, m: Memory, dd: Data, u: Compute, money: Money) -> Resource<Time> {
    l + d
}

fn derived(x: Resource<Energy * Time>, f: Resource<Time^-1>, one: Resource<1>, ci: CarbonIntensity) -> Float {
    one
}

fn echoes(a: Echo<Int, Int>, b: Echo[Int, Int]) -> Int { echo_witness(a) + echo_base(b) }

fn functions(f: fn(Int) -> Int, g: (Int, Int) -> Int, h: fn(Int), k: () -> Int, m: (Int) -> Int) -> Int {
    h(1)
    f(g(k(), m(2)))
}

fn tuples(p: (Int, String), single: (Int,)) -> Int { p.0 + single.0 }

fn main() {
    println(ints(1, 2, 3, 4, 5, 6))
    println(uints(1, 2, 3, 4, 5))
    println(floats(0.5, 0.25, 1.0, 2.0, 0.25))
    println(texts("a", "b", "c", 'd', 'e', true, true))
    println(units((), ()))
    println(arrays([1], [0, 2, 0], [0, 0, 3], [7, 8]))
    println(options(Some(1), None, Ok(2), Err("no")))
    let m: Map<String, Int> = hashmap_new()
    hashmap_insert(m, "k", 1)
    println(maps(m, m))
    println(ranges(1..=4), ranges(0..4))
    println(resources(1J, 2s, 3W, 4J, 5W))
    println(more_dims(1s, 2s, 1gCO2e, 1B, 1KB, 1CU, 1USD))
    println(derived(2J * 3s, 1.0 / 4s, 0.5, 3gCO2e / 1J))
    println(echoes(echo(|x| x + 1, 1), echo(|x| x * 10, 2)))
    println(functions(|x| x * 2, |a, b| a + b, |x| println("h got", x), || 10, |y| y - 1))
    println(tuples((40, "x"), (2,)))
    let inferred: _ = 5
    let list: [_] = [1, 2]
    let pair: (_, String) = (1.5, "s")
    println(inferred + list[1], pair)
}
