// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
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

    /// Hidden layer editing, also for tests and one-click experiments: every layer before the
    /// output (Dense 10, softmax), of any kind.
    int hiddenLayerCount() const;
    void setHiddenLayers(const std::vector<core::LayerSpec> &layers);
    /// Inserts a layer before row (at the end when row is -1).
    void insertLayer(int row, const core::LayerSpec &layer);
    /// The editing table, one row per hidden layer; columns as LayerColumn.
    QTableWidget *layerTable() const { return m_layers; }
    /// The live table of every layer's output shape, parameters, MACs and activation RAM: the
    /// input first, the output last; columns as CostColumn.
    QTableWidget *costTable() const { return m_costs; }
    /// The live cost summary; the owner places it where it stays visible.
    QLabel *summaryLabel() const { return m_summary; }

    /// False while the stack cannot be built (a kernel larger than its input, pooling a 1x1
    /// map, Dense after an image without Flatten, ...); problem() then says why, naming the
    /// layer, and training must not start.
    bool isValid() const { return m_problemText.isEmpty(); }
    QString problem() const { return m_problemText; }
    /// The layer stack in Keras's words, as `tinyml train --layers` and Colab read it.
    QString kerasLine() const;

    /// Replaces the layers with the small CNN (Conv 8 -> pool -> Conv 16 -> pool ->
    /// Dense 10); training settings stay.
    void applySmallCnnPreset();

    enum LayerColumn { KindColumn, SizeColumn, KernelColumn, StrideColumn, PaddingColumn,
                       ActivationColumn, LayerColumnCount };
    enum CostColumn { CostLayer, CostShape, CostParameters, CostMacs, CostRam, CostColumnCount };

signals:
    void changed();
    void datasetChanged();

private:
    void setRowWidgets(int row, const core::LayerSpec &layer);
    core::LayerSpec layerAt(int row) const;
    int rowOf(const QWidget *cellWidget, int column) const;
    void updateSummary();
    void updateCosts(const core::ModelSpec &s, int badLayer);
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
    QLabel *m_input;
    QLabel *m_problem;
    QTableWidget *m_costs;
    QLineEdit *m_keras;
    QString m_problemText;
};

/// Translated, human names of the engine's enums.
QString activationName(core::Activation a);
QString optimizerName(core::OptimizerKind o);
/// A tensor's shape as the locale writes numbers: "26 × 26 × 8" for an image, "800" flat.
QString shapeText(const core::Shape &shape);
/// Bytes as the user's locale writes them ("397.5 kB").
QString formatBytes(std::int64_t bytes);
/// y = f(z) written out, typeset as rich text ("σ(z) = 1 / (1 + e<sup>−z</sup>)").
QString activationFormula(core::Activation a);

} // namespace tinyml::ui
