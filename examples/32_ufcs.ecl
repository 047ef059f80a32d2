// Uniform call syntax: `x.f(args)` is a method of x's type if one exists, else `f(x, args)`.
struct Temp { celsius: Float }

impl Temp {
    fn fahrenheit(self) -> Float { self.celsius * 9.0 / 5.0 + 32.0 }
}

fn double(x: Int) -> Int { x * 2 }
fn describe(t: Temp, unit: String) -> String { to_string(t.celsius) + unit }

fn main() {
    let xs = [3, 1, 2]
    println(xs.len(), xs.sort(), xs.reverse(), xs.sum())
    xs.push(4)
    println(xs, xs.contains(4), xs.is_empty())
    println(21.double(), 5.double().double())
    let t = Temp { celsius: 100.0 }
    println(t.fahrenheit(), t.describe("C"))
    let opt = Some(3)
    println(opt.is_some(), opt.unwrap(), opt.unwrap_or(0))
    println("  padded ".trim().to_uppercase(), "a,b".split(","))
    println(42.to_string() + "!", 2.5.to_string(), 9.0.sqrt(), 2.pow(8))
    println(xs.map(|x| x * 10), xs.fold(0, |a, b| a + b), xs.filter(|x| x > 2))
    let m = hashmap_new()
    m.hashmap_insert("k", 1)
    println(m.hashmap_len(), m.hashmap_get("k").unwrap())
}
