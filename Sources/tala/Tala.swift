import ArgumentParser

/// The `tala` command line: the shell by default, plus tools that inspect patterns and OSC.
@main
struct Tala: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tala",
    abstract: "A live-coding shell: type rhythms, hear them in time.",
    version: "tala 0.1.0",
    subcommands: [
      ShellCommand.self, RunCommand.self, QueryCommand.self, ShowCommand.self, RenderCommand.self, ListenCommand.self,
      OSCCommand.self, TimetagCommand.self, MonitorCommand.self, SendCommand.self, SyncCommand.self,
      SamplesCommand.self,
    ],
    defaultSubcommand: ShellCommand.self
  )
}
