fn inc(x: Int) -> Int { x + 1 }

fn main() {
    let same = inc == inc
}
