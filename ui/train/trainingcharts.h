// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/trainer.h"

#include <QElapsedTimer>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QLabel;

namespace tinyml::ui {

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
    /// Appends per-batch losses of consecutive steps (1-based step firstStep) to the smoothed curve.
    void addBatchLosses(const std::vector<float> &losses, std::int64_t firstStep, int batchesPerEpoch);
    void addEpoch(const core::EpochReport &report);
    /// Replaces the overlaid runs.
    void setComparison(const std::vector<const RunRecord *> &runs);

    /// The smoothed per-batch loss of the current run (x in epochs, y).
    const std::vector<double> &smoothedLossX() const { return m_lossX; }
    const std::vector<double> &smoothedLossY() const { return m_lossY; }
    int currentEpochPoints() const;

    QCustomPlot *lossPlot() const { return m_loss; }
    QCustomPlot *accuracyPlot() const { return m_accuracy; }

    bool exportPng(const QString &file) const;
    bool exportPdf(const QString &file) const;
    /// All visible series as CSV: series, x (epochs), y.
    bool exportCsv(const QString &file) const;

private:
    /// Replots at most ten times a second (the engine shares the machine's cores with it).
    void replot();
    void replotNow();
    void showValueAt(QCustomPlot *plot, QMouseEvent *event);
    void setupPlot(QCustomPlot *plot, const QString &yLabel);

    QCustomPlot *m_loss;
    QCustomPlot *m_accuracy;
    QLabel *m_hover;
    QCPGraph *m_batchLoss;
    QCPGraph *m_trainLoss;
    QCPGraph *m_valLoss;
    QCPGraph *m_trainAcc;
    QCPGraph *m_valAcc;
    std::vector<QCPGraph *> m_overlay;
    std::vector<double> m_lossX, m_lossY;
    double m_ema = 0.0;
    bool m_emaStarted = false;
    QElapsedTimer m_sinceReplot;
    bool m_replotPending = false;
};

} // namespace tinyml::ui
