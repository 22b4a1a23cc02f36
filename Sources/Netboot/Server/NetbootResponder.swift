import BinaryIO
import Foundation
import ISO9660
import NIOCore
import NIOHTTP1
import NIOPosix
import SystemPackage

/// Answers one request of the netboot server (see ``NetbootServer`` for the routes). What is already known (the
/// catalog, an opened image, a looked-up entry, a cached small file) is answered at once on the connection's event
/// loop; only what may block (a rescan, opening an image, reading directories, loading a small file) goes to NIO's
/// thread pool.
struct NetbootResponder: Sendable {
    let library: NetbootLibrary
    let options: NetbootServerOptions
    let representations = RepresentationCache()

    /// The reply to `request` if it can be made at once from what is cached: a repeated GET or HEAD of a file or
    /// image whose file is unchanged, while the folder needs no recheck. `nil` sends the request to
    /// ``answer(_:localPort:on:)``.
    func answerNow(_ request: RequestHead) -> NetbootReply? {
        guard request.method == "GET" || request.method == "HEAD", let cached = representations.entry(for: request.target),
            library.catalogIsCurrent(), FileIdentity.of(cached.file) == cached.identity
        else { return nil }
        return try? serve(cached.representation, request)
    }

    /// The reply to `request`, which came in on the server's `localPort`, completing on `eventLoop`; errors become a
    /// 500.
    func answer(_ request: RequestHead, localPort: Int?, on eventLoop: any EventLoop) -> EventLoopFuture<NetbootReply> {
        let head = request.method == "HEAD"
        guard request.method == "GET" || head else {
            var reply = NetbootReply.plain(.methodNotAllowed, "only GET and HEAD\n", head: false)
            reply.headers.add(name: "Allow", value: "GET, HEAD")
            return eventLoop.makeSucceededFuture(reply)
        }
        let route: NetbootRoute
        do {
            route = try NetbootRoute(rawPath: request.target)
        } catch .badRequest(let reason) {
            return eventLoop.makeSucceededFuture(.plain(.badRequest, reason + "\n", head: head))
        } catch {
            return eventLoop.makeSucceededFuture(.plain(.notFound, "not found\n", head: head))
        }
        return library.catalog(on: eventLoop)
            .flatMap { catalog in answer(route, catalog: catalog, request, localPort: localPort, on: eventLoop) }
            .flatMapErrorThrowing { error in .plain(.internalServerError, "\(error)\n", head: head) }
    }

    func answer(
        _ route: NetbootRoute, catalog: NetbootCatalog, _ request: RequestHead, localPort: Int?,
        on eventLoop: any EventLoop
    ) -> EventLoopFuture<NetbootReply> {
        let head = request.method == "HEAD"
        switch route {
        case .menu:
            let resolved = resolved(catalog, for: request, localPort: localPort)
            return eventLoop.makeCompletedFuture {
                let script = try NetbootDocuments.menu(resolved, timeoutSeconds: options.menuTimeoutSeconds)
                return .generated(script, type: "text/plain; charset=utf-8", head: head)
            }
        case .grubMenu:
            let resolved = resolved(catalog, for: request, localPort: localPort)
            let menu = NetbootDocuments.grubMenu(resolved, timeoutSeconds: options.menuTimeoutSeconds)
            return eventLoop.makeSucceededFuture(.generated(menu, type: "text/plain; charset=utf-8", head: head))
        case .catalog:
            let resolved = resolved(catalog, for: request, localPort: localPort)
            return eventLoop.makeCompletedFuture {
                .generated(try NetbootDocuments.catalogJSON(resolved), type: "application/json", head: head)
            }
        case .host(let mac):
            guard let network = NetbootHosts.normalizedMAC(mac).flatMap({ options.hosts.byMAC[$0] }) else {
                return eventLoop.makeSucceededFuture(.plain(.notFound, "no settings for host \(mac)\n", head: head))
            }
            return eventLoop.makeCompletedFuture {
                let script = try NetbootDocuments.hostScript(network, baseURL: baseURL(request, localPort: localPort))
                return .generated(script, type: "text/plain; charset=utf-8", head: head)
            }
        case .memdisk:
            guard let path = options.catalog.memdiskPath, let reader = try? ImageReader(path: path),
                let identity = FileIdentity.of(descriptor: reader.descriptor)
            else { return eventLoop.makeSucceededFuture(.plain(.notFound, "no memdisk on this server\n", head: head)) }
            let validators = Validators(identity: identity, path: "/memdisk", offset: 0, count: reader.size)
            return eventLoop.makeCompletedFuture {
                try serve(
                    Representation(source: ByteSource(whole: reader), validators: validators, type: "application/octet-stream"),
                    request)
            }
        case .wholeImage(let name):
            guard let image = catalog.image(named: name) else {
                return eventLoop.makeSucceededFuture(.plain(.notFound, "no image \(name)\n", head: head))
            }
            return library.open(image, on: eventLoop).flatMapThrowing { opened in
                guard let opened else { return .plain(.notFound, "no image \(name)\n", head: head) }
                let validators = Validators(identity: opened.identity, path: "", offset: 0, count: opened.reader.size)
                let representation = Representation(
                    source: ByteSource(whole: opened.reader), validators: validators, type: "application/octet-stream")
                remember(representation, of: opened, image: image, for: request)
                return try serve(representation, request)
            }
        case let .file(name, path):
            guard let image = catalog.image(named: name) else {
                return eventLoop.makeSucceededFuture(.plain(.notFound, "no image \(name)\n", head: head))
            }
            return library.open(image, on: eventLoop).flatMap { opened in
                guard let opened, let iso = opened.iso else {
                    return eventLoop.makeSucceededFuture(.plain(.notFound, "no image \(name)\n", head: head))
                }
                return file(path, in: opened, iso: iso, image: image, request, on: eventLoop)
            }
        }
    }

