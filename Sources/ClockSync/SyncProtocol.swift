import OSC

/// The clock-sync exchange over OSC: `/clock/ping id T1` → `/clock/pong id T1 T2 T3`, times as
/// OSC timetags (NTP), so any OSC peer can answer.
public enum SyncProtocol {
  public static let pingAddress = "/clock/ping"
  public static let pongAddress = "/clock/pong"

  public static func ping(id: Int32, sentAt t1: Int64) -> OSCMessage? {
    guard let tag = Timetag(unixNanoseconds: t1) else { return nil }
    return OSCMessage(pingAddress, [.int32(id), .timetag(tag)])
  }

  /// The answer to a ping received at `t2`, to be sent at `t3` (both on the peer's clock).
  public static func pong(to ping: OSCMessage, receivedAt t2: Int64, sendingAt t3: Int64) -> OSCMessage? {
    guard ping.address == pingAddress, ping.arguments.count == 2, case .int32(let id) = ping.arguments[0],
      case .timetag(let t1) = ping.arguments[1], let r = Timetag(unixNanoseconds: t2),
      let s = Timetag(unixNanoseconds: t3)
    else { return nil }
    return OSCMessage(pongAddress, [.int32(id), .timetag(t1), .timetag(r), .timetag(s)])
  }

  /// A pong received at `t4`, as (id, sample); nil for anything else.
  public static func sample(from pong: OSCMessage, receivedAt t4: Int64) -> (id: Int32, sample: SyncSample)? {
    guard pong.address == pongAddress, pong.arguments.count == 4, case .int32(let id) = pong.arguments[0],
      case .timetag(let t1) = pong.arguments[1], case .timetag(let t2) = pong.arguments[2],
      case .timetag(let t3) = pong.arguments[3]
    else { return nil }
    return (
      id,
      SyncSample(t1: t1.roundedUnixNanoseconds, t2: t2.roundedUnixNanoseconds, t3: t3.roundedUnixNanoseconds, t4: t4)
    )
  }
}
