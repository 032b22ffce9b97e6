#include "SplitChooser.h"

#include "DatasetFormat.h"
#include "WorkerCall.h"

#include "split/Split.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QStandardItemModel>

namespace rs::ui {

namespace {

constexpr int kSpecRole = Qt::UserRole + 1;

struct StoredList {
    std::vector<rs::StoredSplit> splits;
    QString error;
};

} // namespace

SplitChooser::SplitChooser(QWidget* parent)
    : QWidget(parent), m_form(new QFormLayout(this)), m_kind(new QComboBox(this)),
      m_fraction(new QDoubleSpinBox(this)), m_lastN(new QSpinBox(this)),
      m_folds(new QSpinBox(this)), m_fold(new QSpinBox(this)), m_seed(new QSpinBox(this)),
      m_stored(new QComboBox(this)) {
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_kind->setObjectName(QStringLiteral("splitKind"));
    m_kind->addItem(tr("Random hold-out"));
    m_kind->addItem(tr("Per-user hold-out"));
    m_kind->addItem(tr("Temporal: one global time cut"));
    m_kind->addItem(tr("Temporal: last N per user"));
    m_kind->addItem(tr("K-fold"));
    m_kind->addItem(tr("Stored split"));
    m_fraction->setObjectName(QStringLiteral("splitFraction"));
    m_fraction->setRange(0.01, 0.9);
    m_fraction->setSingleStep(0.05);
    m_fraction->setDecimals(2);
    m_fraction->setValue(0.2);
    m_lastN->setObjectName(QStringLiteral("splitLastN"));
    m_lastN->setRange(1, 1000);
    m_folds->setObjectName(QStringLiteral("splitFolds"));
    m_folds->setRange(2, 100);
    m_folds->setValue(5);
    m_fold->setObjectName(QStringLiteral("splitFold"));
    m_fold->setRange(0, 4);
    m_seed->setObjectName(QStringLiteral("splitSeed"));
    m_seed->setRange(0, 1'000'000'000);
    m_stored->setObjectName(QStringLiteral("storedSplit"));
    m_stored->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stored->setMinimumContentsLength(16);

    m_form->addRow(tr("Split"), m_kind);
    m_form->addRow(tr("Test fraction"), m_fraction);
    m_form->addRow(tr("Last N"), m_lastN);
    m_form->addRow(tr("Folds"), m_folds);
    m_form->addRow(tr("Test fold"), m_fold);
    m_form->addRow(tr("Split seed"), m_seed);
    m_form->addRow(tr("Stored split"), m_stored);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        emit changed();
    });
    connect(m_folds, &QSpinBox::valueChanged, this, [this](int k) { m_fold->setMaximum(k - 1); });
    for (QSpinBox* s : {m_lastN, m_folds, m_fold, m_seed})
        connect(s, &QSpinBox::valueChanged, this, &SplitChooser::changed);
    connect(m_fraction, &QDoubleSpinBox::valueChanged, this, &SplitChooser::changed);
    connect(m_stored, &QComboBox::currentIndexChanged, this, &SplitChooser::changed);
    updateRows();
}

void SplitChooser::setKind(Kind kind) {
    m_kind->setCurrentIndex(int(kind));
}

SplitChooser::Kind SplitChooser::kind() const {
    return Kind(std::max(0, m_kind->currentIndex()));
}

void SplitChooser::updateRows() {
    const Kind k = kind();
    m_form->setRowVisible(m_fraction, k == Random || k == PerUser || k == Temporal);
    m_form->setRowVisible(m_lastN, k == LastN);
    m_form->setRowVisible(m_folds, k == KFold);
    m_form->setRowVisible(m_fold, k == KFold);
    m_form->setRowVisible(m_seed, k == Random || k == PerUser || k == KFold);
    m_form->setRowVisible(m_stored, k == Stored);
}

