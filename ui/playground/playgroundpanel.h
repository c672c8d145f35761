// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/playground/playgroundfile.h"
#include "ui/playground/playgroundworker.h"

#include <QElapsedTimer>
#include <QWidget>

#include <array>
#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QSlider;
class QSpinBox;

namespace tinyml::core {
class Network;
}

namespace tinyml::ui {

class FlowLayout;
class NeuronDiagramView;
class PlanarMapView;

/// The Playground tab: two-dimensional data, the inputs, any small dense network and its
/// training; the output's decision map under the points and every neuron's own map in a
/// diagram, updated live from the worker's snapshots. Lives on the GUI thread, which only
/// paints: training and maps run on the PlaygroundWorker.
class PlaygroundPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PlaygroundPanel(QWidget *parent = nullptr);
    ~PlaygroundPanel() override;

    /// The settings as the controls show them.
    core::PlaygroundConfig config() const;
    /// Shows config in the controls and starts afresh with it (data: points to use; null:
    /// generate them).
    void applyConfig(const core::PlaygroundConfig &config,
                     std::shared_ptr<const core::PlanarData> data = {});

    void play();
    void pause();
    void step();
    void reset();

    /// Saves the state (settings and points); false and lastError() on failure.
    bool saveTo(const QString &file);
    /// Loads a state file; on failure nothing changes, false and lastError() (translated).
    bool loadFrom(const QString &file);
    QString lastError() const { return m_lastError; }

    PlaygroundSnapshotPtr snapshot() const { return m_snapshot; }
    const std::vector<core::PlaygroundEpoch> &history() const { return m_history; }
    /// Snapshots shown so far (each one a full set of maps).
    int mapUpdates() const { return m_mapUpdates; }
    /// The z = Σ wᵢxᵢ + b line of the selected neuron (plain text).
    QString formulaText() const;
    /// Selects a neuron (layer as in PlaygroundMaps, 1 … layers) and shows its formula at the
    /// data point (x1, x2).
    void showFormula(int layer, int unit, QPointF at);

    PlanarMapView *mapView() const { return m_map; }
    NeuronDiagramView *diagram() const { return m_diagram; }

signals:
    void openXorInStepper();
    /// A snapshot has been handed to the views (they repaint with it). Emitted before the worker
    /// is told that it may send the next one.
    void snapshotShown();

private slots:
    void onSnapshot(tinyml::ui::PlaygroundSnapshotPtr snapshot);
    void onFailed(int code, const QString &name, double value);
    void onSettingsChanged();
    void onMapHovered(QPointF position, int point);
    void onMapClicked(QPointF position);
    void onSaveClicked();
    void onLoadClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildControls();
    /// Makes the settings pane as wide as its contents need in the current font.
    void fitControls();
    QWidget *buildCentre();
    QWidget *buildRight();
    void rebuildLayerRow();
    void changeLayers(int delta);
    void changeUnits(int layer, int delta);
    void updateFeatureAvailability();
    void updateFormula();
    void updateChart(const std::vector<core::PlaygroundEpoch> &added, bool restart);
    /// Redraws the chart at most 10 times a second: the curves need no more.
    void replotChart();
    std::vector<std::vector<float>> activationsAt(float x1, float x2) const;

    PlaygroundThread *m_thread;
    PlaygroundWorker *m_worker;
    PlaygroundSnapshotPtr m_snapshot;
    std::unique_ptr<core::Network> m_net;
    std::vector<core::PlaygroundEpoch> m_history;
    quint64 m_generation = ~quint64(0);
    int m_mapUpdates = 0;
    bool m_filling = false;
    std::vector<int> m_hidden;
    QString m_lastError;
    std::optional<QPointF> m_mouse; ///< data coordinates of the mouse over the map

    QComboBox *m_dataKind;
    QSlider *m_noise;
    QLabel *m_noiseLabel;
    QSlider *m_ratio;
    QLabel *m_ratioLabel;
    QSpinBox *m_points;
    QSpinBox *m_seed;
    QComboBox *m_clickAdds;
    std::array<QCheckBox *, core::kFeatureKinds> m_features{};
    QComboBox *m_activation;
    QComboBox *m_optimizer;
    QComboBox *m_learningRate;
    QComboBox *m_regularisation;
    QComboBox *m_regRate;
    QSpinBox *m_batch;
    QSpinBox *m_speed;

    QPushButton *m_play;
    QPushButton *m_step;
    QPushButton *m_reset;
    QLabel *m_epoch;
    QLabel *m_losses;
    FlowLayout *m_layerRow;
    QScrollArea *m_controls = nullptr; ///< the settings pane on the left
    QWidget *m_controlsBox = nullptr;  ///< what it holds
    QWidget *m_layerBox;
    NeuronDiagramView *m_diagram;
    PlanarMapView *m_map;
    QCheckBox *m_testShown;
    QCheckBox *m_gradientShown;
    QLabel *m_formula;
    QCustomPlot *m_chart;
    QCPItemStraightLine *m_overfitLine = nullptr;
    QCPItemText *m_overfitText = nullptr;
    QElapsedTimer m_chartClock;  ///< since the chart was last drawn
    bool m_chartPending = false; ///< a redraw of the chart is scheduled
};

} // namespace tinyml::ui
