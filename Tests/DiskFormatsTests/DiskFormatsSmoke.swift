import Testing
@testable import DiskFormats
