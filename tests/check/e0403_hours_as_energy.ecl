fn main() {
    let worse: Resource<Energy> = 2h
}
