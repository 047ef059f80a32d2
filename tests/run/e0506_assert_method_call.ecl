fn main() {
    let ok = false;
    ok.assert();
}
