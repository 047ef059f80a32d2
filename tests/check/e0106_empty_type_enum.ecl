type Void = enum { }
