macro forever { ($a: expr) => { forever!($a + 1) } }

fn main() {
    let v = forever!(0)
}
