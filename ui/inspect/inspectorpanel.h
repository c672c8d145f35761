// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QListWidget;

namespace tinyml::ui {

class BackgroundJob;
class ConvInspector;
class DataSource;
class NetworkDiagram;
class PixelView;
class ProbabilityBars;
class StudioModel;

/// The Inspect tab: every layer's activations for the current input, a network diagram, and
/// one selected neuron in detail (its incoming weights, input × weight, z = Σ wᵢxᵢ + b with the
/// real numbers, then y = f(z), and the test images that excite it most).
/// A convolutional network adds its feature maps, kernels and receptive fields (ConvInspector);
/// its Dense layers keep the neuron view. Lives on the GUI thread; all numbers come from the
/// engine's own forward pass of one image (fast); the search over the test set runs on a worker.
class InspectorPanel : public QWidget
{
    Q_OBJECT

public:
    InspectorPanel(StudioModel *studio, DataSource *data, QWidget *parent = nullptr);

    /// Selects a neuron of a Dense layer: layer is 1-based among the network's layers (1 = first
    /// hidden); other layer kinds are ignored.
    void selectNeuron(int layer, int neuron);
    int selectedLayer() const { return m_layer; }
    int selectedNeuron() const { return m_neuron; }
    /// The z and y shown for the selected neuron (recomputed from the shown terms).
    double shownZ() const { return m_z; }
    double shownY() const { return m_y; }
    QString formulaText() const;
    /// Activations per layer column for the current input (0: the input).
    const std::vector<std::vector<float>> &activations() const { return m_act; }
    /// Test images of the last "most exciting" search, best first.
    const std::vector<std::uint32_t> &topImages() const { return m_top; }
    NetworkDiagram *diagram() const { return m_diagram; }
    ConvInspector *convInspector() const { return m_conv; }
    /// True while the test images that excite the selected neuron most are being searched.
    bool isSearching() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void recompute();
    void rebuildLayerViews();
    void updateNeuron();
    void findTopImages();

    StudioModel *m_studio;
    DataSource *m_data;
    std::shared_ptr<const core::Network> m_net;
    std::vector<std::vector<float>> m_act;
    std::vector<std::vector<float>> m_pre; ///< z per layer for the current input
    QLabel *m_source;
    PixelView *m_input;
    QWidget *m_layerBox;
    std::vector<PixelView *> m_layerViews;
    ProbabilityBars *m_output;
    NetworkDiagram *m_diagram;
    ConvInspector *m_conv;
    BackgroundJob *m_topJob;
    QLabel *m_neuronTitle;
    PixelView *m_weights;
    PixelView *m_contrib;
    QLabel *m_legend;
    QLabel *m_formula;
    QListWidget *m_topList;
    int m_layer = 1, m_neuron = 0;
    double m_z = 0.0, m_y = 0.0;
    std::vector<std::uint32_t> m_top;
    bool m_dirty = true;
};

/// Columns and rows of the grid that shows n neurons (128 → 16 × 8).
std::pair<int, int> gridShape(int n);
/// 28 x 28 for the 784 inputs of an image, gridShape(n) otherwise.
std::pair<int, int> imageShape(int n);

} // namespace tinyml::ui
