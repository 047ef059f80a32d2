fn main() {
    println(gpu_available(), cpu_cores());
    println(file_exists("/definitely/not/here"));
}
