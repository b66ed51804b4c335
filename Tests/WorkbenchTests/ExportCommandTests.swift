import Foundation
import Testing
import Export
import Model
@testable import Workbench

@Suite struct ExportCommandTests {
    static func submit(_ state: inout AppState, _ command: String) -> [Effect] {
        send(&state, .commandStarted, .commandTextChanged(command), .commandSubmitted)
    }

    @Test func exportWritesBesideTheDesignFileByDefault() throws {
        var state = try webTierState()
        let effects = Self.submit(&state, "export mermaid")
        #expect(effects == [.export(path: "Designs/web-tier.mmd", text: MermaidExport.render(state.design), format: "mermaid")])
        #expect(state.mode == .normal)
        #expect(!state.modified)
        let markdown = Self.submit(&state, "export md notes/web.md")
        #expect(markdown == [.export(path: "notes/web.md", text: MarkdownExport.render(state.design), format: "markdown")])
        let yaml = Self.submit(&state, "export yaml")
        #expect(yaml == [.export(path: "Designs/web-tier.export.yaml", text: DesignWriter.yaml(state.design), format: "yaml")])
    }

    @Test func exportOfADesignWithoutAFileUsesItsName() {
        var state = AppState(design: Design(name: "My Shop: v2", workload: Workload(entry: "", rateRPS: 1), components: []), filePath: nil)
        let effects = Self.submit(&state, "export dot")
        #expect(effects.count == 1)
        guard case .export(let path, _, let format) = effects.first else { return }
        #expect(path == "my-shop-v2.dot")
        #expect(format == "dot")
    }

    @Test func badExportsAreRefusedInThePrompt() throws {
        var state = try webTierState()
        #expect(Self.submit(&state, "export pdf").isEmpty)
        #expect(state.mode == .command(text: "export pdf", error: "unknown format 'pdf'; usage: :export text|ascii|markdown|mermaid|d2|dot|yaml [PATH]"))
        #expect(Self.submit(&state, "export").isEmpty)
        #expect(state.mode == .command(text: "export", error: "usage: :export text|ascii|markdown|mermaid|d2|dot|yaml [PATH]"))
        #expect(Self.submit(&state, "export yaml ./Designs/web-tier.yaml").isEmpty)
        #expect(state.mode == .command(text: "export yaml ./Designs/web-tier.yaml",
                                       error: "./Designs/web-tier.yaml is the design file itself: give another PATH (or save it with :w)"))
    }

    @Test func xOpensThePromptReadyForMarkdown() throws {
        var state = try webTierState()
        let actions = Keymap.actions(for: .key(.character("x")), in: state)
        #expect(actions == [.exportPromptOpened])
        send(&state, .exportPromptOpened)
        #expect(state.mode == .command(text: "export markdown", error: nil))
    }

    @Test func theSessionWritesTheFileAndReportsIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-tui-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var state = try webTierState()
        state.runState = .paused
        let session = WorkbenchSession(state: state, recoveryPath: directory.appendingPathComponent("recovery.yaml").path)
        let out = directory.appendingPathComponent("web.txt").path
        for action in [Action.commandStarted, .commandTextChanged("export text \(out)"), .commandSubmitted] { session.dispatch(action) }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == TextExport.render(state.design))
        #expect(session.state.message == StatusMessage("exported text to \(out)"))
        #expect(session.state.log.last?.text == "exported text to \(out)")
        #expect(session.state.log.last?.level == .ok)
        #expect(!session.state.modified)

        session.dispatch(.commandStarted)
        session.dispatch(.commandTextChanged("export dot /proc/sdw-no-such-dir/x.dot"))
        session.dispatch(.commandSubmitted)
        #expect(session.state.message?.isError == true)
        #expect(session.state.message?.text == "could not export /proc/sdw-no-such-dir/x.dot: there is no folder /proc/sdw-no-such-dir")
        #expect(!FileManager.default.fileExists(atPath: "/proc/sdw-no-such-dir"))
    }

    @Test func savingRefusesFoldersMissingFoldersAndDesignsThatWouldNotOpen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sdw-tui-save-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var state = try webTierState()
        state.runState = .paused
        let session = WorkbenchSession(state: state, recoveryPath: directory.appendingPathComponent("recovery.yaml").path)
        func command(_ text: String) {
            for action in [Action.commandStarted, .commandTextChanged(text), .commandSubmitted] { session.dispatch(action) }
        }
        // `:w FOLDER` would have written FOLDER.yaml beside it.
        command("w \(directory.path)")
        #expect(session.state.message?.text == "could not save \(directory.path).yaml: \(directory.path) is a folder; give a file name, e.g. \(directory.path)/design.yaml")
        #expect(!FileManager.default.fileExists(atPath: directory.path + ".yaml"))
        session.dispatch(.modeCancelled)
        command("w \(directory.path)/missing/x.yaml")
        #expect(session.state.message?.text == "could not save \(directory.path)/missing/x.yaml: there is no folder \(directory.path)/missing")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/missing"))
        session.dispatch(.modeCancelled)
        command("w \(directory.path)/ok.yaml")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/ok.yaml"))
        // A design that would not open again (a call to a component that is not there) is not saved.
        var broken = state
        broken.design.components[1].calls = [Call(to: "nowhere")]
        let brokenSession = WorkbenchSession(state: broken, recoveryPath: directory.appendingPathComponent("recovery.yaml").path)
        for action in [Action.commandStarted, .commandTextChanged("w \(directory.path)/broken.yaml"), .commandSubmitted] {
            brokenSession.dispatch(action)
        }
        #expect(brokenSession.state.message?.text.hasPrefix("not saved: call from 'web': unknown component 'nowhere'") == true,
                "\(String(describing: brokenSession.state.message))")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/broken.yaml"))
    }
}
