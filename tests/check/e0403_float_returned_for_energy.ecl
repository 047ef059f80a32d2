fn e() -> Energy {
    3.0
}
