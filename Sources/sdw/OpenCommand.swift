import ArgumentParser
import Foundation
import Model
import Workbench
import Terminal

/// `sdw`, `sdw FILE`, `sdw open FILE`: the interactive workbench.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the interactive workbench (the default command).",
        discussion: """
        With no file, opens Designs/web-tier.yaml. Needs a terminal of at least 80×24; `?` inside shows every key.
        Unsaved changes are kept in a recovery file per design (beside \(Recovery.defaultPath())) and offered the next time
        that design is opened.
        """
    )

    @Argument(help: "The design file to open (default: Designs/web-tier.yaml), or a scenario (Scenarios/*.yaml) to replay.")
    var file: String?

    func run() throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            Console.error("""
            sdw: the workbench needs an interactive terminal, and standard \(isatty(STDIN_FILENO) == 1 ? "output" : "input") is not one.
            For a headless run that prints a report, use: sdw run \(file ?? "Designs/web-tier.yaml")
            """)
            throw ExitCode(2)
        }
        if let file, ScenarioFiles.isScenario(file) { return try replay(file) }
        let path = file ?? DesignLocator.defaultDesign()
        let design: Design
        if let path {
            design = try loadDesign(path).0
        } else {
            design = Design(name: "untitled", workload: Workload(entry: "", rateRPS: 100), components: [])
        }
        var state = AppState(design: design, filePath: path)
        state.runState = .running
        let recoveryPath = Recovery.path(base: Recovery.defaultPath(), for: path)
        // Offered only for the file being opened, so recovered work never lands in another design.
        if let savedAt = Recovery.pending(at: recoveryPath), Recovery.belongs(Recovery.pendingFile(at: recoveryPath), to: path) {
            state.mode = .recovery(path: recoveryPath, savedAt: savedAt, file: Recovery.pendingFile(at: recoveryPath))
            state.runState = .paused
        }
        let session = WorkbenchSession(state: state, recoveryPath: Recovery.defaultPath())
        let status = try WorkbenchLoop.run(session)
        if status != 0 { throw ExitCode(status) }
    }

    /// `sdw Scenarios/x.yaml`: replay a scenario. A broken file is reported here with file:line:column; a design
    /// that changed since the recording opens the workbench on a question (replay on the current design, or quit).
    func replay(_ path: String) throws {
        let state: AppState
        let opened: Action
        switch ScenarioFiles.load(path, allowChangedDesign: false) {
        case .failed(let problems):
            for problem in problems { Console.error(problem) }
            throw ExitCode.failure
        case .opened(let scenario, let warnings):
            state = AppState(design: scenario.runDesign, filePath: nil)
            opened = .scenarioOpened(scenario, path: path, warnings: warnings)
        case .designChanged(let scenario, let message):
            state = AppState(design: scenario.runDesign, filePath: nil)
            opened = .scenarioDesignChanged(path: path, message: message)
        }
        let session = WorkbenchSession(state: state, recoveryPath: Recovery.defaultPath())
        session.dispatch(opened)
        let status = try WorkbenchLoop.run(session)
        if status != 0 { throw ExitCode(status) }
    }
}
