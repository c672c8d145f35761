// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/train/trainingworker.h"

#include <QWidget>

class QLabel;

namespace tinyml::ui {

/// Histograms of every layer with weights, as TensorBoard and tfjs-vis show them: its weights,
/// its outputs (activations) and the magnitudes of its gradients on a log scale, with a line
/// saying when the gradients vanish (the first layers' are far smaller than the last's) or
/// explode. The numbers come from the worker (LayerStatsSnapshot); this widget only draws.
/// Lives on the GUI thread.
class LayerHistograms : public QWidget
{
    Q_OBJECT

public:
    explicit LayerHistograms(QWidget *parent = nullptr);

    /// Shows new statistics (names the layers after spec).
    void setStats(LayerStatsPtr stats, const core::ModelSpec &spec);
    void clear();
    LayerStatsPtr stats() const { return m_stats; }
    /// The line about vanishing or exploding gradients, or a neutral one.
    QString verdict() const;
    /// First layer's gradient RMS over the last layer's (0 without statistics).
    double gradientRatio() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    LayerStatsPtr m_stats;
    core::ModelSpec m_spec;
    QLabel *m_caption;
    QLabel *m_verdict;
};

} // namespace tinyml::ui
