// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"

#include <QWidget>

#include <memory>
#include <vector>

namespace tinyml::ui {

/// Layers as columns, neurons as nodes, weights as lines coloured by sign and as wide as |w|.
/// Large layers are drawn as a readable sample (the most active neurons for the current input)
/// with the full count written under them. Node brightness is the activation.
/// Lives on the GUI thread; it keeps a copy of what it draws.
class NetworkDiagram : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkDiagram(QWidget *parent = nullptr);

    /// activations[0] is the input (784), then one vector per layer; may be empty (no input).
    void setNetwork(std::shared_ptr<const core::Network> net);
    void setActivations(std::vector<std::vector<float>> activations);
    /// Highlights one neuron (layer 1-based among the network's layers, -1: none), one stage.
    void setHighlight(int layer, int neuron);
    void setStageText(const QString &text);

    QSize sizeHint() const override { return {520, 300}; }

    /// The two-line caption under each column ("input\n12 of 784 shown"), left to right.
    QStringList columnLabels() const;
    /// Where column's caption is written, in widget pixels: as wide and high as the captions
    /// need in the current font.
    QRect labelRect(int column) const;

signals:
    void neuronClicked(int layer, int neuron);

protected:
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void chooseSamples();
    QPointF nodePos(int column, int slot) const;
    /// Half the widest caption line plus a little air (px): the distance of the outer columns
    /// from the sides.
    int sideMargin() const;
    /// The captions' height under the nodes (px).
    int labelHeight() const;

    std::shared_ptr<const core::Network> m_net;
    std::vector<std::vector<float>> m_act;
    std::vector<std::vector<int>> m_shown;
    int m_hlLayer = -1, m_hlNeuron = -1;
    QString m_stage;
};

} // namespace tinyml::ui
