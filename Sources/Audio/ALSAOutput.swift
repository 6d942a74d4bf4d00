import CALSA

#if canImport(Glibc)
  import Glibc
#endif

/// Which ALSA PCM to open.
public enum AudioDevice: Sendable, Hashable, CustomStringConvertible {
  /// A PCM name from the system configuration (`default`, `hw:0`, `plughw:1,0`, `null`…).
  case named(String)
  /// A PCM defined by ALSA configuration text, opened by name with `snd_pcm_open_lconf`
  /// (tests use a `file` PCM over a `null` slave this way).
  case configuration(String, pcm: String)

  public var description: String {
    switch self {
    case .named(let n): n
    case .configuration(_, let pcm): "\(pcm) (inline configuration)"
    }
  }
}

/// The sample format written to the device.
public enum DeviceFormat: String, Sendable, CaseIterable {
  case s16, float
}

/// An open ALSA playback PCM: interleaved stereo, blocking writes. One thread uses it.
final class ALSAOutput {
  private var pcm: OpaquePointer?
  let rate: Int
  let periodFrames: Int
  let bufferFrames: Int
  let format: DeviceFormat
  /// Frames handed to ALSA so far (the frame number of the next write).
  private(set) var framesWritten: Int64 = 0
  private(set) var underruns = 0
  private var shorts: [Int16]
  private let status: OpaquePointer

  init(device: AudioDevice, rate: Int, periodFrames: Int, periods: Int, format: DeviceFormat) throws(AudioError) {
    tala_alsa_silence_errors()
    var handle: OpaquePointer?
    var err: Int32
    switch device {
    case .named(let name):
      err = snd_pcm_open(&handle, name, SND_PCM_STREAM_PLAYBACK, 0)
    case .configuration(let text, let name):
      var config: OpaquePointer?
      err = text.withCString { snd_config_load_string(&config, $0, strlen($0)) }
      if err < 0 { throw AudioError("ALSA configuration: \(String(cString: snd_strerror(err)))") }
      defer { snd_config_delete(config) }
      err = snd_pcm_open_lconf(&handle, name, SND_PCM_STREAM_PLAYBACK, 0, config)
    }
    guard err >= 0, let handle else {
      throw AudioError("cannot open ALSA device '\(device)': \(String(cString: snd_strerror(err)))")
    }
    pcm = handle
    self.format = format
    var statusPointer: OpaquePointer?
    snd_pcm_status_malloc(&statusPointer)
    status = statusPointer!
    shorts = format == .s16 ? [Int16](repeating: 0, count: periodFrames * 2) : []

    func check(_ code: Int32, _ what: String) throws(AudioError) {
      if code < 0 {
        snd_pcm_close(handle)
        throw AudioError("ALSA device '\(device)': \(what): \(String(cString: snd_strerror(code)))")
      }
    }
    var hw: OpaquePointer?
    snd_pcm_hw_params_malloc(&hw)
    defer { snd_pcm_hw_params_free(hw) }
    try check(snd_pcm_hw_params_any(handle, hw), "no configurations")
    try check(snd_pcm_hw_params_set_access(handle, hw, SND_PCM_ACCESS_RW_INTERLEAVED), "interleaved access")
    try check(
      snd_pcm_hw_params_set_format(handle, hw, format == .s16 ? SND_PCM_FORMAT_S16 : SND_PCM_FORMAT_FLOAT),
      "\(format) format")
    try check(snd_pcm_hw_params_set_channels(handle, hw, 2), "stereo")
    var actualRate = UInt32(rate)
    try check(snd_pcm_hw_params_set_rate_near(handle, hw, &actualRate, nil), "rate \(rate)")
    var period = snd_pcm_uframes_t(periodFrames)
    try check(snd_pcm_hw_params_set_period_size_near(handle, hw, &period, nil), "period \(periodFrames)")
    var buffer = snd_pcm_uframes_t(Int(period) * periods)
    try check(snd_pcm_hw_params_set_buffer_size_near(handle, hw, &buffer), "buffer \(Int(period) * periods)")
    try check(snd_pcm_hw_params(handle, hw), "hardware parameters")
    self.rate = Int(actualRate)
    self.periodFrames = Int(period)
    self.bufferFrames = Int(buffer)
    if self.periodFrames * 2 > shorts.count && format == .s16 {
      shorts = [Int16](repeating: 0, count: self.periodFrames * 2)
    }

    var sw: OpaquePointer?
    snd_pcm_sw_params_malloc(&sw)
    defer { snd_pcm_sw_params_free(sw) }
    try check(snd_pcm_sw_params_current(handle, sw), "software parameters")
    // Start when the buffer is full, so the first periods do not underrun.
    try check(snd_pcm_sw_params_set_start_threshold(handle, sw, buffer), "start threshold")
    try check(snd_pcm_sw_params(handle, sw), "software parameters")
  }

  /// Writes interleaved stereo floats (blocking), recovering from underruns. Returns `false`
  /// when the device failed in a way recovery cannot fix.
  func write(_ samples: UnsafePointer<Float>, frames: Int) -> Bool {
    guard let pcm else { return false }
    var done = 0
    var attempts = 0
    while done < frames {
      let n: Int
      if format == .s16 {
        n = shorts.withUnsafeMutableBufferPointer { out in
          for k in 0..<(frames - done) * 2 {
            let x = samples[done * 2 + k] * 32767
            out[k] = Int16(max(-32768, min(32767, x.rounded())))
          }
          return Int(snd_pcm_writei(pcm, out.baseAddress, snd_pcm_uframes_t(frames - done)))
        }
      } else {
        n = Int(snd_pcm_writei(pcm, samples + done * 2, snd_pcm_uframes_t(frames - done)))
      }
      if n >= 0 {
        done += n
        framesWritten += Int64(n)
        continue
      }
      attempts += 1
      if n == -Int(EPIPE) { underruns += 1 }
      if attempts > 8 || snd_pcm_recover(pcm, Int32(n), 1) < 0 { return false }
    }
    return true
  }

  /// The frame being heard now (frames written minus the delay the device reports), from the
  /// device's status; `nil` before the stream runs. The engine pairs it with its own clock, so
  /// the kernel's timestamp (on a clock the engine may not be using) is not read.
  func playbackFrame() -> Int64? {
    guard let pcm, snd_pcm_status(pcm, status) >= 0, snd_pcm_status_get_state(status) == SND_PCM_STATE_RUNNING
    else { return nil }
    return framesWritten - Int64(snd_pcm_status_get_delay(status))
  }

  /// Whether writes wait for the device. ALSA's `null` PCM takes data at once; an engine on it
  /// paces itself so the clock mapping stays true and it does not spin.
  var blocksOnWrite: Bool {
    guard let pcm else { return false }
    return snd_pcm_type(pcm) != SND_PCM_TYPE_NULL
  }

  /// Plays what is buffered, then closes.
  func close(drain: Bool) {
    guard let pcm else { return }
    if drain { snd_pcm_drain(pcm) } else { snd_pcm_drop(pcm) }
    snd_pcm_close(pcm)
    self.pcm = nil
  }

  deinit {
    if let pcm { snd_pcm_close(pcm) }
    snd_pcm_status_free(status)
  }
}
