fn i(tag: String, v: Int) -> Int {
    print(tag);
    v
}
fn main() {
    let a = [10, 20, 30];
    a[i("place ", 1)] = i("value ", 5);
    println(a);
    a[i("place ", 2)] += i("value ", 7);
    println(a);
}
