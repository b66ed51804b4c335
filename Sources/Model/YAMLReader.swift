import Foundation
import Yams

/// A YAML node as Yams composes it, named here so that targets reading data files need not import Yams.
public typealias YAMLNode = Yams.Node

/// Reads a Yams node tree while recording diagnostics with file:line:column.
/// Readers return nil after reporting a problem, so parsing goes on and every error is found in one pass.
/// Public so that other data files (the trade-off notes in Analysis) report problems the same way.
public final class YAMLReader {
    public let file: String
    public private(set) var diagnostics: [Diagnostic] = []
    /// Where named values sit in the file ("workload.entry", "lb.routes.0"), for checks made after building.
    var sites: [String: SourceLocation] = [:]

    func remember(_ site: String, _ node: Node?) {
        if let location = location(node) { sites[site] = location }
    }

    public init(file: String) { self.file = file }

    /// Composes YAML text into a node tree; a syntax error is reported at its line and column and gives nil.
    public func compose(_ text: String) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                error(at: SourceLocation(file: file, line: 1, column: 1), "the file is empty")
                return nil
            }
            return root
        } catch let failure as YamlError {
            diagnostics.append(DesignParser.yamlDiagnostic(failure, file: file))
        } catch {
            self.error(at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
        return nil
    }

    public func location(_ node: Node?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    public func error(_ node: Node?, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location(node), message))
    }

    public func error(at location: SourceLocation?, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location, message))
    }

    public func warning(at location: SourceLocation?, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A short description of what a node holds, for "expected X, found Y".
    public static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Structure

    public func mapping(_ node: Node, _ what: String) -> KeyedNode? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping (key: value), found \(Self.describe(node))")
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error(key, "keys in \(what) must be plain names, found \(Self.describe(key))")
                continue
            }
            pairs.append((scalar.string, key, value))
        }
        return KeyedNode(reader: self, node: node, what: what, pairs: pairs)
    }

    public func sequence(_ node: Node, _ what: String) -> [Node]? {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        default:
            error(node, "\(what) must be a list, found \(Self.describe(node))")
            return nil
        }
    }

    // MARK: Scalars

    func scalarText(_ node: Node, _ what: String, expected: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be \(expected), found \(Self.describe(node))")
            return nil
        }
        return scalar.string
    }

    public func string(_ node: Node, _ what: String) -> String? {
        guard let text = scalarText(node, what, expected: "text") else { return nil }
        return text
    }

    /// Text that must not be empty (a missing value reads as an empty scalar).
    public func text(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            error(node, "\(what) must not be empty")
            return nil
        }
        return trimmed
    }

    /// A list of text items (`[a, b]` or one per line), each with where it sits for later checks.
    public func strings(_ node: Node, _ what: String) -> [(text: String, location: SourceLocation?)]? {
        guard let items = sequence(node, what) else { return nil }
        return items.compactMap { item in
            text(item, "each item of \(what)").map { ($0, location(item)) }
        }
    }

    func integer(_ node: Node, _ what: String, minimum: Int) -> Int? {
        guard let text = scalarText(node, what, expected: "a whole number") else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            error(node, "\(what) must be a whole number, found '\(text)'")
            return nil
        }
        guard value >= minimum else {
            error(node, "\(what) must be at least \(minimum), found \(value)")
            return nil
        }
        return value
    }

    func number(_ node: Node, _ what: String, range: ClosedRange<Double>? = nil, positive: Bool = false) -> Double? {
        guard let text = scalarText(node, what, expected: "a number") else { return nil }
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            error(node, "\(what) must be a number, found '\(text)'")
            return nil
        }
        if positive, value <= 0 {
            error(node, "\(what) must be greater than 0, found \(text)")
            return nil
        }
        if let range, !range.contains(value) {
            error(node, "\(what) must be between \(Units.trim(range.lowerBound)) and \(Units.trim(range.upperBound)), found \(text)")
            return nil
        }
        return value
    }

    /// A duration with a unit (`250ms`, `2s`); a bare 0 is allowed.
    func duration(_ node: Node, _ what: String, allowZero: Bool = false) -> Double? {
        guard let text = scalarText(node, what, expected: "a duration such as 250ms or 2s") else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let bare = Double(trimmed) {
            if bare == 0, allowZero { return 0 }
            if bare == 0 { error(node, "\(what) must be greater than 0"); return nil }
            if bare < 0 { error(node, "\(what) must be \(allowZero ? "0 or more" : "greater than 0"), found '\(text)'"); return nil }
            error(node, "\(what) needs a unit: write \(trimmed)ms or \(trimmed)s (units: ns, us, ms, s, m, h)")
            return nil
        }
        guard let seconds = Units.parseDuration(trimmed) else {
            error(node, "\(what) must be a duration such as 250ms, 2s or 1.5m (units: ns, us, ms, s, m, h), found '\(text)'")
            return nil
        }
        if seconds < 0 || (seconds == 0 && !allowZero) {
            error(node, "\(what) must be \(allowZero ? "0 or more" : "greater than 0"), found '\(text)'")
            return nil
        }
        return seconds
    }

    /// A rate per second: `950`, `10k`, `1.5M`.
    func rate(_ node: Node, _ what: String) -> Double? {
        guard let text = scalarText(node, what, expected: "a rate such as 950, 10k or 1.5M") else { return nil }
        guard let value = Units.parseRate(text) else {
            error(node, "\(what) must be a rate per second such as 950, 10k or 1.5M, found '\(text)'")
            return nil
        }
        guard value > 0 else {
            error(node, "\(what) must be greater than 0, found '\(text)'")
            return nil
        }
        return value
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard let text = scalarText(node, what, expected: "one of " + names.joined(separator: ", ")) else { return nil }
        guard let value = T(rawValue: text) else {
            error(node, "\(what) '\(text)' is not known\(Suggest.didYouMean(text, names)); valid: \(names.joined(separator: ", "))")
            return nil
        }
        return value
    }
}

/// A mapping being read: `take` marks keys as used, `finish` reports the rest as unknown.
public final class KeyedNode {
    let reader: YAMLReader
    let node: Node
    let what: String
    let pairs: [(key: String, keyNode: Node, value: Node)]
    private var used = Set<String>()

    init(reader: YAMLReader, node: Node, what: String, pairs: [(key: String, keyNode: Node, value: Node)]) {
        self.reader = reader
        self.node = node
        self.what = what
        self.pairs = pairs
    }

    public var location: SourceLocation? { reader.location(node) }

    public func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    public func take(_ key: String) -> Node? {
        used.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    public func require(_ key: String, hint: String) -> Node? {
        if let value = take(key) { return value }
        reader.error(node, "\(what) is missing '\(key)' (\(hint))")
        return nil
    }

    /// Reports keys that were never taken, naming the valid ones.
    public func finish(valid: [String]) {
        for pair in pairs where !used.contains(pair.key) {
            reader.error(pair.keyNode,
                         "unknown key '\(pair.key)' in \(what)\(Suggest.didYouMean(pair.key, valid)); valid keys: \(valid.joined(separator: ", "))")
        }
    }
}
