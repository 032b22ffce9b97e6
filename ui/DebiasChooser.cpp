#include "DebiasChooser.h"

#include "models/Recommender.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace rs::ui {

DebiasChooser::DebiasChooser(QWidget* parent)
    : QWidget(parent), m_form(new QFormLayout(this)), m_method(new QComboBox(this)),
      m_source(new QComboBox(this)), m_eta(new QDoubleSpinBox(this)),
      m_clip(new QDoubleSpinBox(this)), m_normalise(new QCheckBox(tr("Self-normalise"), this)),
      m_strata(new QSpinBox(this)), m_flatten(new QDoubleSpinBox(this)),
      m_minPerUser(new QSpinBox(this)), m_seed(new QSpinBox(this)), m_note(new QLabel(this)) {
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_method->setObjectName(QStringLiteral("debiasMethod"));
    m_method->addItem(tr("None"));
    m_method->addItem(tr("IPS: inverse propensity weights"));
    m_method->addItem(tr("Down-sample popular items"));
    m_method->addItem(tr("Over-sample rare items"));
    m_method->addItem(tr("Re-weight by popularity stratum"));
    m_method->setToolTip(tr("How the training data is debiased before the fit. The evaluation "
                            "always uses the split's data as it is."));
    m_source->setObjectName(QStringLiteral("debiasSource"));
    m_source->setToolTip(tr("Where the propensity (chance that an item is observed) comes from"));
    m_eta->setObjectName(QStringLiteral("debiasExponent"));
    m_eta->setRange(0.0, 4.0);
    m_eta->setSingleStep(0.1);
    m_eta->setDecimals(2);
    m_eta->setValue(0.5);
    m_eta->setToolTip(tr("p_i = (n_i / n_max)^η: 0 changes nothing, 1 weights by 1 / popularity"));
    m_clip->setObjectName(QStringLiteral("debiasClip"));
    m_clip->setRange(0.0, 1e6);
    m_clip->setDecimals(1);
    m_clip->setValue(20.0);
    m_clip->setSpecialValueText(tr("no clipping"));
    m_clip->setToolTip(tr("Largest weight any interaction gets (bounds the variance)"));
    m_normalise->setObjectName(QStringLiteral("debiasNormalise"));
    m_normalise->setChecked(true);
    m_normalise->setToolTip(tr("Divide the weights by their mean (SNIPS): the loss keeps its "
                               "scale, so the step sizes still fit"));
    m_strata->setObjectName(QStringLiteral("debiasStrata"));
    m_strata->setRange(2, 20);
    m_strata->setValue(3);
    m_strata->setToolTip(tr("Items are cut into this many popularity strata of equal size"));
    m_flatten->setObjectName(QStringLiteral("debiasFlatten"));
    m_flatten->setRange(0.0, 1.0);
    m_flatten->setSingleStep(0.1);
    m_flatten->setDecimals(2);
    m_flatten->setValue(1.0);
    m_flatten->setToolTip(tr("Target share of each stratum ∝ its share^(1 - flatten): 0 keeps "
                             "the data's shares, 1 gives every stratum the same share"));
    m_minPerUser->setObjectName(QStringLiteral("debiasMinPerUser"));
    m_minPerUser->setRange(0, 1000);
    m_minPerUser->setValue(1);
    m_minPerUser->setToolTip(tr("Down-sampling keeps at least this many of each user's "
                                "interactions (their least popular ones)"));
    m_seed->setObjectName(QStringLiteral("debiasSeed"));
    m_seed->setRange(0, 1'000'000'000);
    m_note->setObjectName(QStringLiteral("debiasNote"));
    m_note->setWordWrap(true);

    m_form->addRow(tr("Debias"), m_method);
    m_form->addRow(tr("Propensity"), m_source);
    m_form->addRow(tr("Exponent η"), m_eta);
    m_form->addRow(tr("Clip weights at"), m_clip);
    m_form->addRow(QString(), m_normalise);
    m_form->addRow(tr("Strata"), m_strata);
    m_form->addRow(tr("Flatten"), m_flatten);
    m_form->addRow(tr("Keep per user"), m_minPerUser);
    m_form->addRow(tr("Sample seed"), m_seed);
    m_form->addRow(m_note);

    setDataset(nullptr);
    for (QComboBox* c : {m_method, m_source})
        connect(c, &QComboBox::currentIndexChanged, this, [this] { update(); });
    for (QDoubleSpinBox* s : {m_eta, m_clip, m_flatten})
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] { update(); });
    for (QSpinBox* s : {m_strata, m_minPerUser, m_seed})
        connect(s, &QSpinBox::valueChanged, this, [this] { update(); });
    connect(m_normalise, &QCheckBox::toggled, this, [this] { update(); });
    update();
}

