import Foundation
import TestSupport
import Testing

/// The boot settings library (`Resources/settings/settings.sh`) run with the host's busybox sh, the shell both inits
/// use: `isokit.ip=` parsing, name checks, SSH key decoding and what each setting writes into a root.
@Suite("Boot settings script", .oracles("busybox"))
struct BootSettingsScriptTests {
    /// The library in the source tree.
    static let library = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LiveSystem/Resources/settings/settings.sh").standardized.path

    /// Runs `script` after sourcing the library; returns standard output.
    static func sh(_ script: String, in directory: String? = nil) async throws -> String {
        try await Tool.run("busybox", ["sh", "-c", ". \(library)\n" + script], currentDirectory: directory).stdout
    }

    /// `ssh-ed25519 …` line and its URL-safe base64 without padding, from ssh-keygen in `directory`.
    static func key(in directory: String, name: String = "key") async throws -> (line: String, base64url: String) {
        try await Tool.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "tester@isokit", "-f", "\(directory)/\(name)"])
        let line = try String(contentsOfFile: "\(directory)/\(name).pub", encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        return (line, base64url(line + "\n"))
    }

    static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    @Test(
        "isokit.ip= follows the kernel's ip= syntax: whole-value modes, static fields, classful default mask",
        arguments: [
            ("dhcp", "dhcp ///"),
            ("off", "off ///"),
            ("10.0.2.15::10.0.2.2:255.255.255.0:rescue:eth0:off:10.0.2.3:10.0.2.4", "static 10.0.2.15/24/10.0.2.2/rescue eth0 10.0.2.3 10.0.2.4"),
            ("192.168.1.9", "static 192.168.1.9/24//"),
            ("172.16.0.9:::255.255.240.0", "static 172.16.0.9/20//"),
            ("10.1.2.3", "static 10.1.2.3/8//"),
            (":::::ens3:dhcp", "dhcp /// ens3"),
            ("::::box:::", "dhcp ///box"),
        ])
    func parsesIP(value: String, expected: String) async throws {
        let out = try await Self.sh(
            "parse_ip '\(value)' || { echo \"error: $why\"; exit; }\n"
                + "echo \"$ip_mode $ip_addr/$ip_prefix/$ip_gw/$ip_host $ip_dev $ip_dns\" | sed 's/ *$//'")
        #expect(out.trimmingCharacters(in: .newlines) == expected, "\(value)")
    }

    @Test(
        "a malformed isokit.ip= is refused with a reason naming the bad field",
        arguments: [
            ("1.2.3::", "client address '1.2.3' is not a dotted IPv4 address"),
            ("10.0.0.300", "client address '10.0.0.300' is not a dotted IPv4 address"),
            ("10.0.0.1::10.0.0.01", "gateway '10.0.0.01' is not a dotted IPv4 address"),
            ("10.0.0.1:::255.0.255.0", "netmask '255.0.255.0' is not a contiguous dotted mask"),
            ("10.0.0.1::::-bad", "hostname '-bad' is not a valid host name"),
            ("::::::off", "autoconf off needs a client address"),
            ("10.0.0.1::::::maybe", "autoconf 'maybe' is not off, none, on, any, dhcp, bootp, rarp or both"),
            ("10.0.0.1;reboot", "unexpected characters (want client:server:gw:netmask:hostname:device:autoconf:dns0:dns1)"),
            ("1:2:3:4:5:6:7:8:9:10:11", "more than 10 colon-separated fields"),
            ("", "empty value"),
        ])
    func refusesBadIP(value: String, reason: String) async throws {
        let out = try await Self.sh("parse_ip '\(value)' && echo accepted || echo \"$why\"")
        #expect(out.trimmingCharacters(in: .newlines) == reason, "\(value)")
    }

    @Test("host names are RFC 1123 labels; keymap names are plain words")
    func names() async throws {
        let out = try await Self.sh("""
            for h in rescue web-01 a.example.org A1 -x x- a..b .a 'a b' 'a;b' ''; do
            	valid_hostname "$h" && echo "host $h yes" || echo "host $h no"
            done
            valid_hostname "$(printf 'a%.0s' $(seq 64))" && echo "64 yes" || echo "64 no"
            for k in de fr-latin1 us '../x' '-x' 'a b'; do valid_keymap "$k" && echo "map $k yes" || echo "map $k no"; done
            """)
        for yes in ["rescue", "web-01", "a.example.org", "A1"] { #expect(out.contains("host \(yes) yes")) }
        for no in ["-x", "x-", "a..b", ".a", "a b", "a;b", ""] { #expect(out.contains("host \(no) no"), "\(no)") }
        #expect(out.contains("64 no"))
        for yes in ["de", "fr-latin1", "us"] { #expect(out.contains("map \(yes) yes")) }
        for no in ["../x", "-x", "a b"] { #expect(out.contains("map \(no) no"), "\(no)") }
    }

    @Test("isokit.sshkey=: URL-safe base64 key lines, comma lists, padding optional; bad items name their position",
        .oracles("ssh-keygen"))
    func sshKeys() async throws {
        try await withTemporaryDirectory(prefix: "isokit-settings") { directory in
            let first = try await Self.key(in: directory, name: "a")
            let second = try await Self.key(in: directory, name: "b")
            let padded = Data((first.line + "\n").utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let out = try await Self.sh("sshkey_lines '\(first.base64url),\(second.base64url)' none")
            #expect(out == first.line + "\n" + second.line + "\n")
            #expect(try await Self.sh("sshkey_lines '\(padded)' none") == first.line + "\n")

            let notAKey = Self.base64url("hello world\n")
            let twoLines = Self.base64url(first.line + "\n" + second.line + "\n")
            let wrongType = Self.base64url(first.line.replacingOccurrences(of: "ssh-ed25519", with: "ssh-rsa"))
            for (value, reason) in [
                ("\(first.base64url),\(notAKey)", "key 2 does not decode to 'TYPE AAAA... comment'"),
                ("\(first.base64url),abc!", "key 2 is not URL-safe base64"),
                ("a=b", "key 1 is not URL-safe base64"),
                (twoLines, "key 1 does not decode to 'TYPE AAAA... comment'"),
                (wrongType, "key 1 does not decode to 'TYPE AAAA... comment'"),
            ] {
                let refused = try await Self.sh("sshkey_lines '\(value)' none >/dev/null && echo accepted || echo \"$why\"")
                #expect(refused.trimmingCharacters(in: .newlines) == reason, "\(value)")
            }

            // A fetched file (as from https://…/user.keys): comments, blank lines and CRLF are fine.
            try FileTree.write(
                ["fetched": .text("# keys\r\n\(first.line)\r\n\n\(second.line)\n")], under: directory)
            let fetched = try await Self.sh("sshkey_lines https://example.invalid/keys \(directory)/fetched")
            #expect(fetched == first.line + "\n" + second.line + "\n")
            try FileTree.write(["bad": .text("\(first.line)\n<html>\n")], under: directory)
            let bad = try await Self.sh(
                "sshkey_lines https://example.invalid/keys \(directory)/bad >/dev/null || echo \"$why\"")
            #expect(bad.contains("https://example.invalid/keys: line '<html>...' is not an SSH public key"), "\(bad)")
        }
    }

    @Test("keys go to root's ~/.ssh/authorized_keys (0700/0600) once, after any the root had")
    func authorizedKeys() async throws {
        try await withTemporaryDirectory(prefix: "isokit-settings") { directory in
            try FileTree.write([
                "root/etc/passwd": .text("root:x:0:0:root:/root:/bin/sh\n"),
                "root/root/.ssh/authorized_keys": .text("ssh-ed25519 AAAAold old\n"),
                "new": .text("ssh-ed25519 AAAAnew new\nssh-ed25519 AAAAold old\n"),
            ], under: directory)
            _ = try await Self.sh("add_authorized_keys \(directory)/root \(directory)/new || echo \"$why\"")
            let keys = "\(directory)/root/root/.ssh/authorized_keys"
            #expect(try String(contentsOfFile: keys, encoding: .utf8) == "ssh-ed25519 AAAAold old\nssh-ed25519 AAAAnew new\n")
            let mode = { (path: String) in
                ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0) & 0o777
            }
            #expect(try mode(keys) == 0o600)
            #expect(try mode("\(directory)/root/root/.ssh") == 0o700)
        }
    }

    @Test("isokit.rootpass=: clear text becomes a SHA-512 crypt hash of exactly that text; a hash is used as is; shadow keeps its mode")
    func rootPassword() async throws {
        try await withTemporaryDirectory(prefix: "isokit-settings") { directory in
            try FileTree.write([
                "root/etc/passwd": .text("root:*:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n"),
                "root/etc/shadow": .file(Array("root:*:19000:0:99999:7:::\nuser:!:19000::::::\n".utf8), mode: 0o640),
            ], under: directory)
            let root = "\(directory)/root"
            _ = try await Self.sh("root_hash 'se:cr$et' && set_root_hash \(root) \"$hash\" || echo \"$why\"")
            let shadow = try String(contentsOfFile: "\(root)/etc/shadow", encoding: .utf8)
            let fields = shadow.split(separator: "\n")[0].split(separator: ":", omittingEmptySubsequences: false)
            let hash = String(fields[1])
            #expect(hash.hasPrefix("$6$"))
            #expect(fields.count == 9 && fields[2] == "19000")
            #expect(shadow.hasSuffix("user:!:19000::::::\n"))
            let salt = hash.split(separator: "$")[1]
            let again = try await Tool.run("busybox", ["mkpasswd", "-m", "sha512", "se:cr$et", String(salt)]).stdout
            #expect(again.trimmingCharacters(in: .newlines) == hash, "the hash is of the text without a newline")
            let mode = (try FileManager.default.attributesOfItem(atPath: "\(root)/etc/shadow")[.posixPermissions] as? Int) ?? 0
            #expect(mode & 0o777 == 0o640)
            #expect(try String(contentsOfFile: "\(root)/etc/passwd", encoding: .utf8).hasPrefix("root:x:0:0:"))

            let given = "$6$abcdefgh$" + String(repeating: "x", count: 86)
            _ = try await Self.sh("root_hash '\(given)' && set_root_hash \(root) \"$hash\"")
            #expect(try String(contentsOfFile: "\(root)/etc/shadow", encoding: .utf8).hasPrefix("root:\(given):"))

            for (value, reason) in [
                ("", "empty password refused"), ("$notahash", "starts with '$' but is not a crypt hash ($6$salt$hash, $y$...)"),
            ] {
                let out = try await Self.sh("root_hash '\(value)' && set_root_hash \(root) \"$hash\" || echo \"$why\"")
                #expect(out.trimmingCharacters(in: .newlines) == reason)
            }
            #expect(try String(contentsOfFile: "\(root)/etc/shadow", encoding: .utf8).hasPrefix("root:\(given):"))
            let noShadow = try await Self.sh("set_root_hash \(directory)/nothing x || echo \"$why\"")
            #expect(noShadow.trimmingCharacters(in: .newlines) == "the root has no /etc/shadow")
        }
    }

    @Test("other roots: host name in /etc/hostname and /etc/hosts, keymap in vconsole.conf and default/keyboard, static ip= for networkd and ifupdown")
    func rootConfiguration() async throws {
        try await withTemporaryDirectory(prefix: "isokit-settings") { directory in
            try FileTree.write([
                "root/etc/hosts": .text("127.0.0.1 localhost\n127.0.1.1 debian\n"),
                "root/etc/systemd/system/.keep": .text(""),
                "root/etc/default/keyboard": .text("XKBMODEL=\"pc105\"\nXKBLAYOUT=\"us\"\n"),
                "root/etc/network/interfaces": .text("source /etc/network/interfaces.d/*\n"),
                "root/lib/systemd/systemd-networkd": .text(""),
            ], under: directory)
            let root = "\(directory)/root"
            _ = try await Self.sh("""
                apply_hostname \(root) rescue-1
                apply_keymap_config \(root) uk
                parse_ip 10.0.0.5::10.0.0.1:255.255.255.0:::off:10.0.0.53 && write_network_config \(root) 52:54:00:12:34:56
                """)
            let read = { (path: String) in try String(contentsOfFile: "\(root)/\(path)", encoding: .utf8) }
            #expect(try read("etc/hostname") == "rescue-1\n")
            #expect(try read("etc/hosts") == "127.0.0.1 localhost\n127.0.1.1 rescue-1\n")
            #expect(try read("etc/vconsole.conf") == "KEYMAP=uk\n")
            #expect(try read("etc/default/keyboard") == "XKBMODEL=\"pc105\"\nXKBLAYOUT=\"gb\"\n")
            #expect(try read("etc/systemd/network/10-isokit.network") == """
                # isokit.ip= at boot
                [Match]
                MACAddress=52:54:00:12:34:56
                [Network]
                Address=10.0.0.5/24
                Gateway=10.0.0.1
                DNS=10.0.0.53

                """)
            // ifupdown names interfaces: without a device in ip= there is no name to write.
            #expect(!FileManager.default.fileExists(atPath: "\(root)/etc/network/interfaces.d/isokit"))
            _ = try await Self.sh("parse_ip 10.0.0.5::10.0.0.1:255.255.255.0::ens3:off && write_network_config \(root) ''")
            #expect(try read("etc/network/interfaces.d/isokit") == """
                # isokit.ip= at boot
                auto ens3
                iface ens3 inet static
                	address 10.0.0.5/24
                	gateway 10.0.0.1

                """)
        }
    }
}
