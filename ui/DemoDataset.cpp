#include "DemoDataset.h"

#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace rs::ui {

QString DemoDataset::name() {
    return QStringLiteral("MovieLens ml-latest-small (demo)");
}
QString DemoDataset::ratingsResource() {
    return QStringLiteral(":/demo/ml-latest-small/ratings.csv");
}
QString DemoDataset::moviesResource() {
    return QStringLiteral(":/demo/ml-latest-small/movies.csv");
}
QString DemoDataset::readmeResource() {
    return QStringLiteral(":/demo/ml-latest-small/README.txt");
}

QString DemoDataset::extractTo(const QString& dir) {
    for (const QString& res : {ratingsResource(), moviesResource()}) {
        QFile in(res);
        if (!in.open(QIODevice::ReadOnly))
            return QStringLiteral("the bundled demo file %1 is missing from this build").arg(res);
        const QString target = QDir(dir).filePath(res.section(QLatin1Char('/'), -1));
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QStringLiteral("cannot write %1: %2").arg(target, out.errorString());
        if (out.write(in.readAll()) != in.size())
            return QStringLiteral("cannot write %1: %2").arg(target, out.errorString());
    }
    return {};
}

rs::ImportOptions DemoDataset::importOptions(const QString& dir) {
    rs::ImportOptions o;
    o.datasetName = name().toStdString();
    o.ratingsPath = QDir(dir).filePath(QStringLiteral("ratings.csv")).toStdString();
    o.itemsPath = QDir(dir).filePath(QStringLiteral("movies.csv")).toStdString();
    o.dialect.delimiter.clear();
    o.itemsDialect.delimiter.clear();
    return o;
}

rs::ImportResult DemoDataset::importInto(const QString& workspacePath,
                                         const rs::Progress& progress) {
    rs::ImportResult failed;
    failed.status = rs::ImportStatus::Failed;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        failed.error = "cannot create a temporary folder for the demo dataset";
        return failed;
    }
    if (const QString err = extractTo(dir.path()); !err.isEmpty()) {
        failed.error = err.toStdString();
        return failed;
    }
    try {
        rs::Workspace ws(workspacePath.toStdString());
        return rs::importRatings(ws, importOptions(dir.path()), progress);
    } catch (const std::exception& e) {
        failed.error = e.what();
        return failed;
    }
}

} // namespace rs::ui
