fn main() {
    let s = "tab \t is fine, but \q is not"
}
