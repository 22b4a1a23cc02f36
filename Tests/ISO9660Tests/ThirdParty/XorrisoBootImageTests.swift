import TestSupport
import Testing

/// xorriso's own bootable images (the El Torito fixtures' recipes): ``ImageInspector`` reports what xorriso and
/// fdisk report.
@Suite("Third-party images: xorriso boot layouts")
struct XorrisoBootImageTests {
    @Test("inspect matches -report_el_torito, -report_system_area and fdisk -l",
          .oracles("xorriso", "fdisk", "mkfs.fat"), arguments: [BootFixture.Recipe.plain, .grubHybrid, .multiSection])
    func inspection(recipe: BootFixture.Recipe) async throws {
        let fixture = try BootFixture(recipe)
        try await BootReports.expectInspectionMatches(fixture.iso)
        try await ReaderAgreement.expectListingsAgree(fixture.iso)
    }
}
