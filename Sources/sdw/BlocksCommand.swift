import ArgumentParser
import Model
import Reporting

struct BlocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocks",
        abstract: "List the block kinds with their parameters and defaults."
    )

    func run() throws {
        var sections: [String] = []
        for block in BlockCatalog.all {
            var table = TextTable([("parameter", .left), ("default", .left), ("type", .left), ("meaning", .left)])
            for parameter in block.parameters {
                table.add([parameter.key, parameter.defaultValue, parameter.type, parameter.meaning])
            }
            sections.append("\(block.kind.rawValue)\n  \(block.summary)\n\n" + table.rendered(indent: "  "))
        }
        print(sections.joined(separator: "\n\n"))
    }
}