void SplitChooser::setDataset(const QString& path, const rs::DatasetInfo* dataset) {
    // Time-based kinds need timestamps.
    auto* items = qobject_cast<QStandardItemModel*>(m_kind->model());
    const bool timed = dataset && dataset->hasTimestamps;
    for (int k : {int(Temporal), int(LastN)})
        if (QStandardItem* item = items ? items->item(k) : nullptr)
            item->setEnabled(timed);
    if (!timed && (kind() == Temporal || kind() == LastN))
        setKind(Random);

    const quint64 generation = ++m_generation;
    if (m_stored->currentData().isValid())
        m_keepStored = m_stored->currentData().toLongLong();
    m_stored->clear();
    if (!dataset || path.isEmpty()) {
        m_loading = false;
        emit changed();
        return;
    }
    m_loading = true;
    m_stored->addItem(tr("Loading…"));
    m_stored->setEnabled(false);
    runInWorker(
        this,
        [path = path.toStdString(), id = dataset->id] {
            StoredList out;
            try {
                rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
                out.splits = rs::SplitStore(ws).list(id);
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this, generation](StoredList list) {
            if (generation == m_generation)
                storedArrived(std::move(list.splits), list.error);
        });
}

void SplitChooser::storedArrived(std::vector<rs::StoredSplit> splits, const QString& error) {
    m_loading = false;
    m_stored->clear();
    m_stored->setEnabled(true);
    // Predefined splits (from a train/test file pair) first: they are what the data came with.
    std::stable_partition(splits.begin(), splits.end(), [](const rs::StoredSplit& s) {
        return s.spec.rfind("predefined", 0) == 0;
    });
    for (const rs::StoredSplit& s : splits) {
        const QString spec = QString::fromStdString(s.spec);
        m_stored->addItem(tr("%1 (%2 train / %3 test)")
                              .arg(spec, formatCount(s.numTrain), formatCount(s.numTest)),
                          QVariant::fromValue(qint64(s.id)));
        m_stored->setItemData(m_stored->count() - 1, spec, kSpecRole);
    }
    const int keep = m_stored->findData(QVariant::fromValue(m_keepStored));
    if (keep >= 0)
        m_stored->setCurrentIndex(keep);
    if (!error.isEmpty())
        m_stored->addItem(tr("Cannot list the stored splits: %1").arg(error));
    else if (splits.empty())
        m_stored->addItem(tr("(no stored split yet)"));
    emit storedSplitsLoaded();
    emit changed();
}

bool SplitChooser::selectStoredSplit(qint64 splitId) {
    if (m_loading && splitId > 0) {
        // The list is being read (a dataset was just chosen): select it when it arrives.
        m_keepStored = splitId;
        setKind(Stored);
        return true;
    }
    const int index = m_stored->findData(QVariant::fromValue(splitId));
    if (index < 0)
        return false;
    setKind(Stored);
    m_stored->setCurrentIndex(index);
    return true;
}

bool SplitChooser::setSpec(const QString& spec) {
    std::string error;
    const rs::SplitSpec s = rs::parseSplitSpec(spec.toStdString(), error);
    if (!error.empty())
        return false;
    switch (s.kind) {
    case rs::SplitSpec::Random:
        setKind(Random);
        break;
    case rs::SplitSpec::PerUser:
        setKind(PerUser);
        break;
    case rs::SplitSpec::TemporalGlobal:
        setKind(Temporal);
        break;
    case rs::SplitSpec::TemporalLastN:
        setKind(LastN);
        break;
    case rs::SplitSpec::KFold:
        setKind(KFold);
        break;
    case rs::SplitSpec::Predefined:
        return false;
    }
    m_fraction->setValue(s.testFraction);
    m_lastN->setValue(s.lastN);
    m_folds->setValue(s.folds);
    m_fold->setValue(s.fold);
    m_seed->setValue(int(s.seed));
    return true;
}

bool SplitChooser::isValid() const {
    return kind() != Stored || m_stored->currentData().isValid();
}

SplitChoice SplitChooser::choice() const {
    SplitChoice c;
    if (kind() == Stored) {
        c.splitId = m_stored->currentData().toLongLong();
        c.text = m_stored->currentData(kSpecRole).toString();
        return c;
    }
    rs::SplitSpec spec;
    switch (kind()) {
    case Random:
        spec.kind = rs::SplitSpec::Random;
        break;
    case PerUser:
        spec.kind = rs::SplitSpec::PerUser;
        break;
    case Temporal:
        spec.kind = rs::SplitSpec::TemporalGlobal;
        break;
    case LastN:
        spec.kind = rs::SplitSpec::TemporalLastN;
        break;
    case KFold:
    case Stored:
        spec.kind = rs::SplitSpec::KFold;
        break;
    }
    spec.testFraction = m_fraction->value();
    spec.lastN = m_lastN->value();
    spec.folds = m_folds->value();
    spec.fold = m_fold->value();
    spec.seed = std::uint64_t(m_seed->value());
    c.spec = rs::describe(spec);
    c.text = QString::fromStdString(c.spec);
    return c;
}

} // namespace rs::ui
