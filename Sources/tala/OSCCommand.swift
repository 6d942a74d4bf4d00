import ArgumentParser
import OSC

/// `tala osc`: convert OSC packets between hex bytes and the JSON form.
struct OSCCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "osc",
    abstract: "Decode OSC packets to JSON and encode JSON to OSC packets.",
    discussion: """
      JSON form:
        message: {"address":"/a","types":",ifsb","args":[1,0.5,"x","0aff"]}
        bundle:  {"timetag":"0x00000000.00000001","elements":[ …packets… ]}
      Values: i h integers; f d numbers ("nan", "inf", "-inf" as strings); s S strings; c a \
      one-character string; b lower-case hex; t a timetag string; r an unsigned integer; m an \
      array of 4 integers; T F N I only in "types"; [ ] a nested array.

      Examples:
        tala osc decode 2f610000 2c690000 00000001
        tala osc encode '{"address":"/a","types":",i","args":[1]}'
      """,
    subcommands: [Decode.self, Encode.self]
  )

  struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON form of a packet given as hex bytes.")

    @Argument(help: "The packet in hex (spaces allowed, optional 0x).")
    var hex: [String]

    func run() throws {
      guard let bytes = bytes(fromHex: hex.joined()) else {
        throw CLIError("invalid hex: expected pairs of hex digits")
      }
      do {
        print(try OSCPacket(decoding: bytes).json)
      } catch {
        throw CLIError("malformed OSC packet: \(error.description)")
      }
    }
  }

  struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the packet described by JSON as hex bytes.")

    @Argument(help: "The packet in the JSON form.")
    var json: String

    func run() throws {
      let packet: OSCPacket
      do { packet = try OSCPacket(json: json) } catch { throw CLIError("invalid JSON packet: \(error.description)") }
      do { print(hexString(try packet.encoded())) } catch { throw CLIError("cannot encode: \(error.description)") }
    }
  }
}
