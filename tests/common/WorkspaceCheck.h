#pragma once
// Fault tests (kills, full disks, locks): what a workspace must look like after any failure.
#include "store/Workspace.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace rs::test {

/// Everything wrong with the workspace, one problem per line; empty when it is consistent:
/// PRAGMA integrity_check is ok, every listed dataset has exactly its users, items and rating
/// rows (no half-written dataset is listed, no rows belong to none), no run rows (epochs,
/// metrics, parameters, hyper-parameters, layouts, pipelines) belong to a missing run, and
/// every run with a stored model restores it.
QString workspaceProblems(Workspace& ws);

/// A digest of everything stored for a dataset (its datasets row, users, items, ratings,
/// rejects, splits): equal digests = identical content. Empty when there is no such dataset.
QByteArray datasetFingerprint(Workspace& ws, std::int64_t datasetId);

/// A digest of everything stored for a run (its runs row, epochs, per-user metrics, model
/// parameters and hyper-parameters). Empty when there is no such run.
QByteArray runFingerprint(Workspace& ws, std::int64_t runId);

} // namespace rs::test
