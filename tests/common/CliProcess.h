#pragma once
// For the command-line tests (tests/app) only: runs the real `recscope` executable, whose path
// each app test gets as RECSCOPE_EXE, and reads its JSON output.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QtGlobal>

namespace rs::test {

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

/// Runs `recscope args...` to completion (at most 5 minutes).
inline CliRun recscope(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(RECSCOPE_EXE), args);
    if (!p.waitForFinished(300000))
        qFatal("recscope did not finish");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

/// The JSON object printed on standard output (a warning and an empty object otherwise).
inline QJsonObject jsonObject(const QByteArray& bytes) {
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", bytes.constData());
    return doc.object();
}

} // namespace rs::test
