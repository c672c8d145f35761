// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/playground/playgroundworker.h"

#include <QImage>
#include <QWidget>

#include <optional>

namespace tinyml::ui {

/// The Playground's colours, as TensorFlow Playground's: orange for class 0 and negative
/// values, blue for class 1 and positive values — a pair that colour-blind learners tell apart.
namespace playgroundColours {
QColor orange();
QColor blue();
/// v in [-1, 1]: orange (−1) through white (0) to blue (+1); strength < 1 gives paler colours
/// (the output map under the points, so that the points' own colours stand out).
QRgb diverging(float v, float strength = 1.0f);
} // namespace playgroundColours

/// A map of values in [-1, 1] (see playgroundColours::diverging) of one neuron from a
/// snapshot: row `unit` of maps.layers[layer], scaled to [-1, 1] as the layer's activation
/// allows (tanh as is, sigmoid and softmax 2a − 1, others by the largest magnitude).
QImage neuronImage(const PlaygroundSnapshot &s,
                   std::size_t layer,
                   Eigen::Index unit,
                   float strength = 1.0f);

/// The data and the output's decision map: the points over the map of p(blue) (classification),
/// or the points and the fitted curve (regression). Reports the mouse in data coordinates.
class PlanarMapView : public QWidget
{
    Q_OBJECT

public:
    explicit PlanarMapView(QWidget *parent = nullptr);

    void setSnapshot(PlaygroundSnapshotPtr snapshot);
    void setTestShown(bool shown);
    /// Data coordinates of a widget position and back.
    QPointF toData(QPointF widget) const;
    QPointF toWidget(QPointF data) const;
    /// The point (train first, then test) under a widget position, or -1.
    int pointAt(QPointF widget) const;
    /// The point with index (as pointAt) of the last snapshot.
    std::optional<core::PlanarPoint> point(int index) const;
    QSize sizeHint() const override { return {360, 360}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override { return w; }

signals:
    /// The mouse is at (x1, x2) in data coordinates; point: the point under it or -1.
    void hovered(QPointF position, int point);
    void left();
    void clicked(QPointF position);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QRectF plotRect() const;
    void drawPoint(QPainter &p, const core::PlanarPoint &pt, bool isTest, bool hovered) const;
    QPointF pointPosition(const core::PlanarPoint &p) const;

    PlaygroundSnapshotPtr m_snapshot;
    QImage m_map;
    QImage m_points; ///< the points drawn once for m_pointsData; null: draw again
    std::shared_ptr<const core::PlanarData> m_pointsData;
    core::PlanarKind m_pointsKind = core::PlanarKind::Circle;
    bool m_test = true;
    int m_hovered = -1;
};

/// The network as a diagram: every neuron's own map, the lines coloured and sized by their
/// weights (hover one for its value), the direction of each weight's next step when the
/// gradient is shown, and the values along one input's path. Click a neuron to select it.
/// A two-class softmax output is drawn as one node, the map of p(blue) = σ(z₂ − z₁) with a
/// caption, its lines carrying the weight differences w₂ᵢ − w₁ᵢ (its two maps would only be
/// each other's complement).
class NeuronDiagramView : public QWidget
{
    Q_OBJECT

public:
    explicit NeuronDiagramView(QWidget *parent = nullptr);

    void setSnapshot(PlaygroundSnapshotPtr snapshot);
    void setGradientShown(bool shown);
    /// Activations of every layer (features first) for the point the learner points at; empty:
    /// none.
    void setPath(std::vector<std::vector<float>> path);
    const std::vector<std::vector<float>> &path() const { return m_path; }
    /// Selected neuron: layer as in PlaygroundMaps (1 … layers), unit.
    void select(int layer, int unit);
    int selectedLayer() const { return m_selLayer; }
    int selectedUnit() const { return m_selUnit; }
    /// Centre of a neuron in widget coordinates (for tests and tooltips); with the output shown
    /// as p(blue), both output units have the centre of its one node.
    QPointF nodeCentre(int layer, int unit) const;
    /// True when the output is a two-class softmax, drawn as the one node of p(blue).
    bool showsBlueProbability() const;
    /// Nodes drawn in a column (layer as in PlaygroundMaps: 0 the inputs).
    int nodesIn(int column) const;
    /// The caption under the output node; empty when it has none.
    QString outputCaption() const;
    /// The rectangle of a node in widget coordinates (node: 0 … nodesIn(column) − 1).
    QRectF nodeRect(int column, int node) const;
    /// Where the output's caption and colour scale are drawn, under the output node.
    QRectF captionRect() const;
    /// The font of the column titles and the caption.
    QFont smallFont() const;
    /// The tooltip text for a widget position (a line's weight or a neuron), empty if none.
    QString toolTipAt(QPointF position) const;
    QSize sizeHint() const override { return {520, 420}; }
    QSize minimumSizeHint() const override { return {300, 240}; }

signals:
    void neuronSelected(int layer, int unit);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Line
    {
        int layer; ///< network layer l: from column l to column l + 1
        int from;
        int to; ///< the drawn node
        float weight;
    };
    int columnCount() const;
    int unitsIn(int column) const;
    /// The network unit a drawn node stands for (the p(blue) node stands for unit 2, index 1).
    int unitOf(int column, int node) const;
    double nodeSize() const;
    std::optional<Line> lineAt(QPointF position) const;
    float weight(int layer, int to, int from) const;
    float gradientOf(int layer, int to, int from) const;
    /// True when the lines of network layer `layer` end in the one p(blue) node.
    bool mergedInto(int layer) const;
    /// The weight (gradient) a line from unit `from` to drawn node `to` carries: w₂ − w₁ into
    /// the p(blue) node.
    float lineWeight(int layer, int to, int from) const;
    float lineGradient(int layer, int to, int from) const;

    PlaygroundSnapshotPtr m_snapshot;
    std::vector<std::vector<float>> m_path;
    bool m_gradient = false;
    int m_selLayer = -1;
    int m_selUnit = -1;
};

/// Names of the input features for the diagram and the formulas ("x₁", "x₁²", "sin x₂").
QString featureName(int bit);

} // namespace tinyml::ui
