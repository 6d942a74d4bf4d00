/// A failure reported to the user: ArgumentParser prints "Error: <description>" and exits 1.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) {
    self.description = description
  }
}
