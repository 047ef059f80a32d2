fn main() {
    println(0x1F600 as Char);
    let c = 0xD800 as Char;
}
