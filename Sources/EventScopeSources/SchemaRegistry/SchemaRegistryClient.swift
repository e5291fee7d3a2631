import EventScopeCore
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A Confluent Schema Registry over its REST API, through Foundation's URLSession.
///
/// Calls block their thread until the answer (or the timeout): `SchemaResolver` makes them on
/// fetch threads, never on the ingest path. Each URL is tried in turn when one cannot be
/// reached or answers with a server error; a 404 is an answer and is not retried elsewhere.
public final class SchemaRegistryClient: SchemaSource {
    public let settings: SchemaRegistrySettings
    private let session: URLSession
    private let timeoutSeconds: Double

    public init(settings: SchemaRegistrySettings, timeoutSeconds: Double = 10) {
        self.settings = settings
        self.timeoutSeconds = timeoutSeconds
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeoutSeconds
        configuration.timeoutIntervalForResource = timeoutSeconds * 2
        configuration.httpAdditionalHeaders = ["Accept": "application/vnd.schemaregistry.v1+json, application/json"]
        session = URLSession(configuration: configuration, delegate: ChallengeRefusal(), delegateQueue: nil)
    }

    /// Answers every authentication challenge by declining it, so a 401 comes back as a response:
    /// without a delegate, FoundationNetworking left a 401 with `WWW-Authenticate` unanswered
    /// and the request never finished. The credentials go in the `Authorization` header instead.
    private final class ChallengeRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
            completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
        ) {
            completionHandler(.rejectProtectionSpace, nil)
        }
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func schema(id: Int32) throws(SchemaFetchError) -> RegisteredSchema {
        var schema = try SchemaRegistryResponse.schema(from: try get("/schemas/ids/\(id)"), id: id)
        // Subject and version are for display only: a registry that does not answer this
        // (older versions) still gives a usable schema.
        if let body = try? get("/schemas/ids/\(id)/versions"), let found = SchemaRegistryResponse.firstSubjectVersion(from: body) {
            schema.subject = found.subject
            schema.version = found.version
        }
        return schema
    }

    public func schema(subject: String, version: Int) throws(SchemaFetchError) -> RegisteredSchema {
        let encoded = subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? subject
        return try SchemaRegistryResponse.schema(from: try get("/subjects/\(encoded)/versions/\(version)"), id: nil)
    }

    /// GETs a path from each URL in turn until one answers; returns a 2xx body.
    private func get(_ path: String) throws(SchemaFetchError) -> [UInt8] {
        var lastFailure = SchemaFetchError(.unreachable, "no registry URL")
        for base in settings.urls {
            guard let url = URL(string: base.absoluteString + path) else { continue }
            var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
            if let authorization = settings.authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
            switch perform(request) {
            case .success(let (status, body)) where (200..<300).contains(status):
                return body
            case .success(let (status, body)):
                let failure = SchemaRegistryResponse.failure(status: status, body: body)
                if failure.kind != .unreachable || settings.urls.count == 1 { throw failure }
                lastFailure = failure
            case .failure(let failure):
                lastFailure = failure
            }
        }
        throw lastFailure
    }

    private final class Answer: @unchecked Sendable {
        var result: Result<(Int, [UInt8]), SchemaFetchError> = .failure(SchemaFetchError(.unreachable, "no answer"))
    }

    private func perform(_ request: URLRequest) -> Result<(Int, [UInt8]), SchemaFetchError> {
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        let host = request.url?.host ?? "registry"
        let task = session.dataTask(with: request) { data, response, error in
            defer { done.signal() }
            if let error {
                // Foundation's text may quote the URL; the URL holds no credentials, but keep
                // the reason short and free of terminal controls all the same.
                // A declined authentication challenge (`ChallengeRefusal`) ends the task as cancelled.
                let code = (error as NSError).code
                let refused = code == NSURLErrorCancelled || code == NSURLErrorUserAuthenticationRequired
                let reason =
                    refused
                    ? "HTTP 401: the registry refused the credentials"
                    : TerminalText.escape((error as NSError).localizedDescription, limit: 160)
                answer.result = .failure(SchemaFetchError(.unreachable, "\(host): \(reason)"))
                return
            }
            guard let http = response as? HTTPURLResponse else {
                answer.result = .failure(SchemaFetchError(.unreachable, "\(host): not an HTTP answer"))
                return
            }
            let body = data ?? Data()
            guard body.count <= SchemaRegistryResponse.maxBodyBytes else {
                answer.result = .failure(SchemaFetchError(.invalid, "\(host): answer larger than \(SchemaRegistryResponse.maxBodyBytes >> 20) MiB"))
                return
            }
            answer.result = .success((http.statusCode, [UInt8](body)))
        }
        task.resume()
        // A bound of its own, so no stall inside the HTTP stack can keep a schema in flight forever.
        if done.wait(timeout: .now() + timeoutSeconds * 2) == .timedOut {
            task.cancel()
            return .failure(SchemaFetchError(.unreachable, "\(host): no answer within \(Int(timeoutSeconds * 2)) s"))
        }
        return answer.result
    }
}
