// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/nn/steptrace.h"

#include <QWidget>

#include <memory>
#include <vector>

class QGridLayout;
class QGroupBox;
class QLabel;
class QVBoxLayout;

namespace tinyml::ui {

class MapView;

/// The Inspect tab's view of a convolutional network for one input: the input image, every
/// convolution and pooling layer's feature maps (one image per channel, the maps of a layer on
/// one stated colour scale, values on hover), and the kernels of a chosen convolution layer
/// (one small image per filter and input channel, numbers on hover). Clicking a feature-map
/// pixel marks it and outlines its receptive field on the input.
/// Lives on the GUI thread; it only draws numbers the engine computed.
class ConvInspector : public QWidget
{
    Q_OBJECT

public:
    explicit ConvInspector(QWidget *parent = nullptr);

    /// A new network: one group of maps per convolution and pooling layer (nullptr: none).
    void setNetwork(std::shared_ptr<const core::Network> net);
    /// The current input's activations: [0] the input image, then one vector per layer (as
    /// InspectorPanel::activations()); only [0] when there is no input yet.
    void setActivations(const std::vector<std::vector<float>> &activations);
    /// Selects output pixel (y, x) of channel c of layer l (0-based): marks it and outlines its
    /// receptive field on the input; a convolution layer's kernels are shown.
    void selectPixel(int layer, int channel, int y, int x);

    int selectedLayer() const { return m_layer; }
    int selectedChannel() const { return m_channel; }
    /// The layers shown as maps (0-based network layers).
    std::vector<int> mapLayers() const;
    MapView *inputView() const { return m_input; }
    /// The map of channel c of layer l, or nullptr when that layer is not shown.
    MapView *featureMap(int layer, int channel) const;
    /// The layer whose kernels are shown (-1: none) and one kernel image (nullptr when that
    /// filter is not shown: a layer of more than 128 kernels shows the selected filter's only).
    int kernelLayer() const { return m_kernelLayer; }
    MapView *kernelView(int filter, int inputChannel) const;
    QString selectionText() const;
    /// The colour scale stated for layer l's maps (rich text).
    QString legendText(int layer) const;

signals:
    void pixelSelected(int layer, int channel, int y, int x);

private:
    struct LayerMaps
    {
        int layer = 0;
        QGroupBox *box = nullptr;
        QLabel *legend = nullptr;
        std::vector<MapView *> maps;
    };
    void showKernels(int layer);
    void updateSelection();

    std::shared_ptr<const core::Network> m_net;
    std::vector<std::vector<float>> m_act;
    MapView *m_input;
    QLabel *m_inputLegend;
    QLabel *m_selection;
    QVBoxLayout *m_mapsLayout;
    std::vector<LayerMaps> m_layers;
    QGroupBox *m_kernelBox;
    QGridLayout *m_kernelGrid;
    QLabel *m_kernelLegend;
    std::vector<std::vector<MapView *>> m_kernels; ///< [row][input channel]
    std::vector<int> m_kernelFilters;              ///< the filter of each row
    int m_kernelLayer = -1;
    int m_layer = -1, m_channel = 0, m_y = 0, m_x = 0;
};

} // namespace tinyml::ui
