// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/draw/modelchooser.h"

#include "ui/shared/defaultmodel.h"
#include "ui/shared/imageviews.h"
#include "ui/shared/storedvalue.h"
#include "ui/shared/studiomodel.h"

#include "core/base/error.h"
#include "core/data/dataset.h"
#include "core/tflite/tfliteint8.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace tinyml::ui {

namespace {

const QStringList kKeys{QStringLiteral("current"), QStringLiteral("course"), QStringLiteral("cnn")};
const QString kNone = QStringLiteral("none");

QStringList namesOf(const core::LoadedModel *model)
{
    const bool fashion = model && model->info.count("dataset")
                         && model->info.at("dataset").rfind("fashion", 0) == 0;
    QStringList names;
    for (const auto &n :
         core::classNames(fashion ? core::DatasetKind::FashionMnist : core::DatasetKind::Mnist))
        names << QString::fromStdString(n);
    return names;
}

} // namespace

ModelChooser::ModelChooser(StudioModel *studio, QWidget *parent) : QWidget(parent), m_studio(studio)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *choices = new QHBoxLayout;
    m_primary = new QComboBox;
    m_primary->setObjectName(QStringLiteral("drawModel"));
    m_compare = new QComboBox;
    m_compare->setObjectName(QStringLiteral("compareModel"));
    const QString labels[]
        = {tr("Current model"), tr("Course model (embedded)"), tr("Small CNN (embedded)")};
    m_compare->addItem(tr("nothing"), kNone);
    for (int i = 0; i < 3; ++i) {
        m_primary->addItem(labels[i], kKeys[i]);
        m_compare->addItem(labels[i], kKeys[i]);
    }
    m_primary->setToolTip(tr("Which network reads your drawing: the one in use in the studio (the "
                             "one you trained or opened), the course model (784 → 128 → 10, "
                             "about 100,000 parameters) or a small convolutional network (about "
                             "11,000 parameters), both trained with augmentation and built in."));
    m_compare->setToolTip(tr("A second network whose answer is shown next to the first: do they "
                             "agree?"));
    choices->addWidget(new QLabel(tr("Model")));
    choices->addWidget(m_primary, 1);
    choices->addWidget(new QLabel(tr("Compare with")));
    choices->addWidget(m_compare, 1);
    outer->addLayout(choices);

    auto *columns = new QHBoxLayout;
    auto *first = new QVBoxLayout;
    m_primaryTitle = new QLabel;
    m_primaryTitle->setObjectName(QStringLiteral("primaryTitle"));
    m_primaryTitle->setAlignment(Qt::AlignCenter);
    m_primaryTitle->setWordWrap(true);
    m_primaryBars = new ProbabilityBars;
    m_primaryBars->setToolTip(tr("The softmax output: the network's probability for each digit. "
                                 "They add up to 100 %."));
    first->addWidget(m_primaryTitle);
    first->addWidget(m_primaryBars, 1);
    columns->addLayout(first, 1);
    m_compareColumn = new QWidget;
    auto *second = new QVBoxLayout(m_compareColumn);
    second->setContentsMargins(0, 0, 0, 0);
    m_compareTitle = new QLabel;
    m_compareTitle->setObjectName(QStringLiteral("compareTitle"));
    m_compareTitle->setAlignment(Qt::AlignCenter);
    m_compareTitle->setWordWrap(true);
    m_compareBars = new ProbabilityBars;
    m_compareBars->setObjectName(QStringLiteral("compareBars"));
    m_compareBars->setToolTip(tr("The second network's probabilities for the same drawing."));
    second->addWidget(m_compareTitle);
    second->addWidget(m_compareBars, 1);
    columns->addWidget(m_compareColumn, 1);
    outer->addLayout(columns, 1);

    // The last choice comes back, range-checked like every stored setting.
    {
        StoredValues check(settings::source());
        QSettings s;
        const QString primary
            = check.choice(s.value(QStringLiteral("draw/model")), kKeys, kKeys[0], "draw/model");
        const QString compare = check.choice(s.value(QStringLiteral("draw/compare")),
                                             QStringList(kKeys) << kNone, kNone, "draw/compare");
        m_primary->setCurrentIndex(m_primary->findData(primary));
        m_compare->setCurrentIndex(m_compare->findData(compare));
    }
    m_compareColumn->setVisible(comparison().has_value());
    updateTitles();

    auto choiceChanged = [this] {
        m_compareColumn->setVisible(comparison().has_value());
        save();
        updateTitles();
        emit changed();
    };
    connect(m_primary, &QComboBox::currentIndexChanged, this, choiceChanged);
    connect(m_compare, &QComboBox::currentIndexChanged, this, choiceChanged);
    connect(m_studio, &StudioModel::modelChanged, this, [this] {
        updateTitles();
        emit changed();
    });
}

