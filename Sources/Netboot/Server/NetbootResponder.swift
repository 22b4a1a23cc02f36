import BinaryIO
import Foundation
import Hummingbird
import ISO9660
import NIOCore

/// Answers one request of the netboot server (see ``NetbootServer`` for the routes).
struct NetbootResponder: HTTPResponder {
    typealias Context = NetbootRequestContext

    let library: NetbootLibrary
    let options: NetbootServerOptions
    let accessLog: AccessLog.Sink

    @Sendable func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await answer(request, eventLoop: context.channel.eventLoop)
        } catch {
            response = Self.plain(.internalServerError, "\(error)\n", head: request.method == .head)
        }
        guard options.accessLog else { return response }
        return AccessLog.wrap(
            response, method: request.method.rawValue, path: request.uri.path, started: started, to: accessLog)
    }

    func answer(_ request: Request, eventLoop: any EventLoop) async throws -> Response {
        let head = request.method == .head
        guard request.method == .get || head else {
            var response = Self.plain(.methodNotAllowed, "only GET and HEAD\n", head: false)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let route: NetbootRoute
        do {
            route = try NetbootRoute(rawPath: request.uri.path)
        } catch .badRequest(let reason) {
            return Self.plain(.badRequest, reason + "\n", head: head)
        } catch {
            return Self.plain(.notFound, "not found\n", head: head)
        }
        let catalog = try await library.catalog()
        switch route {
        case .menu:
            let resolved = catalog.resolved(baseURL: baseURL(request), extraParameters: options.extraParameters)
            let script = try NetbootDocuments.menu(resolved, timeoutSeconds: options.menuTimeoutSeconds)
            return Self.generated(script, type: "text/plain; charset=utf-8", head: head)
        case .catalog:
            let resolved = catalog.resolved(baseURL: baseURL(request), extraParameters: options.extraParameters)
            return Self.generated(try NetbootDocuments.catalogJSON(resolved), type: "application/json", head: head)
        case .host(let mac):
            guard let network = NetbootHosts.normalizedMAC(mac).flatMap({ options.hosts.byMAC[$0] }) else {
                return Self.plain(.notFound, "no settings for host \(mac)\n", head: head)
            }
            let script = try NetbootDocuments.hostScript(network, baseURL: baseURL(request))
            return Self.generated(script, type: "text/plain; charset=utf-8", head: head)
        case .memdisk:
            guard let path = options.catalog.memdiskPath, let reader = try? ImageReader(path: path),
                let identity = FileIdentity.of(descriptor: reader.descriptor)
            else { return Self.plain(.notFound, "no memdisk on this server\n", head: head) }
            let validators = Validators(identity: identity, path: "/memdisk", offset: 0, count: reader.size)
            return serve(ByteSource(whole: reader), validators: validators, type: "application/octet-stream", request, eventLoop)
        case .wholeImage(let name):
            guard let image = catalog.image(named: name), let opened = try await library.open(image) else {
                return Self.plain(.notFound, "no image \(name)\n", head: head)
            }
            let validators = Validators(identity: opened.identity, path: "", offset: 0, count: opened.reader.size)
            return serve(ByteSource(whole: opened.reader), validators: validators, type: "application/octet-stream", request, eventLoop)
        case let .file(name, path):
            guard let image = catalog.image(named: name), let opened = try await library.open(image),
                let iso = opened.iso
            else { return Self.plain(.notFound, "no image \(name)\n", head: head) }
            let entry: ISOEntry
            if let cached = opened.entries.entry(at: path) {
                entry = cached
            } else {
                do {
                    entry = try await NIOThreadPoolBridge.run { try iso.entry(at: path) }
                } catch {
                    return Self.plain(.notFound, "\(path): not in \(name)\n", head: head)
                }
                opened.entries.store(entry, at: path)
            }
            guard entry.kind == .regular else { return Self.plain(.notFound, "\(path): not a regular file\n", head: head) }
            let extents = entry.extents.map { (offset: $0.byteOffset, length: Int64($0.length)) }
            var source = try ByteSource(extents: extents, size: entry.size, reader: opened.reader)
            if source.size <= EntryCache.smallFileBytes {
                if let cached = opened.entries.contents(at: entry.path) {
                    source.memory = cached
                } else {
                    let contents = try await source.load()
                    opened.entries.store(contents: contents, at: entry.path)
                    source.memory = contents
                }
            }
            let validators = Validators(
                identity: opened.identity, path: entry.path, offset: entry.extents.first?.byteOffset ?? 0,
                count: entry.size)
            return serve(source, validators: validators, type: Self.contentType(of: path), request, eventLoop)
        }
    }

    /// `--base-url`, else `http://` and the request's `Host`, else the listen address.
    func baseURL(_ request: Request) -> String {
        if let base = options.baseURL { return base }
        if let host = request.head.authority, !host.isEmpty,
            host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "/" && $0 != "$" && $0 != "@" })
        {
            return "http://" + host
        }
        return "http://\(options.host):\(options.port)"
    }

    /// A response for `source` after the preconditions and `Range` of `request`.
    func serve(
        _ source: ByteSource, validators: Validators, type: String, _ request: Request, _ eventLoop: any EventLoop
    ) -> Response {
        let head = request.method == .head
        var headers = HTTPFields()
        headers[.eTag] = validators.entityTag
        headers[.lastModified] = HTTPDate.format(validators.lastModified)
        headers[.acceptRanges] = "bytes"
        let outcome = ConditionalOutcome(
            header: { name in request.headers.first { $0.name.canonicalName == name.lowercased() }?.value },
            validators: validators)
        let ranges: RangeRequest
        switch outcome {
        case .preconditionFailed:
            return Response(status: .preconditionFailed, headers: headers, body: ResponseBody())
        case .notModified:
            return Response(status: .notModified, headers: headers, body: ResponseBody())
        case .proceed(let useRange):
            // RFC 9110 §14.2: range handling is defined for GET only.
            ranges = useRange && !head ? RangeRequest(header: request.headers[.range], size: source.size) : .whole
        }
        switch ranges {
        case .whole:
            headers[.contentType] = type
            return Self.streamed(
                source, [ByteRange(start: 0, count: source.size)], status: .ok, headers, head: head, eventLoop)
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(source.size)"
            return Response(status: .rangeNotSatisfiable, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer()))
        case .ranges(let parts) where parts.count == 1:
            headers[.contentType] = type
            headers[.contentRange] = parts[0].contentRange(size: source.size)
            return Self.streamed(source, parts, status: .partialContent, headers, head: head, eventLoop)
        case .ranges(let parts):
            return Self.multipart(source, parts, type: type, headers, eventLoop)
        }
    }

    /// Streams `ranges` of `source` one after the other (the body of a 200 or single-range 206).
    static func streamed(
        _ source: ByteSource, _ ranges: [ByteRange], status: HTTPResponse.Status, _ headers: HTTPFields, head: Bool,
        _ eventLoop: any EventLoop
    ) -> Response {
        let length = ranges.reduce(0) { $0 + $1.count }
        var headers = headers
        headers[.contentLength] = String(length)
        if head || length == 0 { return Response(status: status, headers: headers, body: ResponseBody()) }
        let body = ResponseBody(contentLength: Int(length)) { writer in
            for range in ranges where range.count > 0 { try await source.write(range, to: &writer, eventLoop: eventLoop) }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// RFC 9110 §14.6 — a `multipart/byteranges` 206 with one part per range.
    static func multipart(
        _ source: ByteSource, _ ranges: [ByteRange], type: String, _ headers: HTTPFields, _ eventLoop: any EventLoop
    ) -> Response {
        let boundary = "isokit-" + String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let heads = ranges.enumerated().map { index, range in
            (index == 0 ? "" : "\r\n") + "--\(boundary)\r\nContent-Type: \(type)\r\n"
                + "Content-Range: \(range.contentRange(size: source.size))\r\n\r\n"
        }
        let tail = "\r\n--\(boundary)--\r\n"
        let length = zip(heads, ranges).reduce(Int64(tail.utf8.count)) { $0 + Int64($1.0.utf8.count) + $1.1.count }
        var headers = headers
        headers[.contentType] = "multipart/byteranges; boundary=\(boundary)"
        headers[.contentLength] = String(length)
        let body = ResponseBody(contentLength: Int(length)) { writer in
            for (partHead, range) in zip(heads, ranges) {
                try await writer.write(ByteBuffer(string: partHead))
                try await source.write(range, to: &writer, eventLoop: eventLoop)
            }
            try await writer.write(ByteBuffer(string: tail))
            try await writer.finish(nil)
        }
        return Response(status: .partialContent, headers: headers, body: body)
    }

    /// A generated text (the menu, the catalog), never cached by clients.
    static func generated(_ text: String, type: String, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.contentLength] = String(text.utf8.count)
        return Response(status: .ok, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A short plain-text answer (errors).
    static func plain(_ status: HTTPResponse.Status, _ text: String, head: Bool) -> Response {
        var response = generated(text, type: "text/plain; charset=utf-8", head: head)
        response.status = status
        return response
    }

    /// `text/plain` for menus and lists, else `application/octet-stream`.
    static func contentType(of path: String) -> String {
        for suffix in [".cfg", ".txt", ".list", ".ipxe", ".conf"] where path.lowercased().hasSuffix(suffix) {
            return "text/plain; charset=utf-8"
        }
        return "application/octet-stream"
    }
}
