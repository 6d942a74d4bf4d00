import Foundation
import Testing

/// `tala show` as users meet it: the built binary, its grid, its errors and exit status.
@Suite struct ShowCommandTests {
  @Test func drawsAGrid() throws {
    let r = try Tala.run(["show", "--cycles", "1", "bd*2 [~ sn]"])
    #expect(r.status == 0)
    #expect(r.stdout == "      |0   |\nbd    |xx..|\nsn    |...x|\n")
    let expression = try Tala.run(["show", "--color", "never", #"s "bd sn" # n "<0 1>""#])
    #expect(expression.stdout == "      |0 |1 |\nbd:0  |x.|..|\nsn:0  |.x|..|\nbd:1  |..|x.|\nsn:1  |..|.x|\n")
  }

  @Test func colourOnlyWhenAsked() throws {
    #expect(try Tala.run(["show", "bd"]).stdout.contains("\u{1B}[") == false)
    #expect(try Tala.run(["show", "--color", "always", "bd"]).stdout.contains("\u{1B}[31mx"))
  }

  @Test func errorsPointIntoTheText() throws {
    let r = try Tala.run(["show", #"s "bd*2" # gian 1"#])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("error: 1:12: "), "\(r.stderr)")
    #expect(r.stderr.contains("  s \"bd*2\" # gian 1\n             ^"), "\(r.stderr)")
  }

  @Test func rejectsBadOptions() throws {
    #expect(try Tala.run(["show", "--cycles", "0", "bd"]).status != 0)
    #expect(try Tala.run(["show", "--resolution", "1000", "bd"]).status != 0)
    let r = try Tala.run(["show", "--resolution", "4", "--cycles", "1", "bd*3"])
    #expect(r.stdout == "      |0   |\nbd    |xx=x|\nresolution 1/4, rounded\n")
  }
}
