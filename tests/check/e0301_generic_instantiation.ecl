fn same<T>(a: T, b: T) -> T { a }

fn main() {
    let v = same(1, "x")
}
