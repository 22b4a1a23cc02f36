import BootConfig
import Testing

@Suite("xl.cfg")
struct XLConfigTests {
    static let sample = """
        # a PV guest
        name = "web-1"   # trailing comment
        type='pv'; memory = 512
        vcpus = 0x2
        kernel = "/srv/xen/vmlinuz"
        cmdline = "root=/dev/xvda1 msg=\\"hi\\" tab\\there"
        vif = [ 'bridge=xenbr0,ip=10.0.0.5',
                'bridge=xenbr1', # second NIC
              ]
        disk = []

        """

    @Test("reads strings, numbers, lists over lines, comments and ; separators")
    func parse() throws {
        let config = try XLConfig(text: Self.sample)
        #expect(config.settings.map(\.key) == ["name", "type", "memory", "vcpus", "kernel", "cmdline", "vif", "disk"])
        #expect(config.settings.map(\.line) == [2, 3, 3, 4, 5, 6, 7, 10])
        #expect(config["name"] == .string("web-1"))
        #expect(config["vcpus"] == .number(2))
        #expect(config["cmdline"] == .string("root=/dev/xvda1 msg=\"hi\" tab\there"))
        #expect(config["vif"] == .list([.string("bridge=xenbr0,ip=10.0.0.5"), .string("bridge=xenbr1")]))
        #expect(config["disk"] == .list([]))
        try config.validate()
    }

    @Test("render then read gives the same settings")
    func roundTrip() throws {
        let config = try XLConfig(text: Self.sample)
        let reread = try XLConfig(text: config.render())
        #expect(reread.settings.map(\.key) == config.settings.map(\.key))
        #expect(reread.settings.map(\.value) == config.settings.map(\.value))
        #expect(XLValue.string("it's").render() == "\"it's\"")
        #expect(XLValue.string("a\u{1}b").render() == "\"a\\001b\"")
        #expect(try XLConfig(text: "x = \"a\\001b\"\n")["x"] == .string("a\u{1}b"))
    }

    @Test("errors carry the line and column of the fault", arguments: [
        ("name = 'open\n", XenConfigError.unterminatedString(line: 1, column: 8)),
        ("name = 'a'\nvif = [ 'x',\n", .unterminatedList(line: 2, column: 7)),
        ("name = 'a'\nmemory = 12x\n", .invalidNumber(text: "12x", line: 2, column: 10)),
        ("name 'a'\n", .unexpected(found: "'''", expected: "= after name", line: 1, column: 6)),
        ("name = 'a' 'b'\n", .unexpected(found: "'''", expected: "newline or ; after the value of name", line: 1, column: 12)),
        ("vif = [ 'a' 'b' ]\n", .unexpected(found: "'''", expected: ", or ] in the list", line: 1, column: 13)),
        ("= 1\n", .unexpected(found: "'='", expected: "a setting name", line: 1, column: 1)),
        ("name = \"a\\q\"\n", .unexpected(found: "'q'", expected: "an escape (\\n, \\t, \\r, \\\\, \\\", \\' or octal)", line: 1, column: 11)),
        ("name = 'a'\nname = 'b'\n", .duplicateSetting(key: "name", line: 2)),
    ])
    func errors(text: String, error: XenConfigError) {
        #expect(throws: error) { try XLConfig(text: text) }
    }

    @Test("validate enforces xl.cfg(5) rules", arguments: [
        ("kernel = '/k'\n", XenConfigError.missingSetting(key: "name")),
        ("name = 'a'\nkernel = '/k'\nbootloader = 'pygrub'\n", .conflictingSettings("kernel", "bootloader")),
        ("name = 'a'\nkernel = '/k'\ncmdline = 'x'\nextra = 'y'\n", .conflictingSettings("cmdline", "extra")),
        ("name = 'a'\nkernel = '/k'\ncmdline = 'x'\nroot = '/dev/xvda1'\n", .conflictingSettings("cmdline", "root")),
        ("name = 'a'\nramdisk = '/r'\n", .missingSetting(key: "kernel (ramdisk needs it)")),
        ("name = 'a'\ndisk = [ 1 ]\n", .wrongType(key: "disk", expected: "list of quoted strings")),
        ("name = 'a'\nvif = 'bridge=br0'\n", .wrongType(key: "vif", expected: "list of quoted strings")),
        ("name = 'a'\nmemory = '512'\n", .wrongType(key: "memory", expected: "number")),
        ("name = 'a'\ntype = 'hvm2'\n", .invalidValue(key: "type", value: "hvm2", reason: "type is pv, pvh or hvm")),
        ("name = 'a'\nmemory = 0\n", .invalidValue(key: "memory", value: "0", reason: "must be at least 1")),
        ("name = 'a'\nmemory = 512\nmaxmem = 256\n", .invalidValue(key: "maxmem", value: "256", reason: "must be at least memory (512)")),
    ])
    func validation(text: String, error: XenConfigError) throws {
        let config = try XLConfig(text: text)
        #expect(throws: error) { try config.validate() }
    }

    @Test("the subscript replaces in place, appends and removes")
    func subscripting() {
        var config = XLConfig()
        config["name"] = .string("a")
        config["memory"] = .number(1)
        config["name"] = .string("b")
        config["memory"] = nil
        #expect(config.render() == "name = 'b'\n")
    }
}
