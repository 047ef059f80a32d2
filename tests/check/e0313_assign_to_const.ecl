const LIMIT: Int = 5

fn main() {
    LIMIT = 6
}
