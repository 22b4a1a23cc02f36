import BinaryIO
import Foundation
import ISO9660
import LiveSystem
import QEMU
import TestSupport
import Testing

@Suite(
    "Secure Boot boot", .serialized, .boots,
    .enabled(if: TestEnvironment.slow, "slow tier (ISOKIT_SLOW=1): OVMF with Secure Boot under TCG takes minutes"),
    .enabled(if: LiveFixture.kernelAvailable, "needs a kernel in isokit's cache (scripts/setup)"))
struct SecureBootBootTests {
    /// The longest a Secure Boot boot may take under TCG on a loaded machine (SMM makes OVMF slower).
    static let limit = Duration.seconds(300)
    /// What GRUB's shim verifier or shim itself print when an image's signature does not check out.
    static let refusal = ConsolePattern.regex("bad shim signature|Security Violation|Verification failed|Access Denied")

    /// Builds the rescue default with Secure Boot and the selftest; `loglevel=7` undoes `quiet` so the kernel's
    /// `secureboot: Secure boot enabled` line reaches the console.
    ///
    /// Secure Boot OVMF needs SMM, so a q35 machine, whose CD drive is on AHCI. Debian's cloud kernel has no AHCI
    /// driver (`# CONFIG_SATA_AHCI is not set`); without `--kernel` a Secure Boot build takes the generic kernel,
    /// signed too, which has it. The build checks that it did.
    static func build(in directory: String) async throws -> String {
        try #require(Oracle.required || (try? OVMFFirmware.locate(in: OVMFFirmware.secureBootLocations)) != nil, "no Secure Boot OVMF")
        var options = LiveFixture.options(.rescue, in: directory)
        options.secureBoot = SecureBootOptions()
        options.cmdlineExtra = ["isokit.selftest", "loglevel=7"]
        let report = try await LiveBuilder.build(options)
        #expect(report.kernel.release.hasSuffix("-amd64") && !report.kernel.release.contains("cloud"), "\(report.kernel.release)")
        return report.output
    }

    @Test("slow: OVMF with Secure Boot on and Microsoft's keys boots the image, as a CD and as a disk, to the selftest")
    func boots() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot-boot") { directory in
            let image = try await Self.build(in: directory)
            for asCD in [true, false] {
                let log = "\(directory)/secure-\(asCD ? "cd" : "disk").log"
                let medium = asCD ? BootMedium.cdrom(path: image) : .disk(path: image)
                let profile = MachineProfile(firmware: .uefiSecureBoot, media: [medium], memoryMiB: 1024)
                let result = try await ConsoleProbe.run(profile, expect: .text("isokit selftest ok"), timeout: Self.limit, log: log)
                #expect(result.matched, "\(asCD ? "CD" : "disk"): no selftest; console: \(result.consoleTail)")
                let console = try String(contentsOfFile: log, encoding: .utf8)
                #expect(console.contains("Secure boot enabled"), "\(asCD ? "CD" : "disk"): Secure Boot was not on")
            }
        }
    }

    /// A copy of `image` (`directory/stripped.iso`) whose `kernel` has an empty certificate table entry, patched in
    /// place: same size, same bytes otherwise, no signature.
    static func strippingKernelSignature(of image: String, kernel path: String, in directory: String) throws -> String {
        let stripped = directory + "/stripped.iso"
        try FileManager.default.copyItem(atPath: image, toPath: stripped)
        let kernel = try ISOImage(path: image).entry(at: path)
        let copy = directory + "/vmlinuz"
        let signed = try ISOImage(path: image).contents(of: kernel.path, limitBytes: 64 << 20)
        try Data(signed).write(to: URL(fileURLWithPath: copy))
        let location = try #require(try PESignature.certificateTable(in: copy))
        #expect(!location.entry.isEmpty)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: stripped))
        try handle.seek(toOffset: UInt64(try #require(kernel.extents.first).byteOffset + location.entryOffset))
        try handle.write(contentsOf: PECertificateTableEntry(fileOffset: 0, byteCount: 0).encode())
        try handle.close()
        let patched = try ISOImage(path: stripped).contents(of: kernel.path, limitBytes: 64 << 20)
        try Data(patched).write(to: URL(fileURLWithPath: copy))
        #expect(try PESignature.firstCertificate(in: copy) == nil)
        return stripped
    }

    @Test("slow: the same image with the kernel's signature stripped is refused, and the selftest never runs")
    func strippedKernelRefused() async throws {
        try await withTemporaryDirectory(prefix: "isokit-secureboot-boot") { directory in
            let image = try await Self.build(in: directory)
            let stripped = try Self.strippingKernelSignature(of: image, kernel: "/boot/x86_64/vmlinuz", in: directory)
            let log = directory + "/stripped.log"
            let profile = MachineProfile(firmware: .uefiSecureBoot, media: [.cdrom(path: stripped)], memoryMiB: 1024)
            let result = try await ConsoleProbe.run(profile, expect: Self.refusal, timeout: Self.limit, log: log)
            #expect(result.matched, "no refusal; console: \(result.consoleTail)")
            let console = try String(contentsOfFile: log, encoding: .utf8)
            #expect(!console.contains("isokit selftest ok"))
            #expect(!console.contains("Linux version"), "the unsigned kernel started")
        }
    }
}
