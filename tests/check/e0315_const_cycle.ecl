const A: Int = B + 1
const B: Int = A + 1
