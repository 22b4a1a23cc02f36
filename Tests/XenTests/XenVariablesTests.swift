import Foundation
import Testing
import TestSupport
import Xen

@Suite("Xen variables")
struct XenVariablesTests {
    @Test("-D takes key=value and comma lists; later definitions win")
    func definitions() throws {
        #expect(try XenVariables.parse(definitions: ["ip=10.0.0.5,mem=512", "mem=768"]) == ["ip": "10.0.0.5", "mem": "768"])
        #expect(throws: XenError.badVariable("ip", reason: "expected key=value")) {
            try XenVariables.parse(definitions: ["ip"])
        }
    }

    @Test("${key} is replaced, $$ is a dollar, an unknown key is an error naming the field")
    func substitute() throws {
        let variables = XenVariables(["br": "xenbr0", "n": "3"])
        #expect(try variables.substitute("bridge=${br},rate=$$${n}", field: "--vif") == "bridge=xenbr0,rate=$3")
        #expect(throws: XenError.undefinedVariable(name: "x", field: "--disk")) {
            try variables.substitute("target=${x}", field: "--disk")
        }
    }

    @Test("a TOML defaults file gives strings, integers and booleans; tables are refused")
    func defaultsFile() throws {
        let scratch = try TemporaryDirectory(prefix: "isokit-xen")
        try FileTree.write([
            "good.toml": .text("bridge = \"xenbr1\"\nmemory = 512\nverbose = true\n"),
            "bad.toml": .text("[net]\nbridge = \"x\"\n"),
        ], under: scratch.path)
        #expect(try XenVariables.load(defaults: scratch.path("good.toml")) == ["bridge": "xenbr1", "memory": "512", "verbose": "true"])
        #expect(throws: XenError.badDefaults(path: scratch.path("bad.toml"), reason: "net must be a string, integer or boolean")) {
            try XenVariables.load(defaults: scratch.path("bad.toml"))
        }
    }
}
