fn main() {
    let xs = [1, 2, 3, 4];
    let ys = map(xs, |x| {
        print(x, "");
        x * x
    });
    println();
    let evens = filter(ys, |y| y % 2 == 0);
    let total = fold(xs, 100, |acc, x| {
        print("(" + to_string(acc) + ")");
        acc - x
    });
    println();
    println(ys, evens, total);
    println(array_map([1.5], |f| f * 2.0), array_filter(["a", "bb"], |s| len(s) > 1));
    println(xs.map(|x| x + 1).filter(|x| x > 3));
}
