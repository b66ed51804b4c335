import Foundation
import Model
import Analysis

/// The envelope calculator's state: its inputs, the highlighted row, and the row being edited (with why the last value was refused).
public struct EnvelopeForm: Sendable, Equatable {
    public var inputs: EnvelopeInputs
    public var row = 0
    /// The text being typed into the highlighted row, or nil when not editing.
    public var editing: String?
    public var error: String?

    /// A mid-sized product to start from: 10M daily users, 20 reads and 2 writes each, 1 KB per item.
    public static let starting = EnvelopeInputs(dailyActiveUsers: 10e6, readsPerUser: 20, writesPerUser: 2, writePayloadBytes: 1000)

    public init(inputs: EnvelopeInputs = EnvelopeForm.starting) { self.inputs = inputs }

    public var steps: [EnvelopeStep] { inputs.problem == nil ? Envelope.estimate(inputs) : [] }
}

/// One editable input of the calculator: how it reads, how it is shown, and how typed text is parsed back.
public struct EnvelopeField: Sendable {
    public var key: String
    public var label: String
    public var hint: String
    public var read: @Sendable (EnvelopeInputs) -> Double
    public var write: @Sendable (inout EnvelopeInputs, Double) -> Void
    public var format: @Sendable (Double) -> String
    public var parse: @Sendable (String) -> Double?

    public func value(_ inputs: EnvelopeInputs) -> String { format(read(inputs)) }
}

extension EnvelopeForm {
    public static let fields: [EnvelopeField] = {
        let count: @Sendable (String) -> Double? = { Units.parseCount($0) }
        let bytes: @Sendable (String) -> Double? = { Units.parseBytes($0) }
        let number: @Sendable (String) -> Double? = { Double($0.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil } }
        return [
            EnvelopeField(key: "dau", label: "daily active users", hint: "a count: 500M, 2.5B, 80k",
                          read: { $0.dailyActiveUsers }, write: { $0.dailyActiveUsers = $1 }, format: Units.formatCount, parse: count),
            EnvelopeField(key: "reads", label: "reads / user / day", hint: "a count ≥ 0, e.g. 100",
                          read: { $0.readsPerUser }, write: { $0.readsPerUser = $1 }, format: Units.formatCount, parse: count),
            EnvelopeField(key: "writes", label: "writes / user / day", hint: "a count ≥ 0, e.g. 5.76",
                          read: { $0.writesPerUser }, write: { $0.writesPerUser = $1 }, format: Units.formatCount, parse: count),
            EnvelopeField(key: "write_payload", label: "write payload", hint: "bytes stored per write: 300B, 1KB, 2MB (1 KB = 1,000 B)",
                          read: { $0.writePayloadBytes }, write: { $0.writePayloadBytes = $1 }, format: Units.formatBytes, parse: bytes),
            EnvelopeField(key: "read_payload", label: "read payload", hint: "bytes returned per read: 1KB, 5KB",
                          read: { $0.readPayloadBytes }, write: { $0.readPayloadBytes = $1 }, format: Units.formatBytes, parse: bytes),
            EnvelopeField(key: "peak", label: "peak factor", hint: "peak rate ÷ average rate, ≥ 1, e.g. 2",
                          read: { $0.peakFactor }, write: { $0.peakFactor = $1 }, format: { "×" + Units.trim($0) },
                          parse: { number($0.replacingOccurrences(of: "×", with: "").replacingOccurrences(of: "x", with: "")) }),
            EnvelopeField(key: "retention", label: "retention", hint: "years of data kept, e.g. 5 or 5y",
                          read: { $0.retentionYears }, write: { $0.retentionYears = $1 }, format: { Units.trim($0) + " years" },
                          parse: { text in
                              var trimmed = text.trimmingCharacters(in: .whitespaces)
                              for suffix in ["years", "year", "y"] where trimmed.hasSuffix(suffix) { trimmed = String(trimmed.dropLast(suffix.count)); break }
                              return number(trimmed)
                          }),
            EnvelopeField(key: "replication", label: "replication", hint: "copies of each byte stored, ≥ 1, e.g. 3",
                          read: { $0.replication }, write: { $0.replication = $1 }, format: { "×" + Units.trim($0) },
                          parse: { number($0.replacingOccurrences(of: "×", with: "").replacingOccurrences(of: "x", with: "")) }),
            EnvelopeField(key: "hot", label: "hot-set share", hint: "share of a day's reads to cache: 20% or 0.2",
                          read: { $0.hotFraction }, write: { $0.hotFraction = $1 }, format: Units.formatPercent,
                          parse: { text in
                              let trimmed = text.trimmingCharacters(in: .whitespaces)
                              if trimmed.hasSuffix("%") { return number(String(trimmed.dropLast())).map { $0 / 100 } }
                              return number(trimmed)
                          }),
            EnvelopeField(key: "server_qps", label: "per-server capacity", hint: "requests per second one server handles: 1k, 500",
                          read: { $0.serverCapacityQPS }, write: { $0.serverCapacityQPS = $1 }, format: { Units.formatCount($0) + " req/s" },
                          parse: { Units.parseCount($0.replacingOccurrences(of: "req/s", with: "").replacingOccurrences(of: "/s", with: "")) }),
        ]
    }()

    /// Applies typed text to the highlighted row; on a refusal the editor stays open with the reason.
    public mutating func commit() {
        guard let text = editing, row < Self.fields.count else { return }
        let field = Self.fields[row]
        guard let value = field.parse(text) else {
            error = "'\(text)' is not a value for \(field.label): \(field.hint)"
            return
        }
        var next = inputs
        field.write(&next, value)
        if let problem = next.problem {
            error = problem
            return
        }
        inputs = next
        editing = nil
        error = nil
    }
}
