import Foundation
import LiveSystem
import TestSupport
import Testing

@Suite("Live recipe")
struct LiveRecipeTests {
    static let full = """
        root = "rootfs"
        layers = ["tools", "/abs/site"]
        kernel = "k/vmlinuz-6.1.0-1-amd64"
        volume_id = "RESCUE_2026"
        compression = "xz"
        initramfs_compression = "gzip"
        cmdline = ["quiet", "isokit.debug"]
        timeout = 3
        init = "/lib/systemd/systemd"
        arch = "x86_64,aarch64"

        [[files]]
        source = "motd"
        target = "/etc/motd"
        mode = "0600"

        [[entries]]
        title = "rescue, German keyboard"
        cmdline = ["isokit.keymap=de"]

        """

    @Test("every key maps to a build option; relative paths are taken from the recipe's directory")
    func full() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["r/live.toml": .text(Self.full)], under: directory)
            let path = directory + "/r/live.toml"
            let options = try LiveRecipe.load(path).options(recipePath: path, output: directory + "/out.iso")
            #expect(options.root == .directory(directory + "/r/rootfs"))
            #expect(options.layers == [directory + "/r/tools", "/abs/site"])
            #expect(options.kernel == directory + "/r/k/vmlinuz-6.1.0-1-amd64")
            #expect(options.volumeID == "RESCUE_2026")
            #expect(options.layerCompression == .xz)
            #expect(options.initramfsCompression == .gzip)
            #expect(options.cmdlineExtra == ["quiet", "isokit.debug"])
            #expect(options.menuTimeout == 3)
            #expect(options.rootInit == "/lib/systemd/systemd")
            #expect(options.architectures == [.x86_64, .aarch64])
            #expect(options.files == [LiveFile(source: directory + "/r/motd", target: "/etc/motd", mode: 0o600)])
            #expect(options.extraEntries == [LiveBootEntry(title: "rescue, German keyboard", parameters: ["isokit.keymap=de"])])
        }
    }

    @Test("[debian] asks for a debootstrap root with minbase and deb.debian.org unless told otherwise")
    func debian() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["d.toml": .text("[debian]\nsuite = \"bookworm\"\npackages = [\"sysvinit-core\"]\n")], under: directory)
            let options = try LiveRecipe.load(directory + "/d.toml").options(recipePath: directory + "/d.toml", output: "o.iso")
            #expect(options.root == .debian(DebianRoot(suite: "bookworm", variant: "minbase", packages: ["sysvinit-core"])))
            try FileTree.write(["both.toml": .text("root = \"r\"\n[debian]\nsuite = \"bookworm\"\n")], under: directory)
            #expect(throws: LiveBuildError.invalidOption("a recipe names either root or [debian], not both")) {
                try LiveRecipe.load(directory + "/both.toml").options(recipePath: directory + "/both.toml", output: "o.iso")
            }
        }
    }

    @Test("a package name that is not one is refused before debootstrap runs")
    func debianBadName() async throws {
        try await withTemporaryDirectory { directory in
            var options = LiveFixture.options(.debian(DebianRoot(suite: "bookworm", packages: ["ok", "bad;rm"])), in: directory)
            options.cache = IsokitCache(root: directory + "/cache")
            await #expect(throws: LiveBuildError.invalidOption("debian: \"bad;rm\" is not a suite, variant or package name")) {
                try await LiveBuilder.build(options)
            }
        }
    }

    @Test("an empty recipe is the rescue default")
    func empty() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["live.toml": .text("# nothing\n")], under: directory)
            let options = try LiveRecipe.load(directory + "/live.toml").options(recipePath: directory + "/live.toml", output: "o.iso")
            #expect(options.root == .rescue)
        }
    }

    @Test(
        "bad recipes name the file and the problem",
        arguments: [
            ("roots = \"x\"\n", "unknown keys: roots"),
            ("timeout = \"soon\"\n", "timeout: missing, or not of the expected type"),
            ("[[files]]\ntarget = \"/a\"\n", "source: missing, or not of the expected type"),
            ("root = \n", "line 1"),
            ("compression = \"brotli\"\n", "compression \"brotli\": use zstd, xz, gzip or lz4"),
            ("[[files]]\nsource = \"a\"\ntarget = \"/a\"\nmode = \"rwx\"\n", "is not octal permission bits"),
            ("arch = \"sparc\"\n", "unknown architecture \"sparc\"; known: x86_64, aarch64"),
        ])
    func bad(text: String, message: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/bad.toml"
            try FileTree.write(["bad.toml": .text(text)], under: directory)
            let error = #expect(throws: LiveBuildError.self) {
                try LiveRecipe.load(path).options(recipePath: path, output: "o.iso")
            }
            let text = error.map { "\($0)" } ?? ""
            #expect(text.contains(message), "\(text)")
            if case .badInput(let named, _) = error { #expect(named == path) }
        }
    }

    @Test(
        "a recipe's files land in their own top layer and its entries in the menu",
        .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"),
        .oracles("unsquashfs", "osirrox"))
    func filesAndEntries() async throws {
        try await withTemporaryDirectory(prefix: "isokit-live") { directory in
            try FileTree.write(["motd": .text("hello\n")], under: directory)
            let options = try LiveFixture.recipeOptions(
                "[[files]]\nsource = \"motd\"\ntarget = \"/etc/motd\"\nmode = \"0600\"\n\n"
                    + "[[entries]]\ntitle = \"with de keymap\"\ncmdline = [\"isokit.keymap=de\"]\n",
                in: directory, name: "live")
            let report = try await LiveBuilder.build(options)
            #expect(report.layers.map(\.file) == ["00-base.squashfs", "90-files.squashfs"])
            #expect(report.bootEntries.last == "with de keymap")
            try await Tool.run("osirrox", ["-indev", report.output, "-extract", "/", directory + "/x"])
            let listing = try await Tool.run("unsquashfs", ["-lln", directory + "/x/live/90-files.squashfs"]).stdout
            let motd = listing.split(separator: "\n").first { $0.hasSuffix("squashfs-root/etc/motd") }
            #expect(motd?.hasPrefix("-rw------- 0/0 ") == true, "\(listing)")
            let menu = try String(contentsOfFile: directory + "/x/boot/grub/grub.cfg", encoding: .utf8)
            #expect(menu.contains("menuentry 'with de keymap' {"), "\(menu)")
            #expect(menu.contains("isokit.keymap=de"))
            let layers = try String(contentsOfFile: directory + "/x/live/layers.list", encoding: .utf8)
            #expect(layers == "00-base.squashfs\n90-files.squashfs\n")
        }
    }
}

