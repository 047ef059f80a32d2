fn main() {
    print(1, "a", 'c');
    println();
    print();
    println("x", 2.0, true, ());
    print("no newline");
    print("|");
    println();
    println();
    println(to_string("a") + to_string('b') + to_string([1]) + to_string(1.5kJ) + to_string(2.0));
}
