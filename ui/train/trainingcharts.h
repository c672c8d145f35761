// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/trainer.h"

#include <QElapsedTimer>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCheckBox;
class QLabel;

namespace tinyml::ui {

class WrapLabel;

struct RunRecord;

/// Live loss and accuracy charts of the current run, with other runs overlaid for comparison.
/// x is in epochs (a batch at 2.5 is half-way through epoch 3). Lives on the GUI thread.
class TrainingCharts : public QWidget
{
    Q_OBJECT

public:
    explicit TrainingCharts(QWidget *parent = nullptr);

    /// Clears the current run's curves.
    void clearCurrent();
    /// The current run continues the run `name`: its curves are drawn first, as part of the
    /// current run, and the new epochs and batches follow them (x is shifted by its last epoch),
    /// with a marker where the continuation starts. epochs: the earlier run's, 1-based.
    void continueFrom(const QString &name, const std::vector<core::EpochReport> &epochs,
                      const std::vector<double> &lossX, const std::vector<double> &lossY);
    /// Epochs before the current run's own first epoch (0 unless it continues a run).
    int epochOffset() const { return m_epochOffset; }
    /// Where the continuation starts and what its marker says (for tests and screenshots).
    QCPItemText *continuationLabel() const { return m_continueLabel; }
    /// Appends per-batch losses of consecutive steps (1-based step firstStep, counted from the
    /// current run's start) to the smoothed curve, after epochOffset().
    void addBatchLosses(const std::vector<float> &losses, std::int64_t firstStep, int batchesPerEpoch);
    void addEpoch(const core::EpochReport &report);
    /// Replaces the overlaid runs.
    void setComparison(const std::vector<const RunRecord *> &runs);

    /// The smoothed per-batch loss of the current run (x in epochs, y).
    const std::vector<double> &smoothedLossX() const { return m_lossX; }
    const std::vector<double> &smoothedLossY() const { return m_lossY; }
    int currentEpochPoints() const;
    /// The loss chart's value axis: linear (the default) or logarithmic.
    void setLogScale(bool on);
    bool isLogScale() const;
    /// Early stopping restored the weights of this epoch (1-based): the best-epoch marker says so.
    void markRestored(int epoch);
    /// The run diverged at this step (1-based, as BatchReport::step, after epochOffset()) with this loss (may be
    /// infinite or NaN): the loss is drawn where finite and the stop is marked.
    void markDiverged(std::int64_t step, int batchesPerEpoch, double loss);
    /// The current run's epoch with the lowest validation loss, 0 without validation.
    int bestValidationEpoch() const;
    /// Whether the markers are shown, where, and what they say (for tests and screenshots).
    QCPItemStraightLine *bestEpochLine() const { return m_bestLine; }
    QCPItemText *stopLabel() const { return m_stopLabel; }
    QCPItemText *bestEpochLabel() const { return m_bestLabel; }

    QCustomPlot *lossPlot() const { return m_loss; }
    /// The least height of each chart's plot area, in pixels: the charts ask for room for it
    /// (with their axis and legend) in any font.
    static constexpr int kPlotFloor = 100;
    QCustomPlot *accuracyPlot() const { return m_accuracy; }

    bool exportPng(const QString &file) const;
    bool exportPdf(const QString &file) const;
    /// All visible series as CSV: series, x (epochs), y.
    bool exportCsv(const QString &file) const;

protected:
    /// Larger or smaller text: the axes, legends and markers follow the widget's font.
    void changeEvent(QEvent *event) override;

private:
    void applyFont();
    /// Replots at most ten times a second (the engine shares the machine's cores with it).
    void replot();
    void replotNow();
    void showValueAt(QCustomPlot *plot, QMouseEvent *event);
    void setupPlot(QCustomPlot *plot, const QString &yLabel);
    /// Asks for kPlotFloor pixels of plot area, with the axis and legend in the current font.
    void fitMinimumHeight();
    void fitMinimumHeight(QCustomPlot *plot);

    QCustomPlot *m_loss;
    QCustomPlot *m_accuracy;
    WrapLabel *m_hover;
    QCheckBox *m_logScale = nullptr;
    QCPGraph *m_batchLoss;
    QCPGraph *m_trainLoss;
    QCPGraph *m_valLoss;
    QCPGraph *m_trainAcc;
    QCPGraph *m_valAcc;
    std::vector<QCPGraph *> m_overlay;
    std::vector<double> m_lossX, m_lossY;
    double m_ema = 0.0;
    double m_emaWeight = 0.0;
    bool m_emaStarted = false;
    QCPItemStraightLine *m_bestLine = nullptr;
    QCPItemText *m_bestLabel = nullptr;
    QCPItemStraightLine *m_stopLine = nullptr;
    QCPItemText *m_stopLabel = nullptr;
    QCPItemStraightLine *m_continueLine = nullptr;
    QCPItemText *m_continueLabel = nullptr;
    int m_epochOffset = 0;
    int m_restoredEpoch = 0;
    double m_stopX = -1.0;
    QString m_stopText;
    QElapsedTimer m_sinceReplot;
    bool m_replotPending = false;
};

} // namespace tinyml::ui
