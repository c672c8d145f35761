// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/nn/network.h"
#include "core/data/preprocess.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QSlider;

namespace tinyml::ui {

class DrawingCanvas;
class InputWarning;
class ModelChooser;
class PixelView;
class ProbabilityBars;
class StudioModel;
class UserDigits;

/// The Draw & Predict tab: a canvas, the preprocessing steps side by side, the ten
/// probabilities of the current model, and corrections into the learner's own set.
/// Lives on the GUI thread; a prediction is one forward pass of a single image per chosen model
/// (well under a millisecond, even for the small CNN), done right away on every change of the
/// drawing.
class DrawPanel : public QWidget
{
    Q_OBJECT

public:
    DrawPanel(StudioModel *studio, UserDigits *own, QWidget *parent = nullptr);

    DrawingCanvas *canvas() const { return m_canvas; }
    /// The chosen model's probabilities.
    ProbabilityBars *bars() const { return m_bars; }
    /// Which model predicts, and which one is compared with it.
    ModelChooser *models() const { return m_models; }
    PixelView *networkInput() const { return m_centred; }
    InputWarning *inputWarning() const { return m_warning; }
    const core::Preprocessed &preprocessed() const { return m_pre; }
    QString predictionText() const;
    /// Files the drawing under a label in the learner's own set.
    bool correct(int label);

signals:
    /// The learner asked to look inside the network for this drawing.
    void inspectRequested();

public slots:
    /// Preprocesses the drawing and predicts now. Changes of the drawing call it through the
    /// event loop, once for a burst of mouse or pen events (a tablet sends hundreds a second).
    void updatePrediction();

private:
    void schedulePrediction();

    StudioModel *m_studio;
    UserDigits *m_own;
    DrawingCanvas *m_canvas;
    QSlider *m_brush;
    PixelView *m_drawing;
    PixelView *m_cropped;
    PixelView *m_box20;
    PixelView *m_centred;
    ModelChooser *m_models;
    ProbabilityBars *m_bars;
    QLabel *m_prediction;
    QLabel *m_hint;
    InputWarning *m_warning;
    QLabel *m_ownCount;
    core::Preprocessed m_pre;
    bool m_predictionPending = false;
};

} // namespace tinyml::ui
