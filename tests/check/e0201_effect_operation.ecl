effect Log {
    write(msg: String)
}

fn main() {
    Log::write("hello")
}
