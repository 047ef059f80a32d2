fn main() {
    else { }
}
