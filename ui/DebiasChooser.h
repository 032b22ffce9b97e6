#pragma once
#include "debias/DebiasSpec.h"
#include "store/DatasetStore.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace rs::ui {

/// Chooses how a run's training data is debiased before the fit: not at all; inverse propensity
/// weighting (propensities from item popularity with an exponent, or from a numeric item
/// metadata column; weights clipped and self-normalised); or popularity-stratified
/// down-sampling, over-sampling or loss re-weighting towards flatter strata. Only the rows of
/// the chosen method show. Methods that weight the loss need a model that takes sample weights:
/// with another model the chooser says so and is not valid.
class DebiasChooser : public QWidget {
    Q_OBJECT
public:
    enum Method { None, Ips, Down, Over, Reweight };

    explicit DebiasChooser(QWidget* parent = nullptr);

    /// Lists `dataset`'s numeric metadata columns as propensity sources (nullptr: none).
    void setDataset(const rs::DatasetInfo* dataset);
    /// The model the run trains (registry name): decides whether weighting methods are valid.
    void setModel(const QString& model);
    void setMethod(Method method);
    Method method() const;
    /// The chosen DebiasSpec as text ("" for none).
    std::string spec() const;
    /// Shows a spec text; false (nothing changed) when it does not parse or names a propensity
    /// column the dataset does not have.
    bool setSpec(const QString& spec);
    /// False when the method weights the loss and the model cannot take weights.
    bool isValid() const;

    QComboBox* methodBox() const { return m_method; }
    QComboBox* sourceBox() const { return m_source; }
    QDoubleSpinBox* exponentBox() const { return m_eta; }
    QDoubleSpinBox* clipBox() const { return m_clip; }
    QCheckBox* normaliseBox() const { return m_normalise; }
    QSpinBox* strataBox() const { return m_strata; }
    QDoubleSpinBox* flattenBox() const { return m_flatten; }
    QSpinBox* minPerUserBox() const { return m_minPerUser; }
    QSpinBox* seedBox() const { return m_seed; }
    /// What the choice does, or why it cannot be used with the model.
    QLabel* noteLabel() const { return m_note; }

signals:
    void changed();

private:
    rs::DebiasSpec current() const;
    void update();

    QFormLayout* m_form;
    QComboBox* m_method;
    QComboBox* m_source;
    QDoubleSpinBox* m_eta;
    QDoubleSpinBox* m_clip;
    QCheckBox* m_normalise;
    QSpinBox* m_strata;
    QDoubleSpinBox* m_flatten;
    QSpinBox* m_minPerUser;
    QSpinBox* m_seed;
    QLabel* m_note;
    bool m_modelTakesWeights = true;
    QString m_model;
};

} // namespace rs::ui
