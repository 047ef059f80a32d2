fn compute() -> Int { 4 }

const SIZE: Int = compute()