    /// A regular file inside an opened image: its entry (cached, or looked up on the thread pool), then its bytes:
    /// small files from memory (loaded once on the thread pool), larger ones as runs of the image file.
    func file(
        _ path: String, in opened: NetbootLibrary.Opened, iso: ISOImage, image: NetbootImage, _ request: RequestHead,
        on eventLoop: any EventLoop
    ) -> EventLoopFuture<NetbootReply> {
        let head = request.method == "HEAD"
        let entry: EventLoopFuture<ISOEntry?>
        if let cached = opened.entries.entry(at: path) {
            entry = eventLoop.makeSucceededFuture(cached)
        } else {
            entry = NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) {
                guard let found = try? iso.entry(at: path) else { return nil }
                opened.entries.store(found, at: path)
                return found
            }
        }
        return entry.flatMap { entry in
            guard let entry else {
                return eventLoop.makeSucceededFuture(.plain(.notFound, "\(path): not in \(image.name)\n", head: head))
            }
            guard entry.kind == .regular else {
                return eventLoop.makeSucceededFuture(.plain(.notFound, "\(path): not a regular file\n", head: head))
            }
            let validators = Validators(
                identity: opened.identity, path: entry.path, offset: entry.extents.first?.byteOffset ?? 0,
                count: entry.size)
            let type = Self.contentType(of: path)
            let source: ByteSource
            do {
                let extents = entry.extents.map { (offset: $0.byteOffset, length: Int64($0.length)) }
                source = try ByteSource(extents: extents, size: entry.size, reader: opened.reader)
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
            guard source.size <= EntryCache.smallFileBytes else {
                let representation = Representation(source: source, validators: validators, type: type)
                remember(representation, of: opened, image: image, for: request)
                return eventLoop.makeCompletedFuture { try serve(representation, request) }
            }
            let contents: EventLoopFuture<ByteBuffer>
            if let cached = opened.entries.contents(at: entry.path) {
                contents = eventLoop.makeSucceededFuture(cached)
            } else {
                contents = NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) {
                    let loaded = try source.load()
                    opened.entries.store(contents: loaded, at: entry.path)
                    return loaded
                }
            }
            return contents.flatMapThrowing { contents in
                var source = source
                source.memory = contents
                let representation = Representation(source: source, validators: validators, type: type)
                remember(representation, of: opened, image: image, for: request)
                return try serve(representation, request)
            }
        }
    }

    /// `catalog` resolved for the client of `request` (see ``baseURL(_:localPort:)``), with `--append`'s parameters.
    func resolved(_ catalog: NetbootCatalog, for request: RequestHead, localPort: Int?) -> NetbootCatalog {
        catalog.resolved(baseURL: baseURL(request, localPort: localPort), extraParameters: options.extraParameters)
    }

    /// `--base-url`, else `http://` and the request's `Host` (with `localPort` when it names no port, see
    /// ``HostHeader/withPort(_:port:)``), else the listen address.
    func baseURL(_ request: RequestHead, localPort: Int?) -> String {
        if let base = options.baseURL { return base }
        if let host = request.field("Host"), !host.isEmpty,
            host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "/" && $0 != "$" && $0 != "@" })
        {
            return "http://" + (localPort.map { HostHeader.withPort(host, port: $0) } ?? host)
        }
        return "http://\(options.host):\(options.port)"
    }

    /// Keeps `representation` for repeated requests of the same target (see ``answerNow(_:)``).
    func remember(
        _ representation: Representation, of opened: NetbootLibrary.Opened, image: NetbootImage,
        for request: RequestHead
    ) {
        representations.store(
            RepresentationCache.Entry(
                file: FilePath(library.directory + "/" + image.file), identity: opened.identity, representation: representation),
            for: request.target)
    }

    /// The reply for `representation` after the preconditions and `Range` of `request`.
    /// - Throws: ``DecodeError`` if a range passes the end of the source (a programming error: ranges are checked).
    func serve(_ representation: Representation, _ request: RequestHead) throws -> NetbootReply {
        let head = request.method == "HEAD"
        if request.isUnconditional { return head ? representation.wholeHead : representation.whole }
        let (source, validators, type) = (representation.source, representation.validators, representation.type)
        var headers = representation.headers
        let outcome = ConditionalOutcome(header: request.field, validators: validators)
        let ranges: RangeRequest
        switch outcome {
        case .preconditionFailed:
            headers.add(name: "Content-Length", value: "0")
            return NetbootReply(status: .preconditionFailed, headers: headers)
        case .notModified:
            return NetbootReply(status: .notModified, headers: headers)
        case .proceed(let useRange):
            // RFC 9110 §14.2: range handling is defined for GET only.
            ranges = useRange && !head ? RangeRequest(header: request.field("Range"), size: source.size) : .whole
        }
        switch ranges {
        case .whole:
            return head ? representation.wholeHead : representation.whole
        case .unsatisfiable:
            headers.add(name: "Content-Range", value: "bytes */\(source.size)")
            headers.add(name: "Content-Length", value: "0")
            return NetbootReply(status: .rangeNotSatisfiable, headers: headers)
        case .ranges(let parts) where parts.count == 1:
            headers.add(name: "Content-Type", value: type)
            headers.add(name: "Content-Range", value: parts[0].contentRange(size: source.size))
            return try Self.streamed(source, parts[0], status: .partialContent, headers, head: head)
        case .ranges(let parts):
            return try Self.multipart(source, parts, type: type, headers)
        }
    }

    /// One range of `source` as the body of a 200 or single-range 206 (no body for HEAD).
    static func streamed(
        _ source: ByteSource, _ range: ByteRange, status: HTTPResponseStatus, _ headers: HTTPHeaders, head: Bool
    ) throws -> NetbootReply {
        var headers = headers
        headers.add(name: "Content-Length", value: String(range.count))
        if head || range.count == 0 { return NetbootReply(status: status, headers: headers) }
        return NetbootReply(status: status, headers: headers, parts: try source.parts(range), file: source.reader)
    }

    /// RFC 9110 §14.6 — a `multipart/byteranges` 206 with one part per range.
    static func multipart(_ source: ByteSource, _ ranges: [ByteRange], type: String, _ headers: HTTPHeaders) throws
        -> NetbootReply
    {
        let boundary = "isokit-" + String(UInt64.random(in: 1...UInt64.max), radix: 16)
        var parts: [NetbootReply.Part] = []
        for (index, range) in ranges.enumerated() {
            let partHead =
                (index == 0 ? "" : "\r\n") + "--\(boundary)\r\nContent-Type: \(type)\r\n"
                + "Content-Range: \(range.contentRange(size: source.size))\r\n\r\n"
            parts.append(.bytes(ByteBuffer(string: partHead)))
            parts += try source.parts(range)
        }
        parts.append(.bytes(ByteBuffer(string: "\r\n--\(boundary)--\r\n")))
        var reply = NetbootReply(status: .partialContent, headers: headers, parts: parts, file: source.reader)
        reply.headers.add(name: "Content-Type", value: "multipart/byteranges; boundary=\(boundary)")
        reply.headers.add(name: "Content-Length", value: String(reply.bodyBytes))
        return reply
    }

    /// `text/plain` for menus and lists, else `application/octet-stream`.
    static func contentType(of path: String) -> String {
        for suffix in [".cfg", ".txt", ".list", ".ipxe", ".conf"] where path.lowercased().hasSuffix(suffix) {
            return "text/plain; charset=utf-8"
        }
        return "application/octet-stream"
    }
}
