import Model

/// The `:` prompt: `:rate 20k`, `:seed 7`, `:w [PATH]`, `:q`, `:q!`, `:wq`, `:open PATH`, `:speed 10`, `:restart`,
/// `:set KEY VALUE` (a parameter of the selection), `:export FORMAT [PATH]`, `:record [NAME]`, `:help`,
/// `:analysis`, `:estimate`, `:curve [FROM..TO]`.
public enum Commands {
    public static let names = ["select", "rate", "seed", "w", "write", "q", "quit", "q!", "wq", "open", "open!", "speed", "restart", "set", "export", "help", "analysis", "estimate", "curve", "record"]

    static func run(_ text: String, _ state: inout AppState) -> [Effect] {
        let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first else {
            state.mode = .normal
            return []
        }
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        func refuse(_ reason: String) -> [Effect] {
            state.mode = .command(text: text, error: reason)
            return []
        }
        state.mode = .normal
        switch name {
        case "select", "sel":
            // `:select web->db` (or `web → db`) selects the link, to edit its retries, breaker, timeout…
            let arrow = argument.range(of: "->") ?? argument.range(of: "→")
            if let arrow {
                let from = argument[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
                let to = argument[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
                guard let source = state.design.component(from) else {
                    return refuse("no block named '\(from)'; blocks: " + state.design.components.map(\.id).joined(separator: ", "))
                }
                guard source.outgoing.contains(where: { $0.to == to }) else {
                    let targets = source.outgoing.map(\.to)
                    return refuse("'\(from)' has no link to '\(to)'" + (targets.isEmpty ? "" : "; it links to: " + targets.joined(separator: ", ")))
                }
                state.selection = .link(from: from, to: to)
                state.inspectorRow = 0
                return []
            }
            guard state.design.component(argument) != nil else {
                return refuse("no block named '\(argument)'; blocks: " + state.design.components.map(\.id).joined(separator: ", "))
            }
            state.selection = .component(argument)
            state.inspectorRow = 0
            EditReducer.scrollIntoView(&state, argument)
            return []
        case "rate":
            guard let rate = Units.parseRate(argument), rate > 0 else { return refuse("usage: :rate 20k (requests per second > 0)") }
            var next = state.design
            next.workload.rateRPS = rate
            return EditReducer.commit(&state, next, "rate changed \(Units.formatRate(state.design.workload.rateRPS)) → \(Units.formatRate(rate))/s")
        case "seed":
            guard let seed = UInt64(argument) else { return refuse("usage: :seed 7 (a whole number ≥ 0)") }
            state.seed = seed
            if state.design.seed != seed {
                // The seed is part of the design: saving keeps it, and undo brings the old one back.
                var next = state.design
                next.seed = seed
                _ = EditReducer.commit(&state, next, "")
            }
            return Reducer.reduce(&state, .restartRequested)
        case "w", "write":
            if argument.isEmpty { return Reducer.save(&state, to: state.filePath) }
            let path = argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") ? argument : argument + ".yaml"
            return Reducer.save(&state, to: path)
        case "wq":
            guard let path = argument.isEmpty ? state.filePath : argument else { return refuse("this design has no file yet: :wq PATH") }
            if let problem = Reducer.saveProblem(state.design) { return refuse(problem) }
            state.quitAfterSave = true
            return [.save(path: path, text: DesignWriter.yaml(state.design))]
        case "q", "quit":
            return Reducer.reduce(&state, .quitRequested)
        case "q!":
            return Reducer.reduce(&state, .quitConfirmed)
        case "open", "e":
            guard !argument.isEmpty else { return refuse("usage: :open Designs/web-tier.yaml") }
            return Reducer.reduce(&state, .openChosen(argument))
        case "open!", "e!":
            guard !argument.isEmpty else { return refuse("usage: :open! PATH (discards unsaved changes)") }
            return [.open(path: argument)]
        case "speed":
            guard let speed = Double(argument.replacingOccurrences(of: "x", with: "").replacingOccurrences(of: "×", with: "")),
                  let index = AppState.speeds.firstIndex(where: { $0 >= speed - 1e-9 }) else {
                return refuse("usage: :speed 10 (one of " + AppState.speeds.map(Units.trim).joined(separator: ", ") + ")")
            }
            state.speedIndex = index
            state.message = StatusMessage("speed ×\(Units.trim(state.speed))")
            return []
        case "restart":
            return Reducer.reduce(&state, .restartRequested)
        case "export":
            switch ExportPrompt.effect(argument, state) {
            case .success(let effect): return [effect]
            case .failure(let refusal): return refuse(refusal.message)
            }
        case "help":
            state.mode = .help
            return []
        case "analysis":
            return Reducer.reduce(&state, .screenOpened(.analysis))
        case "estimate", "envelope":
            return Reducer.reduce(&state, .screenOpened(.envelope))
        case "curve":
            var spec = LoadCurveSpec()
            if !argument.isEmpty {
                guard let (low, high) = LoadCurve.parseRange(argument), low > 0, high > low else {
                    return refuse("usage: :curve 100..10k (a rising range of rates; without one, 10%–120% of saturation)")
                }
                spec.fromRPS = low
                spec.toRPS = high
            }
            let effects = Reducer.reduce(&state, .loadCurveRequested(spec))
            if state.mode != .screen(.loadCurve), let message = state.message, message.isError { return refuse(message.text) }
            return effects
        case "record", "rec":
            if !argument.isEmpty, let problem = ScenarioPaths.problem(with: argument) { return refuse(problem) }
            return Reducer.reduce(&state, .recordRequested(name: argument.isEmpty ? nil : argument))
        case "set":
            var parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return refuse("usage: :set KEY VALUE, e.g. :set workers 16 or :set web.workers 16") }
            // `:set web.workers 16` selects web first.
            if let dot = parts[0].firstIndex(of: "."), !parts[0].hasPrefix("workload."), !parts[0].hasPrefix("call."),
               state.design.component(String(parts[0][..<dot])) != nil {
                state.selection = .component(String(parts[0][..<dot]))
                parts[0] = String(parts[0][parts[0].index(after: dot)...])
            }
            // `:set nope.workers 3`: a name before the dot that is no block (nor a key such as `rate_limit.…`).
            if let dot = parts[0].firstIndex(of: "."), !parts[0].hasPrefix("workload."), !parts[0].hasPrefix("call."),
               !parts[0].hasPrefix("link."), !InspectorFields.fields(for: state).contains(where: { $0.key == parts[0] }) {
                let name = String(parts[0][..<dot])
                let ids = state.design.components.map(\.id)
                let hint = Suggest.closest(to: name, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                return refuse("there is no block '\(name)'\(hint); blocks: " + ids.joined(separator: ", "))
            }
            if state.selection == nil, !InspectorFields.fields(for: state).contains(where: { $0.key == parts[0] || $0.key == "workload." + parts[0] }) {
                return refuse("'\(parts[0])' is a block parameter: select a block first (:select NAME) or write :set NAME.\(parts[0]) VALUE")
            }
            let fields = InspectorFields.fields(for: state)
            guard let row = fields.firstIndex(where: { $0.key == parts[0] || $0.key == "workload." + parts[0] || $0.key == "link." + parts[0]
                || $0.label == parts[0] }) else {
                let keys = fields.filter(\.editable).map(\.key)
                let hint = Suggest.closest(to: parts[0], in: keys).map { " (did you mean '\($0)'?)" } ?? ""
                return refuse("no parameter '\(parts[0])' here\(hint); parameters: " + keys.joined(separator: ", "))
            }
            state.inspectorRow = row
            state.mode = .edit(field: fields[row].key, text: parts[1], error: nil)
            let effects = EditReducer.reduce(&state, .editCommitted)
            if case .edit(_, _, let error?) = state.mode { return refuse(error) }
            return effects
        default:
            return refuse("unknown command '\(name)'\(Suggestion.closest(name, names).map { " (did you mean :\($0)?)" } ?? ""); try :help")
        }
    }
}

enum Suggestion {
    static func closest(_ word: String, _ candidates: [String]) -> String? {
        candidates.first { $0.hasPrefix(word) || word.hasPrefix($0) && $0.count > 1 }
    }
}

import Foundation
