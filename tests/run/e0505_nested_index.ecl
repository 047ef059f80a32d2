fn main() {
    let grid = [[1, 2], [3]];
    println(grid[1][0]);
    println(grid[1][1]);
}
