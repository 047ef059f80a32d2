adaptive def mode(n: Int) -> Int {
    @solution "only":
        @when: "yes"
        @provides: energy: 1J
    {
        n
    }
}
