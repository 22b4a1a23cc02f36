/// The parts of `isokit inspect --json` the tests read, decoded as a client script would see them.
struct InspectJSON: Decodable {
    struct Volume: Decodable {
        var volumeID: String
        var systemID: String
        var preparer: String
        var application: String
        var created: String?
        var blocks: Int
        var blockSize: Int
        var bytes: Int
    }

    struct Namespaces: Decodable {
        var rockRidge: Bool
        var rockRidgeID: String?
        var joliet: Bool
        var used: String
    }

    struct Tree: Decodable {
        var files: Int
        var directories: Int
        var symlinks: Int
        var otherFiles: Int
        var fileBytes: Int
    }

    struct Boot: Decodable {
        var platform: String
        var loadImage: String?
    }

    var image: String
    var fileBytes: Int
    var volume: Volume
    var descriptors: [String]
    var namespaces: Namespaces
    var tree: Tree
    var boot: [Boot]
}

/// The parts of `isokit ls --json` the tests read.
struct ListingJSON: Decodable {
    struct Extent: Decodable {
        var lba: UInt32
        var length: UInt32
    }

    struct Entry: Decodable {
        var name: String
        var path: String
        var kind: String
        var size: Int
        var mode: UInt32
        var uid: UInt32?
        var gid: UInt32?
        var modificationTime: Int64?
        var symlinkTarget: String?
        var extents: [Extent]
        var recordOffset: Int64
    }

    var image: String
    var path: String
    var namespace: String
    var entries: [Entry]
}

/// `isokit extract --json`.
struct ExtractionJSON: Decodable {
    var files: Int
    var directories: Int
    var symlinks: Int
    var bytes: Int
    var skipped: [String]
}
