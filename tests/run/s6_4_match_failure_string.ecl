fn main() {
    let s = "zz\"q";
    println("before");
    let n = match s {
        "a" => 1,
        "b" => 2,
    };
    println(n);
}
