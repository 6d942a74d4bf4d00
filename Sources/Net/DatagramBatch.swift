import CNet
import Glibc

/// Reusable memory for receiving many datagrams with one system call (`recvmmsg`), filled by
/// `UDPReceiver.receive(into:timeoutMilliseconds:)`.
///
/// Nothing is allocated per datagram: each slot has its own 64 KiB buffer (only the pages a
/// datagram touches become resident), address and control-message room. A datagram's bytes are
/// valid until the next `receive(into:)` on the same batch; copy out what must outlive that.
/// Not thread-safe: one batch per receiving thread.
public final class DatagramBatch {
  /// How many datagrams one call can take.
  public let capacity: Int
  /// How many the last call took (`0..<count` are valid indices).
  public private(set) var count = 0
  /// The socket's count of datagrams the kernel dropped because its receive buffer was full
  /// (`SO_RXQ_OVFL`), as of the latest datagram that carried it; 0 until one did (the kernel
  /// sends it only once it is non-zero). Cumulative over the socket's life.
  public private(set) var kernelDrops: UInt32 = 0

  static let controlSize = 128
  private let slotSize = UDPReceiver.maxDatagramSize
  private let data: UnsafeMutableRawBufferPointer
  private let control: UnsafeMutableRawBufferPointer
  private let names: UnsafeMutablePointer<sockaddr_storage>
  private let vectors: UnsafeMutablePointer<iovec>
  private let headers: UnsafeMutablePointer<tala_mmsghdr>

  /// - Parameter capacity: datagrams per call (at least 1).
  public init(capacity: Int = 64) {
    self.capacity = max(1, capacity)
    data = .allocate(byteCount: self.capacity * slotSize, alignment: 16)
    control = .allocate(byteCount: self.capacity * Self.controlSize, alignment: 16)
    names = .allocate(capacity: self.capacity)
    vectors = .allocate(capacity: self.capacity)
    headers = .allocate(capacity: self.capacity)
    for slot in 0..<self.capacity {
      vectors[slot] = iovec(iov_base: data.baseAddress! + slot * slotSize, iov_len: slotSize)
    }
  }

  deinit {
    data.deallocate()
    control.deallocate()
    names.deallocate()
    vectors.deallocate()
    headers.deallocate()
  }

  /// The `index`th datagram of the last call.
  public subscript(index: Int) -> ReceivedDatagram {
    precondition(index >= 0 && index < count, "datagram \(index) of \(count)")
    let header = headers[index].msg_hdr
    let length = Int(headers[index].msg_len)
    let controlBytes = UnsafeRawBufferPointer(
      start: control.baseAddress! + index * Self.controlSize, count: Int(header.msg_controllen))
    return ReceivedDatagram(
      bytes: UnsafeRawBufferPointer(start: data.baseAddress! + index * slotSize, count: length),
      name: UnsafeRawPointer(names + index), nameLength: header.msg_namelen,
      kernelTimestamp: ControlMessages.timestamp(in: controlBytes))
  }

  /// Fills the batch from `descriptor` without waiting; returns how many datagrams it took.
  func fill(from descriptor: Int32) throws(NetError) -> Int {
    for slot in 0..<capacity {
      headers[slot] = tala_mmsghdr(
        msg_hdr: msghdr(
          msg_name: UnsafeMutableRawPointer(names + slot), msg_namelen: socklen_t(MemoryLayout<sockaddr_storage>.size),
          msg_iov: vectors + slot, msg_iovlen: 1, msg_control: control.baseAddress! + slot * Self.controlSize,
          msg_controllen: Self.controlSize, msg_flags: 0),
        msg_len: 0)
    }
    count = 0
    let received = tala_recvmmsg(descriptor, headers, UInt32(capacity), Int32(MSG_DONTWAIT))
    if received < 0 {
      let failure = errno
      if failure == EAGAIN || failure == EWOULDBLOCK || failure == EINTR || failure == ECONNREFUSED { return 0 }
      throw NetError.system("receive", code: failure)
    }
    count = Int(received)
    for slot in 0..<count {
      let header = headers[slot].msg_hdr
      let controlBytes = UnsafeRawBufferPointer(
        start: control.baseAddress! + slot * Self.controlSize, count: Int(header.msg_controllen))
      if let drops = ControlMessages.drops(in: controlBytes) { kernelDrops = max(kernelDrops, drops) }
    }
    return count
  }
}

/// One datagram in a `DatagramBatch`; its bytes are valid until the batch is filled again.
public struct ReceivedDatagram {
  /// The payload, in the batch's memory.
  public let bytes: UnsafeRawBufferPointer
  let name: UnsafeRawPointer
  let nameLength: socklen_t
  /// When the kernel received it (`CLOCK_REALTIME` nanoseconds), if kernel timestamps are on.
  public let kernelTimestamp: Int64?

  /// Where it came from (built on demand: it allocates).
  public var source: SocketAddress {
    SocketAddress(name.assumingMemoryBound(to: sockaddr.self), length: nameLength)
  }
}

/// Reading the control messages `recvmsg` returns. The C `CMSG_*` macros do not reach Swift:
/// each message is a `cmsghdr` followed by its data, both aligned to `size_t`.
enum ControlMessages {
  /// The data of the first `SOL_SOCKET` message of `type` that holds at least `size` bytes.
  static func data(ofType type: Int32, size: Int, in control: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    let headerSize = MemoryLayout<cmsghdr>.size
    let align = MemoryLayout<Int>.size
    var offset = 0
    while offset + headerSize <= control.count {
      let header = control.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
      let length = Int(header.cmsg_len)
      guard length >= headerSize, offset + length <= control.count else { return nil }
      let dataOffset = offset + (headerSize + align - 1) / align * align
      if header.cmsg_level == SOL_SOCKET, header.cmsg_type == type, dataOffset + size <= offset + length {
        return UnsafeRawBufferPointer(rebasing: control[dataOffset..<(dataOffset + size)])
      }
      offset += (length + align - 1) / align * align
    }
    return nil
  }

  /// `SCM_TIMESTAMPNS` as `CLOCK_REALTIME` nanoseconds.
  static func timestamp(in control: UnsafeRawBufferPointer) -> Int64? {
    guard let data = data(ofType: SO_TIMESTAMPNS, size: MemoryLayout<timespec>.size, in: control) else { return nil }
    let ts = data.loadUnaligned(as: timespec.self)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }

  /// `SO_RXQ_OVFL`: the socket's cumulative count of datagrams dropped for want of buffer room.
  static func drops(in control: UnsafeRawBufferPointer) -> UInt32? {
    data(ofType: SO_RXQ_OVFL, size: 4, in: control)?.loadUnaligned(as: UInt32.self)
  }
}
