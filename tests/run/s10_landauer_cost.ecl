fn main() {
    println(landauer_cost(1, 300.0), landauer_cost(0, 300.0), landauer_cost(-3, 300.0), landauer_cost(2, 0.0));
    let two = landauer_cost(2, 300.0);
    let four = landauer_cost(4, 300.0);
    println(two > 0J, four > two, two < 1e-20J);
    let expected = ((1.380649e-23 * 300.0) * ln(2 as Float)) as Energy;
    println(two == expected);
    println(resource_used(energy));
}
