fn main() {
    println(3.9 as Int, -3.9 as Int, 7 as Float, 65 as Char, 'é' as Int);
    println(2.5kJ as Float, 250ms as Float, 3 as Energy, 0.5 as Resource<Time>);
    println(1500J as Resource<Energy>, to_int(2.7), to_float(3), -0.5 as Int);
    println(9007199254740993 as Float, 1e15 as Int);
}
