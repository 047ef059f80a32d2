struct Cell { v: Int }
struct Cell { w: Int }