@Suite("Live recipe [xen]")
struct LiveRecipeXenTests {
    @Test("[xen] makes a Xen live CD; hypervisor is relative to the recipe, options replace the default")
    func xen() async throws {
        try await withTemporaryDirectory { directory in
            let text = """
                [xen]
                hypervisor = "xen/xen.gz"
                options = ["dom0_mem=2048M,max:2048M", "loglvl=all"]

                """
            try FileTree.write(["dom0.toml": .text(text), "plain.toml": .text("[xen]\n"), "none.toml": .text("")], under: directory)
            let path = directory + "/dom0.toml"
            let options = try LiveRecipe.load(path).options(recipePath: path, output: directory + "/out.iso")
            #expect(options.xen == LiveXenOptions(hypervisor: directory + "/xen/xen.gz", options: ["dom0_mem=2048M,max:2048M", "loglvl=all"]))
            let plain = try LiveRecipe.load(directory + "/plain.toml").options(recipePath: directory + "/plain.toml", output: "o.iso")
            #expect(plain.xen == LiveXenOptions())
            #expect(plain.xen?.hypervisor == "/boot/xen-4.17-amd64.gz")
            #expect(plain.xen?.options == ["dom0_mem=1024M,max:1024M"])
            let none = try LiveRecipe.load(directory + "/none.toml").options(recipePath: directory + "/none.toml", output: "o.iso")
            #expect(none.xen == nil)
        }
    }

    @Test("an unknown key in [xen] is an error naming it")
    func unknownKey() async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["bad.toml": .text("[xen]\nhypervisr = \"x\"\n")], under: directory)
            let error = #expect(throws: LiveBuildError.self) { try LiveRecipe.load(directory + "/bad.toml") }
            #expect("\(error.map { "\($0)" } ?? "")".contains("hypervisr"), "\(String(describing: error))")
        }
    }
}

@Suite("examples/xen-dom0.toml")
struct XenDom0ExampleTests {
    @Test("the dom0 example recipe loads: a debootstrap root with xen-utils and a [xen] section")
    func loads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/xen-dom0.toml")
            .standardizedFileURL.path
        let options = try LiveRecipe.load(path).options(recipePath: path, output: "/tmp/xen-dom0.iso")
        guard case .debian(let debian) = options.root else {
            Issue.record("the example's root is not [debian]: \(options.root)")
            return
        }
        #expect(debian.packages.contains("xen-utils-4.17"))
        #expect(options.xen != nil)
    }
}
