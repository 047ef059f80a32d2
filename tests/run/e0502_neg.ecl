fn main() {
    let m = -9223372036854775807 - 1;
    let n = -m;
}
