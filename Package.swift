// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "isokit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "isokit", targets: ["isokit"]),
        .library(name: "ISO9660", targets: ["ISO9660"]),
        .library(name: "DiskFormats", targets: ["DiskFormats"]),
        .library(name: "Compression", targets: ["Compression"]),
        .library(name: "QEMU", targets: ["QEMU"]),
        .library(name: "SquashFS", targets: ["SquashFS"]),
        .library(name: "BootConfig", targets: ["BootConfig"]),
        .library(name: "ELF", targets: ["ELF"]),
        .library(name: "LiveSystem", targets: ["LiveSystem"]),
        .library(name: "Remaster", targets: ["Remaster"]),
        .library(name: "Xen", targets: ["Xen"]),
        .library(name: "Netboot", targets: ["Netboot"]),
        .library(name: "DiskWrite", targets: ["DiskWrite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // netboot serve: NIOPosix (event loops, thread pool, sendfile) and NIOHTTP1 (the HTTP/1.1 codec).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    ],
    targets: [
        .target(name: "CIsokitLinux"),
        .target(
            name: "BinaryIO",
            dependencies: ["CIsokitLinux", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .target(
            name: "DiskFormats", dependencies: ["BinaryIO", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .target(
            name: "Compression",
            dependencies: ["BinaryIO", "CZlib", "CZstd", "CLZMA", "CLZ4", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .target(
            name: "ISO9660",
            dependencies: ["BinaryIO", "DiskFormats", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "QEMU",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        .systemLibrary(name: "CSquashFS", pkgConfig: "libsquashfs1", providers: [.apt(["libsquashfs-dev"])]),
        .target(
            name: "SquashFS",
            dependencies: [
                "BinaryIO", "CIsokitLinux", "CSquashFS", "Compression", "DiskFormats",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        .target(name: "BootConfig", swiftSettings: strict),
        .target(name: "ELF", dependencies: ["BinaryIO"], swiftSettings: strict),
        .target(
            name: "LiveSystem",
            dependencies: [
                "BinaryIO", "BootConfig", "Compression", "DiskFormats", "ELF", "ISO9660", "SquashFS",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict),
        .target(
            name: "Remaster",
            dependencies: [
                "BinaryIO", "BootConfig", "DiskFormats", "ISO9660", "LiveSystem", "SquashFS",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .target(
            name: "Xen",
            dependencies: [
                "BinaryIO", "BootConfig", "ISO9660", "LiveSystem", "Remaster",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict),
        .target(
            name: "Netboot",
            dependencies: [
                "BinaryIO", "BootConfig", "DiskFormats", "ISO9660", "LiveSystem",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        .target(
            name: "DiskWrite",
            dependencies: [
                "BinaryIO", "CIsokitLinux", "DiskFormats",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "isokit",
            dependencies: [
                "BinaryIO", "BootConfig", "Compression", "DiskFormats", "DiskWrite", "ISO9660", "LiveSystem", "Netboot", "QEMU",
                "Remaster", "SquashFS", "Xen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .target(
            name: "TestSupport", dependencies: ["BinaryIO", .product(name: "Subprocess", package: "swift-subprocess")],
            path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "BinaryIOTests", dependencies: ["BinaryIO", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "BootConfigTests", dependencies: ["BootConfig", "TestSupport"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "CompressionTests", dependencies: ["Compression", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ELFTests", dependencies: ["ELF", "BinaryIO", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DiskWriteTests",
            dependencies: [
                "BinaryIO", "DiskFormats", "DiskWrite", "ISO9660", "LiveSystem", "QEMU", "TestSupport",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),
        .testTarget(name: "DiskFormatsTests", dependencies: ["DiskFormats", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ISO9660Tests", dependencies: ["ISO9660", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "IsokitCLITests", dependencies: ["isokit", "TestSupport"], exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(
            name: "QEMUTests", dependencies: ["BootConfig", "QEMU", "ISO9660", "LiveSystem", "Xen", "TestSupport"], exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(
            name: "LiveSystemTests", dependencies: ["BinaryIO", "ISO9660", "LiveSystem", "ELF", "Compression", "DiskFormats", "QEMU", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "RemasterTests",
            dependencies: ["BinaryIO", "BootConfig", "DiskFormats", "Remaster", "ISO9660", "LiveSystem", "QEMU", "SquashFS", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "XenTests", dependencies: ["BootConfig", "ISO9660", "LiveSystem", "QEMU", "SquashFS", "Xen", "TestSupport"], exclude: ["Golden"],
            swiftSettings: strict),
        .testTarget(
            name: "NetbootTests",
            dependencies: [
                "BinaryIO", "BootConfig", "ISO9660", "LiveSystem", "Netboot", "QEMU", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "SquashFSTests", dependencies: ["SquashFS", "BinaryIO", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TestSupportTests", dependencies: ["TestSupport"], exclude: ["Golden"], swiftSettings: strict),
    ]
)
