/// SuperDirt's `shape`: the soft saturation `(1 + k)·x / (1 + k·|x|)` with
/// `k = 2·shape / (1 − shape)`, shape capped just below 1. Memoryless.
struct Shape {
  let k: Float

  init(_ amount: Double) {
    let s = min(amount, 1 - 4e-10)
    k = Float(2 * s / (1 - s))
  }

  func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int) {
    apply(left, frames)
    if channels == 2 { apply(right, frames) }
  }

  private func apply(_ x: UnsafeMutablePointer<Float>, _ frames: Int) {
    let k = k
    for i in 0..<frames {
      let v = x[i]
      x[i] = (1 + k) * v / (1 + k * abs(v))
    }
  }
}
