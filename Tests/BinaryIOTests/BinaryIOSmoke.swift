import Testing
@testable import BinaryIO
