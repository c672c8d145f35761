// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/modelspec.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/nn/steptrace.h"
#include "ui/stepper/formulas.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLayout;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tinyml::ui {

class NetworkDiagram;
class PixelView;
class StudioModel;

/// The Step through tab: one training step of the engine, stage by stage (forward, loss,
/// backward, update), with each formula filled in with the real numbers for the selected
/// neuron or weight. Two modes: tiny networks (the worked 2-2-2 example, XOR) in which every
/// weight is visible and editable, and the real MNIST network on the current input.
/// Lives on the GUI thread; it works on its own copy of the network.
class StepperPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Preset { WorkedExample, Xor, Mnist, Convolution };
    using StageKind = StepStageKind;
    using Stage = StepStage;

    explicit StepperPanel(StudioModel *studio, QWidget *parent = nullptr);

    void loadPreset(Preset preset);
    /// Tiny networks: change the hidden and output activations, the loss and the optimizer.
    void configureTiny(core::Activation hidden, core::Activation output, core::LossKind loss,
                       core::OptimizerKind optimizer, float learningRate);

    int stageCount() const { return int(m_stages.size()); }
    int currentStage() const { return m_current; }
    const Stage &stage(int i) const { return m_stages[std::size_t(i)]; }
    QString formulaText() const;
    const core::StepTrace &trace() const { return m_trace; }
    const core::Network &network() const { return *m_net; }
    /// Selects the neuron (layer, j) and the weight from its input i.
    void select(int layer, int neuron, int input = 0);
    /// Sets one parameter of the tiny network (index into Network::parameters()).
    void setParameter(std::size_t index, float value);
    /// Finite differences against backpropagation for the selected weight: (numeric, backprop);
    /// both NaN when the selected layer has no weights.
    std::pair<double, double> checkGradient();
    /// The selection: layer (0-based), unit of its output (NHWC index for an image), and the
    /// weight's input (Dense) or kernel column (convolution).
    int selectedLayer() const { return m_layer; }
    int selectedNeuron() const { return m_neuron; }
    int selectedInput() const { return m_input; }

public slots:
    void next();
    void previous();
    void runForward();
    void runBackward();
    void applyUpdate();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private slots:
    void onPresetChosen(int index);
    void onTinySettingsChanged();
    void onSampleChosen(int sample);
    void onTargetClassChosen(int label);
    void onStageChosen(int row);
    void onNeuronClicked(int column, int neuron);
    void onParameterEdited(int row, int column);
    void onParameterClicked(int row);
    void onGradientPixelClicked(int x, int y);
    void onDeltaPixelClicked(int x, int y);
    void onChannelChosen(int channel);
    void onStudioChanged();
    void showGradientCheck();

private:
    void beginStepIfApplied();
    QLayout *buildSettingsRow();
    /// Makes the parameter table as wide as its columns need in the current font.
    void fitParameterTable();
    QWidget *buildNumbersPane();
    QWidget *buildStagesPane();
    void connectControls();

    void rebuild();
    void recompute();
    void buildStages();
    void showStage();
    void showMnistMaps();
    void fillParameterTable();
    FormulaInput formulaInput() const;
    void setupMnist();
    /// Moves the selection to another layer, following the same place in a CNN (through max
    /// pooling to the pixel that was the max).
    void moveSelectionTo(int layer);
    bool isConvolutional() const { return m_net && !m_net->spec().isDenseOnly(); }
    core::Targets targets() const;

    StudioModel *m_studio;
    Preset m_preset = Preset::WorkedExample;
    std::unique_ptr<core::Network> m_net;
    std::unique_ptr<core::Optimizer> m_optimizer;
    core::Matrix m_x;                 ///< (inputs, n)
    core::Matrix m_targets;           ///< dense targets (MSE), or empty
    std::vector<std::uint8_t> m_labels;
    core::StepTrace m_trace;
    std::vector<float> m_firstBefore, m_secondBefore; ///< optimizer state before the step
    std::vector<Stage> m_stages;
    int m_current = 0;
    int m_layer = 0, m_neuron = 0, m_input = 0, m_sample = 0;
    bool m_mnistStale = true;

    QComboBox *m_presetBox;
    QComboBox *m_hiddenAct;
    QComboBox *m_outputAct;
    QComboBox *m_loss;
    QComboBox *m_optimizerBox;
    QDoubleSpinBox *m_lr;
    QSpinBox *m_sampleBox;
    QSpinBox *m_targetClass;
    QSpinBox *m_channelBox;
    QWidget *m_tinyControls;
    NetworkDiagram *m_diagram;
    QListWidget *m_stageList;
    QLabel *m_title;
    QLabel *m_formula;
    QLabel *m_check;
    QTableWidget *m_params = nullptr;
    QWidget *m_mnistMaps;
    PixelView *m_deltaMap;
    PixelView *m_gradMap;
    QPushButton *m_prev;
    QPushButton *m_next;
    QPushButton *m_forward;
    QPushButton *m_backward;
    QPushButton *m_apply;
    QPushButton *m_checkButton;
    bool m_filling = false;
};

} // namespace tinyml::ui
