fn main() {
    let w = echo_witness(42)
}
