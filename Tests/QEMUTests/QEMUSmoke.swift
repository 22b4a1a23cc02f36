import Testing
@testable import QEMU
