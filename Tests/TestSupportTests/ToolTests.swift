import Testing

@testable import TestSupport

@Suite("Tool")
struct ToolTests {
    @Test("captures standard output and error, with extra environment, directory and input")
    func capturesOutput() async throws {
        let result = try await Tool.run(
            "sh", ["-c", "printf '%s' \"$GREETING\"; pwd >&2; cat"], environment: ["GREETING": "hello"],
            currentDirectory: "/", input: Array(" world".utf8))
        #expect(result.stdout == "hello world")
        #expect(result.stderr == "/\n")
        #expect(result.status == 0)
        #expect(result.succeeded)
    }

    @Test("throws on a non-zero exit, with standard error in the message")
    func failure() async throws {
        do {
            try await Tool.run("sh", ["-c", "echo broken image >&2; exit 3"])
            Issue.record("expected a failure")
        } catch let error as ToolError {
            #expect(error == .failed(command: "sh -c 'echo broken image >&2; exit 3'", status: 3, standardError: "broken image\n"))
            #expect(error.description.contains("exit status 3"))
            #expect(error.description.contains("broken image"))
        }
    }

    @Test("returns the status when asked to allow failure, and maps signals to 128 + N")
    func allowingFailure() async throws {
        #expect(try await Tool.runAllowingFailure("sh", ["-c", "exit 7"]).status == 7)
        #expect(try await Tool.runAllowingFailure("sh", ["-c", "kill -9 $$"]).status == 128 + 9)
    }

    @Test("names the paths it tried for a missing tool")
    func missingTool() async throws {
        await #expect {
            try await Tool.run("isokit-no-such-tool")
        } throws: { error in
            guard case ToolError.notFound(let tool, let searched)? = error as? ToolError else { return false }
            return tool == "isokit-no-such-tool" && searched.allSatisfy { $0.hasSuffix("/isokit-no-such-tool") }
        }
    }

    @Test("quotes words for display only when needed")
    func quoting() {
        #expect(Tool.shellQuoted("-volid") == "-volid")
        #expect(Tool.shellQuoted("a b") == "'a b'")
        #expect(Tool.shellQuoted("it's") == "'it'\\''s'")
        #expect(Tool.shellQuoted("") == "''")
    }
}