void DebiasChooser::setDataset(const rs::DatasetInfo* dataset) {
    const QString keep = m_source->currentData().toString();
    QSignalBlocker block(m_source);
    m_source->clear();
    m_source->addItem(tr("Item popularity^η"), QString());
    if (dataset)
        for (const std::string& column : dataset->extraItemColumns)
            m_source->addItem(tr("Metadata column '%1'").arg(QString::fromStdString(column)),
                              QString::fromStdString(column));
    m_source->setCurrentIndex(std::max(0, m_source->findData(keep)));
    update();
}

void DebiasChooser::setModel(const QString& model) {
    m_model = model;
    const auto m = rs::createRecommender(model.toStdString());
    m_modelTakesWeights = m && m->supportsSampleWeights();
    update();
}

void DebiasChooser::setMethod(Method method) {
    m_method->setCurrentIndex(int(method));
}

DebiasChooser::Method DebiasChooser::method() const {
    return Method(m_method->currentIndex());
}

rs::DebiasSpec DebiasChooser::current() const {
    using M = rs::DebiasSpec::Method;
    rs::DebiasSpec s;
    static constexpr M kMethods[] = {M::None, M::Ips, M::Down, M::Over, M::Reweight};
    s.method = kMethods[std::clamp(m_method->currentIndex(), 0, 4)];
    s.column = m_source->currentData().toString().toStdString();
    s.eta = m_eta->value();
    s.clip = m_clip->value() >= 1.0 ? m_clip->value() : 0.0;
    s.normalise = m_normalise->isChecked();
    s.strata = m_strata->value();
    s.flatten = m_flatten->value();
    s.minPerUser = m_minPerUser->value();
    s.seed = std::uint64_t(m_seed->value());
    return s;
}

std::string DebiasChooser::spec() const {
    return rs::debiasSpecText(current());
}

bool DebiasChooser::setSpec(const QString& text) {
    std::string error;
    const auto s = rs::parseDebiasSpec(text.toStdString(), error);
    if (!s)
        return false;
    const int source =
        s->column.empty() ? 0 : m_source->findData(QString::fromStdString(s->column));
    if (source < 0)
        return false;
    using M = rs::DebiasSpec::Method;
    const Method method = s->method == M::Ips        ? Ips
                          : s->method == M::Down     ? Down
                          : s->method == M::Over     ? Over
                          : s->method == M::Reweight ? Reweight
                                                     : None;
    {
        const QSignalBlocker b1(m_method), b2(m_source), b3(m_eta), b4(m_clip), b5(m_normalise),
            b6(m_strata), b7(m_flatten), b8(m_minPerUser), b9(m_seed);
        m_method->setCurrentIndex(int(method));
        m_source->setCurrentIndex(source);
        m_eta->setValue(s->eta);
        m_clip->setValue(s->clip);
        m_normalise->setChecked(s->normalise);
        // Explicit target shares are a command-line option; the form shows their strata.
        m_strata->setValue(s->strata);
        m_flatten->setValue(s->flatten);
        m_minPerUser->setValue(s->minPerUser);
        m_seed->setValue(int(s->seed));
    }
    update();
    return true;
}

bool DebiasChooser::isValid() const {
    return !current().needsSampleWeights() || m_modelTakesWeights;
}

void DebiasChooser::update() {
    const Method m = method();
    const bool ips = m == Ips, rebalance = m == Down || m == Over || m == Reweight;
    const bool popularity = m_source->currentData().toString().isEmpty();
    m_form->setRowVisible(m_source, ips);
    m_form->setRowVisible(m_eta, ips && popularity);
    m_form->setRowVisible(m_clip, ips);
    m_form->setRowVisible(m_normalise, ips);
    m_form->setRowVisible(m_strata, rebalance);
    m_form->setRowVisible(m_flatten, rebalance);
    m_form->setRowVisible(m_minPerUser, m == Down);
    m_form->setRowVisible(m_seed, m == Down || m == Over);
    const rs::DebiasSpec s = current();
    m_form->setRowVisible(m_note, m != None);
    if (!isValid()) {
        m_note->setText(tr("%1 cannot train with sample weights: choose down-sampling, or a model "
                           "that takes them (baseline, biasedmf, als, bpr, lightgcn).")
                            .arg(m_model));
        m_note->setStyleSheet(QStringLiteral("color: #b3261e;"));
    } else {
        m_note->setText(QString::fromStdString(rs::debiasSummary(s)) + QLatin1Char('.'));
        m_note->setStyleSheet(QString());
    }
    emit changed();
}

} // namespace rs::ui
