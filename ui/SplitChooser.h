#pragma once
#include "store/DatasetStore.h"
#include "store/SplitStore.h"

#include <QWidget>
#include <string>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

namespace rs::ui {

/// What a training run splits on: a new split made from a spec text, or a stored split.
struct SplitChoice {
    std::string spec;   ///< e.g. "random:0.2:seed=0"; empty when a stored split is reused
    qint64 splitId = 0; ///< the stored split, or 0
    QString text;       ///< for lists: the spec, or the stored split's spec
};

/// Chooses a dataset's train/test split: random hold-out (fraction, seed), per-user hold-out,
/// one global time cut, the last N ratings of each user, fold i of k folds, or a split stored
/// in the workspace (e.g. the predefined split of a train/test file pair). Stored splits are
/// listed by a worker; time-based kinds are disabled for datasets without timestamps.
class SplitChooser : public QWidget {
    Q_OBJECT
public:
    enum Kind { Random, PerUser, Temporal, LastN, KFold, Stored };

    explicit SplitChooser(QWidget* parent = nullptr);

    /// Shows the options for `dataset` of the workspace at `path` (nullptr: none) and lists its
    /// stored splits again (keeping the chosen one).
    void setDataset(const QString& path, const rs::DatasetInfo* dataset);
    void setKind(Kind kind);
    Kind kind() const;
    SplitChoice choice() const;
    /// False when "stored split" is chosen but there is none to reuse.
    bool isValid() const;
    /// Selects a stored split by id; false when it is not listed. While the list is loading the
    /// choice is remembered and made when it arrives (true).
    bool selectStoredSplit(qint64 splitId);
    /// Shows a split spec text ("random:0.2:seed=0", "lastn:1", "kfold:5:fold=2", ...); false
    /// when the text is not a spec the chooser can show (e.g. "predefined").
    bool setSpec(const QString& spec);
    bool isLoading() const { return m_loading; }

    QComboBox* kindBox() const { return m_kind; }
    QDoubleSpinBox* fractionBox() const { return m_fraction; }
    QSpinBox* lastNBox() const { return m_lastN; }
    QSpinBox* foldsBox() const { return m_folds; }
    QSpinBox* foldBox() const { return m_fold; }
    QSpinBox* seedBox() const { return m_seed; }
    QComboBox* storedBox() const { return m_stored; }

signals:
    void changed();
    void storedSplitsLoaded();

private:
    void updateRows();
    void storedArrived(std::vector<rs::StoredSplit> splits, const QString& error);

    QFormLayout* m_form;
    QComboBox* m_kind;
    QDoubleSpinBox* m_fraction;
    QSpinBox* m_lastN;
    QSpinBox* m_folds;
    QSpinBox* m_fold;
    QSpinBox* m_seed;
    QComboBox* m_stored;
    qint64 m_keepStored = 0; ///< the stored split chosen before a reload
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace rs::ui
