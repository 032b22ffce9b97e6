#pragma once
#include "store/DatasetStore.h"

#include <optional>
#include <string>
#include <vector>

namespace rs::cli {

/// One sub-command of the `recscope` command line.
struct Command {
    const char* name;
    const char* usage;
    int (*run)(const std::vector<std::string>& args);
};

/// Every command, in help order.
const std::vector<Command>& commands();
const Command* findCommand(const std::string& name);
void printUsage();

/// Shared helpers for commands: errors to stderr with the command name, exit codes.
int fail(const char* command, const std::string& message, int code = 1);
/// --workspace, or the GUI's default workspace.
std::string workspacePathFrom(const std::string& given);

/// A dataset by name, or by numeric id when no dataset has that name.
std::optional<DatasetInfo> resolveDataset(Workspace& ws, const std::string& nameOrId);

int runImport(const std::vector<std::string>& args);
int runDatasets(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runRecommend(const std::vector<std::string>& args);
int runRuns(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runExplain(const std::vector<std::string>& args);
int runFidelity(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runFactors(const std::vector<std::string>& args);
int runWhatIf(const std::vector<std::string>& args);

} // namespace rs::cli
