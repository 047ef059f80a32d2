def show(label: String, item) { }
