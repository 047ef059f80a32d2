// Unicode identifiers (XID) and Unicode text.
fn 面積(幅: Int, 高さ: Int) -> Int { 幅 * 高さ }

const Ω: Int = 3

fn main() {
    let π = 3.5
    let 半径 = 2.0
    let Δx = 0.5
    println(π * 半径 * 半径)
    println(面積(3, 4), 面積(Ω, Ω))
    println(Δx + Δx)
    let café = "naïve ☕"
    println(café, len(café))
    let _private = 1
    let snake_case_2 = _private + 1
    println(snake_case_2)
    for ch in "äöü" { print(ch) }
    println()
    println('面', '\u{1F980}', "日本" + "語")
}
