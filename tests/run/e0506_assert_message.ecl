fn main() {
    let n = 3;
    assert(n % 2 == 0, "n must be even");
}
