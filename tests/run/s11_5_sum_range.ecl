fn main() {
    let ei: [Int] = [];
    let ef: [Float] = [];
    let ee: [Resource<Energy>] = [];
    println(sum([1, 2, 3]), sum(ei), sum(ef), sum(ee), sum([1.5J, 2.5J]), array_sum([0.5, 0.25]));
    println(range(3), range(2, 5), range(5, 2), range(0), range(-2), range(-2, 1));
}
