fn main() {
    let parts = [to_string(42), to_string(-1.5), to_string(true), to_string('c'), to_string("s"), to_string(()), to_string(250ms)];
    println(join(parts, "|"));
    println(to_string(["a"]) == "[\"a\"]", to_string(Some('x')), len(to_string(1e16)));
}
