fn find(xs: [Int], target: Int) -> Int {
    let mut i = 0;
    for x in xs {
        if x == target { return i; }
        i += 1;
    }
    -1
}
fn main() {
    println(find([5, 6, 7], 7), find([5, 6, 7], 9));
}
