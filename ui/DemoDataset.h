#pragma once
#include "import/ImportJob.h"

#include <QString>

namespace rs::ui {

/// The MovieLens ml-latest-small dataset bundled as Qt resources (:/demo/ml-latest-small/).
/// It is imported into a new default workspace on first launch, and tests reuse it.
class DemoDataset {
public:
    /// "MovieLens ml-latest-small (demo)".
    static QString name();
    /// Resource paths of the bundled files.
    static QString ratingsResource();
    static QString moviesResource();
    static QString readmeResource();

    /// Copies ratings.csv and movies.csv out of the resources into `dir`. Returns an error text,
    /// or empty on success.
    static QString extractTo(const QString& dir);
    /// Import options for the files extracted into `dir` (dialect and columns detected).
    static rs::ImportOptions importOptions(const QString& dir);
    /// Extracts into a temporary folder and imports into the workspace at `workspacePath`,
    /// opening its own connection: safe to call on a worker thread (it blocks until done).
    static rs::ImportResult importInto(const QString& workspacePath,
                                       const rs::Progress& progress = {});
};

} // namespace rs::ui