DrawModel ModelChooser::primary() const
{
    return DrawModel(kKeys.indexOf(m_primary->currentData().toString()));
}

std::optional<DrawModel> ModelChooser::comparison() const
{
    const int i = kKeys.indexOf(m_compare->currentData().toString());
    return i < 0 ? std::nullopt : std::optional(DrawModel(i));
}

void ModelChooser::setPrimary(DrawModel m)
{
    m_primary->setCurrentIndex(m_primary->findData(kKeys[int(m)]));
}

void ModelChooser::setComparison(std::optional<DrawModel> m)
{
    m_compare->setCurrentIndex(m_compare->findData(m ? kKeys[int(*m)] : kNone));
}

void ModelChooser::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("draw/model"), m_primary->currentData());
    s.setValue(QStringLiteral("draw/compare"), m_compare->currentData());
}

std::shared_ptr<const core::LoadedModel> ModelChooser::model(DrawModel m) const
{
    auto embedded = [](std::shared_ptr<const core::LoadedModel> &cache, auto load) {
        if (!cache) {
            try {
                cache = std::make_shared<const core::LoadedModel>(load());
            } catch (const core::Error &e) {
                qWarning("%s", e.what());
            }
        }
        return cache;
    };
    switch (m) {
    case DrawModel::Current:
        return m_studio->model();
    case DrawModel::Course:
        return embedded(m_course, loadDefaultModel);
    case DrawModel::SmallCnn:
        return embedded(m_cnn, loadSmallCnnModel);
    }
    return {};
}

QString ModelChooser::modelName(DrawModel m) const
{
    switch (m) {
    case DrawModel::Current:
        if (!m_studio->model())
            return tr("No current model");
        if (m_studio->model()->int8 && m_studio->model()->int8->model)
            return tr("Current model: %1 (int8 arithmetic from the file)")
                .arg(m_studio->origin());
        return tr("Current model: %1").arg(m_studio->origin());
    case DrawModel::Course:
        return tr("Course model, 784 → 128 → 10");
    case DrawModel::SmallCnn:
        return tr("Small CNN");
    }
    return {};
}

void ModelChooser::updateTitles()
{
    m_primaryTitle->setText(modelName(primary()));
    if (const auto c = comparison())
        m_compareTitle->setText(modelName(*c));
    const auto first = model(primary());
    m_primaryBars->setClassNames(namesOf(first.get()));
    if (const auto c = comparison()) {
        const auto second = model(*c);
        m_compareBars->setClassNames(namesOf(second.get()));
    }
}

std::vector<float> ModelChooser::run(DrawModel m, const std::array<float, 784> &input)
{
    const auto net = model(m);
    if (!net || net->network.spec().inputSize != 784)
        return {};
    if (net->int8 && net->int8->model) {
        // A fully-integer .tflite answers with its own int8 arithmetic (TFLite Micro's kernels):
        // the file's output, dequantized (probabilities in steps of 1/256 after its softmax).
        std::vector<float> out;
        net->int8->run(input, &out);
        return out;
    }
    Slot &slot = m_slots[std::size_t(m)];
    if (slot.model != net || !slot.workspace) {
        slot.model = net;
        slot.workspace = std::make_unique<core::Workspace>(net->network.spec(), 1);
    }
    const auto out
        = net->network.forward(core::ConstMatrixMap(input.data(), 784, 1), *slot.workspace);
    return {out.data(), out.data() + out.size()};
}

std::vector<float> ModelChooser::predict(const std::array<float, 784> &input)
{
    const std::vector<float> first = run(primary(), input);
    if (first.empty())
        m_primaryBars->clearProbabilities();
    else
        m_primaryBars->setProbabilities(first);
    if (const auto c = comparison()) {
        const std::vector<float> second = run(*c, input);
        if (second.empty())
            m_compareBars->clearProbabilities();
        else
            m_compareBars->setProbabilities(second);
    }
    return first;
}

void ModelChooser::clearPredictions()
{
    m_primaryBars->clearProbabilities();
    m_compareBars->clearProbabilities();
}

} // namespace tinyml::ui
