import Glibc
import Testing

@testable import Net

/// Batched receiving (`recvmmsg` into a `DatagramBatch`), the receive buffer request, and the
/// kernel's drop count (`SO_RXQ_OVFL`), over real loopback sockets.
@Suite struct BatchReceiveTests {
  @Test func aBatchTakesManyDatagramsInOrderWithTheirSources() throws {
    let receiver = try UDPReceiver(port: 0)
    let sender = try UDPSender(to: receiver.localAddress)
    for i in 0..<10 { try sender.send([UInt8(i), 0, 0, UInt8(i)]) }
    let batch = DatagramBatch(capacity: 4)
    var seen: [[UInt8]] = []
    for _ in 0..<20 where seen.count < 10 {
      let taken = try receiver.receive(into: batch, timeoutMilliseconds: 1_000)
      #expect(taken <= 4)
      for i in 0..<taken {
        seen.append(Array(batch[i].bytes))
        #expect(batch[i].source == sender.localAddress)
      }
    }
    #expect(seen == (0..<10).map { [UInt8($0), 0, 0, UInt8($0)] })
    #expect(try receiver.receive(into: batch, timeoutMilliseconds: 0) == 0)
    #expect(batch.kernelDrops == 0)
  }

  /// A receive buffer too small for what is sent: the kernel drops the rest, and the next
  /// datagram to arrive carries the count, which is exactly what was sent but not received.
  @Test func theKernelsDropCountIsReported() throws {
    let receiver = try UDPReceiver(port: 0)
    let granted = receiver.requestReceiveBuffer(bytes: 4096)
    #expect(granted > 0 && granted < 65536, "granted \(granted)")
    let sender = try UDPSender(to: receiver.localAddress)
    let sent = 500
    for i in 0..<sent { try sender.send([UInt8(i & 0xFF), 1, 2, 3]) }
    let batch = DatagramBatch(capacity: 64)
    var received = 0
    for _ in 0..<100 {
      let taken = try receiver.receive(into: batch, timeoutMilliseconds: 0)
      if taken == 0 { break }
      received += taken
    }
    #expect(received > 0 && received < sent, "received \(received) of \(sent)")
    // The drops so far ride on the next datagram queued after them.
    try sender.send([9, 9, 9, 9])
    #expect(try receiver.receive(into: batch, timeoutMilliseconds: 5_000) == 1)
    #expect(Array(batch[0].bytes) == [9, 9, 9, 9])
    #expect(Int(batch.kernelDrops) == sent - received)
  }

  @Test func aLargeReceiveBufferIsGrantedUpToTheSystemLimit() throws {
    let receiver = try UDPReceiver(port: 0)
    let before = receiver.receiveBufferBytes
    let granted = receiver.requestReceiveBuffer(bytes: 8 << 20)
    #expect(granted >= before)
  }

  /// The control-message walk, on bytes laid out as the kernel lays them out: a timestamp,
  /// then the drop count.
  @Test func controlMessagesAreParsed() {
    let align = MemoryLayout<Int>.size
    func padded(_ n: Int) -> Int { (n + align - 1) / align * align }
    let header = MemoryLayout<cmsghdr>.size
    var bytes = [UInt8](repeating: 0, count: 128)
    var offset = 0
    bytes.withUnsafeMutableBytes { raw in
      var stamp = cmsghdr()
      stamp.cmsg_len = header + MemoryLayout<timespec>.size
      stamp.cmsg_level = SOL_SOCKET
      stamp.cmsg_type = SO_TIMESTAMPNS
      raw.storeBytes(of: stamp, toByteOffset: offset, as: cmsghdr.self)
      raw.storeBytes(of: timespec(tv_sec: 12, tv_nsec: 345), toByteOffset: offset + padded(header), as: timespec.self)
      offset += padded(stamp.cmsg_len)
      var drops = cmsghdr()
      drops.cmsg_len = header + 4
      drops.cmsg_level = SOL_SOCKET
      drops.cmsg_type = SO_RXQ_OVFL
      raw.storeBytes(of: drops, toByteOffset: offset, as: cmsghdr.self)
      raw.storeBytes(of: UInt32(4_000_000_001), toByteOffset: offset + padded(header), as: UInt32.self)
      offset += padded(drops.cmsg_len)
    }
    bytes.withUnsafeBytes { raw in
      let control = UnsafeRawBufferPointer(rebasing: raw[..<offset])
      #expect(ControlMessages.timestamp(in: control) == 12_000_000_345)
      #expect(ControlMessages.drops(in: control) == 4_000_000_001)
      // Cut inside the second message's data (4 bytes, then padding): the first still reads,
      // the second does not.
      let cut = UnsafeRawBufferPointer(rebasing: raw[..<(offset - padded(4) + 2)])
      #expect(ControlMessages.timestamp(in: cut) == 12_000_000_345)
      #expect(ControlMessages.drops(in: cut) == nil)
      #expect(ControlMessages.drops(in: UnsafeRawBufferPointer(rebasing: raw[..<0])) == nil)
    }
  }
}
