import Testing
@testable import ISO9660
