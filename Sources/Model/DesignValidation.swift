/// Whole-design checks for designs built in memory (the workbench's edits), with the file checks' messages.
extension DesignParser {
    /// Errors and warnings of a design that did not come from a file: references, classes, sync cycles,
    /// forward probabilities, closed loops, unreachable components.
    public static func check(_ design: Design) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if design.components.isEmpty {
            found.append(Diagnostic(.error, at: nil, "a design needs at least one component"))
        }
        var seen = Set<String>()
        for component in design.components {
            if !seen.insert(component.id).inserted {
                found.append(Diagnostic(.error, at: nil, "component name '\(component.id)' is used twice"))
            }
        }
        guard found.isEmpty else { return found }
        return DesignChecks.check(design, reader: YAMLReader(file: design.source))
    }
}
