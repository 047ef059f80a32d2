// Constants: literals, other constants (in any order), operators, casts, tuples and arrays.
const DOUBLE_HALF = HALF * 2
const MAX: Int = 100
const HALF = MAX / 2
const RATE: Float = 1.5
const MASK: u8 = 0xF0 | 0x0F
const NAME: String = "ecl" + "exia"
const LIMIT: Resource<Energy> = 2kJ + 500J
const FLAGS = [true, false]
const ORIGIN: (Int, Int) = (0, -1)
const DERIVED = (HALF as Float) * RATE
const NEG = -MAX;
const BOTH = not false and true
const POWERS: [Int; 3] = [1 << 0, 1 << 1, 2 ** 2]

fn under_limit(e: Resource<Energy>) -> Bool { e <= LIMIT }

fn main() {
    println(MAX, HALF, DOUBLE_HALF, RATE, MASK, NAME)
    println(LIMIT, FLAGS, ORIGIN)
    println(DERIVED, NEG, BOTH, POWERS)
    println(under_limit(2kJ), under_limit(3kJ), ORIGIN.1)
}
