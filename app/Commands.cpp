#include "Commands.h"

#include "WorkspacePaths.h"

#include <cstdio>

namespace rs::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"import",
         "import --workspace W --ratings FILE --name NAME [--items FILE] [--strict]\n"
         "          [--delimiter ',|;|tab|pipe|::'] [--encoding auto|utf-8|latin-1]\n"
         "          [--header yes|no] [--columns user=0,item=1,rating=2,timestamp=3]\n"
         "          [--duplicates last|first|mean] [--progress]",
         runImport},
        {"datasets", "datasets --workspace W", runDatasets},
        {"train",
         "train --workspace W (--dataset D [--split random:0.2:seed=0 | --split-id ID] |\n"
         "          --train-file F --test-file F [--dataset NAME]) --model NAME\n"
         "          [--param k=v ...] [--seed S] [--threads T] [-k 10] [--threshold 4.0]\n"
         "          [--debias none|ips:eta=0.5:clip=20|down:strata=3:flatten=1|over:...|\n"
         "          reweight:...] [--no-save] [--progress]",
         runTrain},
        {"evaluate", "evaluate --workspace W --run ID [-k 10] [--threshold 4.0] [--threads T]",
         runEvaluate},
        {"recommend", "recommend --workspace W --run ID --user U [-k 10] [--include-rated]",
         runRecommend},
        {"runs", "runs --workspace W [--dataset D]", runRuns},
        {"whatif",
         "whatif --workspace W --run ID --user U --item I [-k 10] [--remove-rating ITEM]...\n"
         "          [--add-rating ITEM=VALUE]... [--remove-item ITEM]... [--weight-item ITEM=W]...",
         runWhatIf},
        {"explain",
         "explain --workspace W --run ID --user U --item I [--counterfactual]\n"
         "          [-k 10] [--budget 20] [--fidelity]",
         runExplain},
        {"fidelity",
         "fidelity --workspace W --run ID [--users 500] [--seed S] [-k 10]\n"
         "          [--max-removed 5] [--budget 20] [--threads T] [--progress]",
         runFidelity},
        {"compare",
         "compare --workspace W --runs A,B[,C...] [-k 10] [--users N] [--metric ndcg@10]\n"
         "          [--html FILE] [--csv FILE] [--seed S] [--threads 2] [--explain-users 30]\n"
         "          [--no-explain] [--progress]",
         runCompare},
        {"export", "export --workspace W --run ID (--mermaid [--lr] | --json)", runExport},
        {"factors",
         "factors export --workspace W --run ID --items FILE [--users FILE]\n"
         "          factors import --workspace W --dataset D --items FILE [--users FILE]\n"
         "          [--kind rating|implicit] [--mean X] [--split SPEC | --split-id ID]\n"
         "          [--name TEXT] [--bias-column] [--reg 0.02] [--reg-bias 0.02] [-k 10]\n"
         "          [--threshold 4.0] [--threads 2] [--progress]",
         runFactors},
    };
    return all;
}

const Command* findCommand(const std::string& name) {
    for (const auto& c : commands())
        if (name == c.name)
            return &c;
    return nullptr;
}

void printUsage() {
    std::fprintf(stderr, "usage: recscope [--workspace FILE]          start the GUI\n");
    for (const auto& c : commands())
        std::fprintf(stderr, "       recscope %s\n", c.usage);
    std::fprintf(stderr, "Commands print one JSON object on stdout; errors go to stderr with a "
                         "non-zero exit status.\n");
}

int fail(const char* command, const std::string& message, int code) {
    std::fprintf(stderr, "recscope %s: error: %s\n", command, message.c_str());
    return code;
}

std::optional<DatasetInfo> resolveDataset(Workspace& ws, const std::string& nameOrId) {
    DatasetStore store(ws);
    if (auto d = store.find(nameOrId))
        return d;
    try {
        std::size_t used = 0;
        const auto id = std::stoll(nameOrId, &used);
        if (used == nameOrId.size())
            return store.get(id);
    } catch (...) {
    }
    return std::nullopt;
}

std::string workspacePathFrom(const std::string& given) {
    return given.empty() ? rs::ui::defaultWorkspacePath().toStdString() : given;
}

} // namespace rs::cli
