fn main() {
    let a = [3, 1, 2, 1];
    let s = sort(a);
    println(s, a, reverse(a), a);
    println(sort(["b", "a", "B"]), sort(['z', 'a']), sort([2.5, -1.0, 0.5]), sort([2J, 1kJ, 3mJ]));
    println(sort([0.0, -0.0]), sort([-0.0, 0.0]), sort([1.0, -0.0, 0.0, -1.0]));
    let e: [Int] = [];
    println(sort(e), reverse(e));
}
