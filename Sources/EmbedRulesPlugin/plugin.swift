import Foundation
import PackagePlugin

/// Runs `RuleEmbedder` over the package's `Rules/*.json5` so the library carries the
/// built-in rule packs as Swift source, regenerated whenever a rule file changes.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDir = context.package.directoryURL.appending(path: "Rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rulesDir.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".json5") }.sorted().map { rulesDir.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinRuleFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) rule files",
                executable: try context.tool(named: "RuleEmbedder").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
