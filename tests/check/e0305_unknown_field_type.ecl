struct Body { position: Vector3 }
