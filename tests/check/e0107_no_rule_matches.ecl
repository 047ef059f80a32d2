macro twice { ($a: expr) => { $a * 2 } }

fn main() {
    let v = twice!(1, 2)
}
