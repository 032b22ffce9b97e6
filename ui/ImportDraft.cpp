#include "ImportDraft.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace rs::ui {

rs::ImportOptions ImportDraft::toOptions() const {
    rs::ImportOptions o;
    o.datasetName = datasetName.trimmed().toStdString();
    o.ratingsPath = ratingsPath.toStdString();
    o.dialect = ratingsDialect;
    o.detectDialect = false;
    o.columns = ratingColumns;
    o.strict = strict;
    o.duplicates = duplicates;
    if (!itemsPath.isEmpty()) {
        o.itemsPath = itemsPath.toStdString();
        o.itemsDialect = itemsDialect;
        o.detectItemsDialect = false;
        o.itemColumns = itemColumns;
    }
    return o;
}

QString suggestDatasetName(const QString& ratingsPath, const QStringList& taken) {
    const QFileInfo fi(ratingsPath);
    static const QStringList generic = {QStringLiteral("ratings"), QStringLiteral("rating"),
                                        QStringLiteral("data"),    QStringLiteral("u"),
                                        QStringLiteral("train"),   QStringLiteral("interactions")};
    QString base = fi.completeBaseName();
    if (generic.contains(base.toLower()) && !fi.absoluteDir().dirName().isEmpty())
        base = fi.absoluteDir().dirName();
    if (base.isEmpty())
        base = QStringLiteral("dataset");
    QString name = base;
    for (int k = 2; taken.contains(name); ++k)
        name = QStringLiteral("%1 (%2)").arg(base).arg(k);
    return name;
}

} // namespace rs::ui
