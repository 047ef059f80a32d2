fn main() {
    println(split("a,,b", ","), split(",a,", ","), split("a--b--c", "--"));
    println(join(["x", "y", "z"], "-"), join(split("1 2", " "), "+"), join([], ","));
    println(str_split("k=v", "="));
}
