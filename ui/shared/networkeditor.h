// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tinyml::ui {

/// The settings of a network and of its training, as a form. Defaults are the course model.
/// Shows, live, the parameter count and what the model needs on a microcontroller.
/// Lives on the GUI thread.
class NetworkEditor : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkEditor(QWidget *parent = nullptr);

    core::ModelSpec spec() const;
    core::TrainConfig config() const;
    bool useFashion() const;
    /// Mix the learner's own labelled drawings into the training set.
    bool mixOwnDigits() const;
    void setSpec(const core::ModelSpec &spec);
    void setConfig(const core::TrainConfig &config);
    void restoreDefaults();

    /// Hidden layer editing, also for tests and one-click experiments.
    int hiddenLayerCount() const;
    void setHiddenLayers(const std::vector<core::LayerSpec> &layers);
    QTableWidget *layerTable() const { return m_layers; }
    /// The live cost summary; the owner places it where it stays visible.
    QLabel *summaryLabel() const { return m_summary; }

signals:
    void changed();
    void datasetChanged();

private:
    void addLayer(int units, core::Activation activation);
    void updateSummary();
    void updateOptimizerFields();

    QComboBox *m_dataset;
    QTableWidget *m_layers;
    QPushButton *m_addLayer;
    QPushButton *m_removeLayer;
    QComboBox *m_init;
    QComboBox *m_loss;
    QComboBox *m_optimizer;
    QDoubleSpinBox *m_learningRate;
    QDoubleSpinBox *m_momentum;
    QCheckBox *m_nesterov;
    QSpinBox *m_batchSize;
    QSpinBox *m_epochs;
    QDoubleSpinBox *m_l2;
    QDoubleSpinBox *m_dropout;
    QDoubleSpinBox *m_validationSplit;
    QCheckBox *m_validateOnTest;
    QSpinBox *m_patience;
    QSpinBox *m_seed;
    QSpinBox *m_subset;
    QCheckBox *m_augment;
    QCheckBox *m_mixOwn;
    QLabel *m_summary;
};

/// Translated, human names of the engine's enums.
QString activationName(core::Activation a);
QString optimizerName(core::OptimizerKind o);
/// Bytes as the user's locale writes them ("397.5 kB").
QString formatBytes(std::int64_t bytes);
/// y = f(z) written out, typeset as rich text ("σ(z) = 1 / (1 + e<sup>−z</sup>)").
QString activationFormula(core::Activation a);

} // namespace tinyml::ui
