// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/io/modelfile.h"
#include "core/nn/network.h"

#include <QWidget>

#include <array>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;

namespace tinyml::ui {

class ProbabilityBars;
class StudioModel;

/// The models Draw & Predict can ask.
enum class DrawModel { Current, Course, SmallCnn };

/// Draw & Predict's choice of model and, if the learner likes, a second one whose ten
/// probabilities are shown next to the first: the studio's current (or just trained) model, the
/// embedded course model or the embedded small CNN. The choice is remembered in the settings
/// (draw/model, draw/compare). Lives on the GUI thread; a prediction is one forward pass of one
/// image per model, done right away: 3.9 ms for the small CNN and a dense model together,
/// measured on the busy 2-core build machine (tst_modelchooser), far below the 30 ms that would
/// call for a worker thread.
class ModelChooser : public QWidget
{
    Q_OBJECT

public:
    explicit ModelChooser(StudioModel *studio, QWidget *parent = nullptr);

    DrawModel primary() const;
    /// The second model, none when the learner compares nothing.
    std::optional<DrawModel> comparison() const;
    void setPrimary(DrawModel m);
    void setComparison(std::optional<DrawModel> m);

    /// The model behind a choice; null when there is none (no current model, or an embedded
    /// model missing from this build).
    std::shared_ptr<const core::LoadedModel> model(DrawModel m) const;
    /// "the embedded small CNN", "the current model (digits.tmlm)", ...
    QString modelName(DrawModel m) const;

    ProbabilityBars *primaryBars() const { return m_primaryBars; }
    ProbabilityBars *comparisonBars() const { return m_compareBars; }

    /// Runs the chosen models on one input (784 values in 0..1), fills both bars and returns
    /// the first model's probabilities (empty when it has none). A fully-integer .tflite
    /// answers with its own int8 arithmetic (core::LoadedModel::int8), the title says so.
    std::vector<float> predict(const std::array<float, 784> &input);
    void clearPredictions();

signals:
    /// A choice changed, or the current model did: predict again.
    void changed();

private:
    struct Slot
    {
        std::shared_ptr<const core::LoadedModel> model;
        std::unique_ptr<core::Workspace> workspace;
    };
    std::vector<float> run(DrawModel m, const std::array<float, 784> &input);
    void updateTitles();
    void save() const;

    StudioModel *m_studio;
    QComboBox *m_primary;
    QComboBox *m_compare;
    QLabel *m_primaryTitle;
    QLabel *m_compareTitle;
    ProbabilityBars *m_primaryBars;
    ProbabilityBars *m_compareBars;
    QWidget *m_compareColumn;
    mutable std::array<Slot, 3> m_slots; ///< by DrawModel: the model last used and its workspace
    mutable std::shared_ptr<const core::LoadedModel> m_course, m_cnn; ///< loaded on first use
};

} // namespace tinyml::ui
