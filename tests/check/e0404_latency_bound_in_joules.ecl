fn g() @requires(latency: 3J) { }
