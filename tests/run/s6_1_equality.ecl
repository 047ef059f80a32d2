struct P { x: Int, y: Float }
fn main() {
    println([1, 2] == [1, 2], [1, 2] == [2, 1], (1, "a") == (1, "a"));
    println(1kJ == 1000J, 250ms == 0.25s, P { x: 1, y: 2.0 } == P { x: 1, y: 2.0 });
    let nan = sqrt(-1.0);
    println(nan == nan, nan != nan, 0.0 == -0.0);
    let m1 = hashmap_new();
    hashmap_insert(m1, "a", 1);
    hashmap_insert(m1, "b", 2);
    let m2 = hashmap_new();
    hashmap_insert(m2, "b", 2);
    hashmap_insert(m2, "a", 1);
    println(m1 == m2, Some(3) == Some(3), Some(3) == None);
    println(1 == 1.0, 2 != 2.5);
}
