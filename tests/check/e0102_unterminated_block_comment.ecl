fn main() {
    /* this comment
       never ends
}
