#pragma once
#include "io/FormatSniffer.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;

namespace rs::ui {

class ColumnMappingEditor;
class InlineMessage;
class PreviewTableModel;

/// Format controls and a live preview of one input file for the import wizard: delimiter and
/// encoding overrides (each change re-sniffs the file on a worker thread), a header checkbox,
/// the first rows as parsed, and one role combo per column (ratings: user/item/rating/
/// timestamp; item metadata: id/title/genres).
class FilePreviewPanel : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Ratings, Items };
    explicit FilePreviewPanel(Kind kind, QWidget* parent = nullptr);

    /// Sniffs `path` (again if it changed; keeps the user's overrides otherwise).
    void setFile(const QString& path);
    QString file() const { return m_path; }

    /// True when the file was read and the mapping names the required columns.
    bool isReady() const { return m_ready; }
    bool isSniffing() const { return m_sniffing; }
    /// The dialect exactly as the preview shows it.
    rs::CsvDialect dialect() const;
    rs::RatingColumns ratingColumns() const;
    rs::ItemColumns itemColumns() const;

    QComboBox* delimiterCombo() const { return m_delimiter; }
    QComboBox* encodingCombo() const { return m_encoding; }
    QCheckBox* headerCheck() const { return m_header; }
    PreviewTableModel* previewModel() const { return m_model; }
    QTableView* previewView() const { return m_view; }
    ColumnMappingEditor* mappingEditor() const { return m_mapping; }
    InlineMessage* message() const { return m_message; }

signals:
    /// Readiness, preview or mapping changed.
    void changed();

private:
    void resniff();
    void applySniff(const rs::SniffResult& result);
    void rebuildPreview(bool regessRoles);
    void validate();
    QVector<int> guessedRoles() const;

    Kind m_kind;
    QString m_path;
    quint64 m_generation = 0;
    bool m_sniffing = false;
    bool m_ready = false;
    bool m_headerTouched = false;
    bool m_rolesTouched = false;
    rs::SniffResult m_sniff;
    QStringList m_shownHeader;
    std::vector<std::vector<std::string>> m_shownRows;

    QComboBox* m_delimiter;
    QComboBox* m_encoding;
    QCheckBox* m_header;
    QLabel* m_detected;
    ColumnMappingEditor* m_mapping;
    PreviewTableModel* m_model;
    QTableView* m_view;
    InlineMessage* m_message;
};

} // namespace rs::ui
