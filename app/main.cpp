// recscope: the GUI by default; a scriptable command line when the first argument is a command.
#include "Commands.h"
#include "GuiApplication.h"

#include <QString>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc > 1 && argv[1][0] != '-') {
        const std::string name = argv[1];
        if (name == "help") {
            rs::cli::printUsage();
            return 0;
        }
        const rs::cli::Command* cmd = rs::cli::findCommand(name);
        if (!cmd) {
            std::fprintf(stderr, "recscope: unknown command '%s'\n", name.c_str());
            rs::cli::printUsage();
            return 2;
        }
        return cmd->run(std::vector<std::string>(argv + 2, argv + argc));
    }
    QString workspace;
    for (int k = 1; k < argc; ++k) {
        if (std::strcmp(argv[k], "--help") == 0 || std::strcmp(argv[k], "-h") == 0) {
            rs::cli::printUsage();
            return 0;
        }
        if (std::strcmp(argv[k], "--workspace") == 0 && k + 1 < argc)
            workspace = QString::fromLocal8Bit(argv[k + 1]);
    }
    return rs::ui::runGui(argc, argv, workspace);
}
