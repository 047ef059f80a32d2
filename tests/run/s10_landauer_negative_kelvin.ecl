fn main() {
    println(landauer_cost(2, 1.0) > 0J);
    let c = landauer_cost(2, -1.0);
    println(c);
}
