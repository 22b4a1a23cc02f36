import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors; no progress.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more detail about what is done.")
    var verbose = false
}

/// The `--json` switch of read commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON (sorted keys) on stdout.")
    var json = false
}
