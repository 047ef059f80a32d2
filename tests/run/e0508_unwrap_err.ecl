fn main() {
    let r: Result<Int, String> = Err("bad");
    println(r.unwrap());
}
