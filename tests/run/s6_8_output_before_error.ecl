fn main() {
    print("partial ");
    println("line");
    print("no newline yet");
    panic("stop");
}
