fn f() -> Int { 1 }

fn main() {
    f() = 3
}
