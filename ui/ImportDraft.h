#pragma once
#include "import/ImportJob.h"

#include <QString>

namespace rs::ui {

/// What the import wizard has collected so far: a plain value, turned into rs::ImportOptions
/// when the import starts. The dialects and columns are exactly what the preview showed, so
/// the import reads the files the way the user saw them.
struct ImportDraft {
    QString ratingsPath;
    QString itemsPath; ///< empty: no item metadata file
    rs::CsvDialect ratingsDialect;
    rs::RatingColumns ratingColumns;
    rs::CsvDialect itemsDialect;
    rs::ItemColumns itemColumns;
    QString datasetName;
    bool strict = false;
    rs::DuplicatePolicy duplicates = rs::DuplicatePolicy::KeepLast;

    rs::ImportOptions toOptions() const;
};

/// A dataset name suggested by a ratings file path: its folder's name for generic file names
/// ("ratings.csv", "u.data", ...), else its base name; made unique against `taken`.
QString suggestDatasetName(const QString& ratingsPath, const QStringList& taken);

} // namespace rs::ui
